import type { EncryptionData, Platform } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacEncryption } from './darwin.js';
import { collectLinuxEncryption } from './linux.js';
import { collectWindowsEncryption } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<EncryptionData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsEncryption(ctx);
    case 'darwin':
      return collectMacEncryption(ctx);
    case 'linux':
      return collectLinuxEncryption(ctx);
  }
};

/** Disk encryption per volume and whether the system volume is protected: BitLocker, FileVault, LUKS/dm-crypt. */
export const encryptionCollector: Collector<'encryption'> = {
  category: 'encryption',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
