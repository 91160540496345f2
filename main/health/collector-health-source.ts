import type { Category } from '@deskside/shared';

import type { HealthSource } from '../core/ports.js';

/** What My device reads: protection, disks and network. Local reads only, no inventory upload. */
export const HEALTH_CATEGORIES: readonly Category[] = ['storage', 'network', 'antivirus', 'firewall', 'encryption', 'updates', 'backup'];
const FRESH_FOR_MS = 10 * 60 * 1000;

/**
 * Runs the collectors for My device on demand (loaded on first use: an idle tray never pays for them) and keeps the result for a few minutes, so opening the
 * window twice does not spawn the same commands twice.
 */
export function collectorHealthSource(options: { disabled: () => readonly Category[]; backupStaleDays: () => number; now?: () => Date }): HealthSource & { invalidate(): void } {
  const now = options.now ?? (() => new Date());
  let cached: { at: number; value: Awaited<ReturnType<HealthSource['latest']>> } | null = null;
  let running: ReturnType<HealthSource['latest']> | null = null;
  return {
    invalidate: () => {
      cached = null;
    },
    latest() {
      if (cached && now().getTime() - cached.at < FRESH_FOR_MS) return Promise.resolve(cached.value);
      running ??= import('../../collectors/runner.js')
        .then(({ collectInventory }) =>
          collectInventory({ only: HEALTH_CATEGORIES, disabled: options.disabled(), backupStaleDays: options.backupStaleDays(), budgetMs: 60_000 }),
        )
        .then((doc) => {
          const value = { sections: doc.sections, collectedAt: doc.collectedAt };
          cached = { at: now().getTime(), value };
          return value;
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
}
