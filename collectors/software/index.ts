import type { Platform, SoftwareData } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<SoftwareData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsSoftware(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacSoftware(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxSoftware(ctx));
  }
};

/** Installed software: Programs and Features + AppX + hotfixes, macOS apps + receipts + Homebrew, Linux package managers. */
export const softwareCollector: Collector<'software'> = {
  category: 'software',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
