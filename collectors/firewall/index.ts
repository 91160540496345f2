import type { FirewallData, Platform } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand: a Linux agent never loads the Windows scripts or macOS plist parsers.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<FirewallData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsFirewall(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacFirewall(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxFirewall(ctx));
  }
};

/** Firewall state: Windows profiles + Security Center, macOS application firewall, Linux ufw/firewalld/nftables. */
export const firewallCollector: Collector<'firewall'> = {
  category: 'firewall',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
