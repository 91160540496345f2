import { HEALTH_TOPICS } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-cn';

function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof o === 'string') out.set(prefix, o);
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  return out;
}

/** Every code main/health/device-health.ts can produce, per topic. */
const CODES: Record<(typeof HEALTH_TOPICS)[number], readonly string[]> = {
  antivirus: ['ok', 'outdated', 'off', 'expired', 'none'],
  firewall: ['ok', 'off'],
  backup: ['ok', 'stale', 'failing', 'none'],
  disk: ['ok', 'low', 'full', 'failing'],
  updates: ['ok', 'pending', 'security-pending', 'reboot', 'automatic-off'],
  encryption: ['ok', 'off', 'suspended'],
  network: ['server-reachable', 'server-unreachable'],
  inventory: ['ok', 'stale', 'never'],
};

describe('message catalogs', () => {
  it('Simplified Chinese has every English key, none empty, with the same placeholders', () => {
    const a = leaves(en);
    const b = leaves(zhCN);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) {
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
      expect(b.get(k), k).not.toBe('');
      expect(placeholders(b.get(k) ?? ''), k).toEqual(placeholders(v));
    }
  });

  it('every health code has a plain-words title and an action in both languages', () => {
    for (const topic of HEALTH_TOPICS) {
      for (const code of CODES[topic]) {
        for (const catalog of [en, zhCN]) {
          const entry = (catalog.health as Record<string, Record<string, { title: string; action: string } | undefined>>)[topic]?.[code];
          expect(entry?.title, `${topic}.${code}`).toBeTruthy();
          expect(entry?.action, `${topic}.${code}`).toBeTruthy();
        }
      }
    }
  });
});
