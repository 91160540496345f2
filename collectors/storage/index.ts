import type { Collector } from '../types.js';
import { collectMacStorage } from './darwin.js';
import { collectLinuxStorage } from './linux.js';
import { collectWindowsStorage } from './win32.js';

export const storageCollector: Collector<'storage'> = {
  category: 'storage',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return collectWindowsStorage(ctx);
      case 'darwin':
        return collectMacStorage(ctx);
      case 'linux':
        return collectLinuxStorage(ctx);
    }
  },
};
