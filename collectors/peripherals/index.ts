import type { Collector } from '../types.js';
import { collectMacPeripherals } from './darwin.js';
import { collectLinuxPeripherals } from './linux.js';
import { collectWindowsPeripherals } from './win32.js';

export const peripheralsCollector: Collector<'peripherals'> = {
  category: 'peripherals',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return collectWindowsPeripherals(ctx);
      case 'darwin':
        return collectMacPeripherals(ctx);
      case 'linux':
        return collectLinuxPeripherals(ctx);
    }
  },
};
