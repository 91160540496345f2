import type { Collector } from '../types.js';

// Each OS's code is loaded on demand: a Windows agent never loads systeminformation or the macOS parsers.
export const usersCollector: Collector<'users'> = {
  category: 'users',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return import('./win32.js').then((m) => m.collectWindowsUsers(ctx));
      case 'darwin':
        return import('./darwin.js').then((m) => m.collectMacUsers(ctx));
      case 'linux':
        return import('./linux.js').then((m) => m.collectLinuxUsers(ctx));
    }
  },
};
