import type { Platform } from '@deskside/shared/inventory';

import type { Collector } from '../types.js';

/** IANA zone from the runtime: Node maps Windows zone names ("Romance Standard Time") to IANA too. */
function runtimeTimezone(): string | null {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}

function posixLocale(): string | null {
  const raw = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const tag = raw.replace(/\..*$/, '').replace(/@.*$/, '').replace(/_/g, '-');
  return tag === '' || tag === 'C' || tag === 'POSIX' ? null : tag;
}

// Each OS's code is loaded on demand: a Windows agent never loads systeminformation or the macOS parsers.
export const systemCollector: Collector<'system'> = {
  category: 'system',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    const platform: Platform = ctx.platform;
    switch (platform) {
      case 'win32':
        return import('./win32.js').then((m) => m.collectWindowsSystem(ctx, runtimeTimezone()));
      case 'darwin':
        return import('./darwin.js').then((m) => m.collectMacSystem(ctx, runtimeTimezone()));
      case 'linux':
        return import('./linux.js').then((m) => m.collectLinuxSystem(ctx, runtimeTimezone, posixLocale()));
    }
  },
};
