import type { Collector } from '../types.js';

// Each OS's code is loaded on demand: a Windows agent never loads systeminformation or the macOS parsers.
export const hardwareCollector: Collector<'hardware'> = {
  category: 'hardware',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return import('./win32.js').then((m) => m.collectWindowsHardware(ctx));
      case 'darwin':
        return import('./darwin.js').then((m) => m.collectMacHardware(ctx));
      case 'linux':
        return import('./linux.js').then((m) => m.collectLinuxHardware(ctx));
    }
  },
};
