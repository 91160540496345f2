import type { Collector } from '../types.js';

// Each OS's code is loaded on demand: a Windows agent never loads systeminformation or the macOS parsers.
export const storageCollector: Collector<'storage'> = {
  category: 'storage',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return import('./win32.js').then((m) => m.collectWindowsStorage(ctx));
      case 'darwin':
        return import('./darwin.js').then((m) => m.collectMacStorage(ctx));
      case 'linux':
        return import('./linux.js').then((m) => m.collectLinuxStorage(ctx));
    }
  },
};
