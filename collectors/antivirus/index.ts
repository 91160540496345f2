import type { AntivirusData, Platform } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacAntivirus } from './darwin.js';
import { collectLinuxAntivirus } from './linux.js';
import { collectWindowsAntivirus } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<AntivirusData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsAntivirus(ctx);
    case 'darwin':
      return collectMacAntivirus(ctx);
    case 'linux':
      return collectLinuxAntivirus(ctx);
  }
};

/** Antivirus products and their real state: Security Center + Defender, XProtect + vendor CLIs, ClamAV + vendor CLIs. */
export const antivirusCollector: Collector<'antivirus'> = {
  category: 'antivirus',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
