import type { BackupData, Platform } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<BackupData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsBackup(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacBackup(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxBackup(ctx));
  }
};

/** Backup mechanisms with ok / stale / failing / not-configured / unknown and the reason for each. */
export const backupCollector: Collector<'backup'> = {
  category: 'backup',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
