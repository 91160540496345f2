import type { EncryptionData, Platform } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<EncryptionData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsEncryption(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacEncryption(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxEncryption(ctx));
  }
};

/** Disk encryption per volume and whether the system volume is protected: BitLocker, FileVault, LUKS/dm-crypt. */
export const encryptionCollector: Collector<'encryption'> = {
  category: 'encryption',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
