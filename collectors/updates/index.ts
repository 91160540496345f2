import type { Platform, UpdatesData } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacUpdates } from './darwin.js';
import { collectLinuxUpdates } from './linux.js';
import { collectWindowsUpdates } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<UpdatesData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsUpdates(ctx);
    case 'darwin':
      return collectMacUpdates(ctx);
    case 'linux':
      return collectLinuxUpdates(ctx);
  }
};

/** OS updates: last installed, automatic updates, pending reboot and why, pending count from local metadata. */
export const updatesCollector: Collector<'updates'> = {
  category: 'updates',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
