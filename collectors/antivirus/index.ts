import type { AntivirusData, Platform } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<AntivirusData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsAntivirus(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacAntivirus(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxAntivirus(ctx));
  }
};

/** Antivirus products and their real state: Security Center + Defender, XProtect + vendor CLIs, ClamAV + vendor CLIs. */
export const antivirusCollector: Collector<'antivirus'> = {
  category: 'antivirus',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
