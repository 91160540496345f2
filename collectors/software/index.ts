import type { Platform, SoftwareData } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacSoftware } from './darwin.js';
import { collectLinuxSoftware } from './linux.js';
import { collectWindowsSoftware } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<SoftwareData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsSoftware(ctx);
    case 'darwin':
      return collectMacSoftware(ctx);
    case 'linux':
      return collectLinuxSoftware(ctx);
  }
};

/** Installed software: Programs and Features + AppX + hotfixes, macOS apps + receipts + Homebrew, Linux package managers. */
export const softwareCollector: Collector<'software'> = {
  category: 'software',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
