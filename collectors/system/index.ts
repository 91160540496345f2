import type { Platform } from '@deskside/shared';

import type { Collector } from '../types.js';
import { collectMacSystem } from './darwin.js';
import { collectLinuxSystem } from './linux.js';
import { collectWindowsSystem } from './win32.js';

/** IANA zone from the runtime: Node maps Windows zone names ("Romance Standard Time") to IANA too. */
function runtimeTimezone(): string | null {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}

function posixLocale(): string | null {
  const raw = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const tag = raw.replace(/\..*$/, '').replace(/@.*$/, '').replace(/_/g, '-');
  return tag === '' || tag === 'C' || tag === 'POSIX' ? null : tag;
}

export const systemCollector: Collector<'system'> = {
  category: 'system',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    const platform: Platform = ctx.platform;
    switch (platform) {
      case 'win32':
        return collectWindowsSystem(ctx, runtimeTimezone());
      case 'darwin':
        return collectMacSystem(ctx, runtimeTimezone());
      case 'linux':
        return collectLinuxSystem(ctx, runtimeTimezone(), posixLocale());
    }
  },
};
