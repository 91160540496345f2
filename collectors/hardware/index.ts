import type { Collector } from '../types.js';
import { collectMacHardware } from './darwin.js';
import { collectLinuxHardware } from './linux.js';
import { collectWindowsHardware } from './win32.js';

export const hardwareCollector: Collector<'hardware'> = {
  category: 'hardware',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => {
    switch (ctx.platform) {
      case 'win32':
        return collectWindowsHardware(ctx);
      case 'darwin':
        return collectMacHardware(ctx);
      case 'linux':
        return collectLinuxHardware(ctx);
    }
  },
};
