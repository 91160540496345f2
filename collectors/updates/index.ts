import type { Platform, UpdatesData } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<UpdatesData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsUpdates(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacUpdates(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxUpdates(ctx));
  }
};

/** OS updates: last installed, automatic updates, pending reboot and why, pending count from local metadata. */
export const updatesCollector: Collector<'updates'> = {
  category: 'updates',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
