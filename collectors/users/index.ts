import type { Collector } from '../types.js';
import { collectMacUsers } from './darwin.js';
import { collectLinuxUsers } from './linux.js';
import { collectWindowsUsers } from './win32.js';

export const usersCollector: Collector<'users'> = {
  category: 'users',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return collectWindowsUsers(ctx);
      case 'darwin':
        return collectMacUsers(ctx);
      case 'linux':
        return collectLinuxUsers(ctx);
    }
  },
};
