import type { NetworkData, Platform } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacNetwork } from './darwin.js';
import { limitNetworkData } from './limit.js';
import { collectLinuxNetwork } from './linux.js';
import { collectWindowsNetwork } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<NetworkData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsNetwork(ctx);
    case 'darwin':
      return collectMacNetwork(ctx);
    case 'linux':
      return collectLinuxNetwork(ctx);
  }
};

/** Interfaces, default gateways, DNS, Wi-Fi and proxy from local state only: nothing is pinged or resolved. */
export const networkCollector: Collector<'network'> = {
  category: 'network',
  platforms: ['win32', 'darwin', 'linux'],
  collect: async (ctx) => limitNetworkData(await byPlatform(ctx.platform, ctx)),
};
