import type { FirewallData, Platform } from '@deskside/shared';

import type { CollectContext, Collector } from '../types.js';
import { collectMacFirewall } from './darwin.js';
import { collectLinuxFirewall } from './linux.js';
import { collectWindowsFirewall } from './win32.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<FirewallData> => {
  switch (platform) {
    case 'win32':
      return collectWindowsFirewall(ctx);
    case 'darwin':
      return collectMacFirewall(ctx);
    case 'linux':
      return collectLinuxFirewall(ctx);
  }
};

/** Firewall state: Windows profiles + Security Center, macOS application firewall, Linux ufw/firewalld/nftables. */
export const firewallCollector: Collector<'firewall'> = {
  category: 'firewall',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
