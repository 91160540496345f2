import type { BackupData, Platform } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacBackup } from './darwin.js';
import { collectLinuxBackup } from './linux.js';
import { collectWindowsBackup } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<BackupData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsBackup(ctx);
    case 'darwin':
      return collectMacBackup(ctx);
    case 'linux':
      return collectLinuxBackup(ctx);
  }
};

/** Backup mechanisms with ok / stale / failing / not-configured / unknown and the reason for each. */
export const backupCollector: Collector<'backup'> = {
  category: 'backup',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
