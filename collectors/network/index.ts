import type { NetworkData, Platform } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';
import { limitNetworkData } from './limit.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<NetworkData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsNetwork(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacNetwork(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxNetwork(ctx));
  }
};

/** Interfaces, default gateways, DNS, Wi-Fi and proxy from local state only: nothing is pinged or resolved. */
export const networkCollector: Collector<'network'> = {
  category: 'network',
  platforms: ['win32', 'darwin', 'linux'],
  collect: async (ctx) => limitNetworkData(await byPlatform(ctx.platform, ctx)),
};
