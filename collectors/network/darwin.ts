import type { NetworkData, NetworkInterface } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';
import { macInterfaces, parseHardwarePorts, parseIfconfig, parseNetworksetupInfo } from './parse-ifconfig.js';
import type { Wifi } from './parse-linux-wifi.js';
import { parseAirportInfo, parseSpAirport } from './parse-mac-wifi.js';
import { parseNetstatRoutes } from './parse-netstat-routes.js';
import { parseScutilDns, parseScutilProxy } from './parse-scutil.js';
import { collectVpn } from './vpn/collect-vpn.js';
import { fillWifiGaps } from './wifi-gaps.js';

const AIRPORT = '/System/Library/PrivateFrameworks/Apple80211.framework/Versions/Current/Resources/airport';

async function text(ctx: CollectContext, file: string, args: readonly string[], timeoutMs = 15_000): Promise<string | null> {
  const result = await ctx.system.run(file, args, { timeoutMs }).catch(() => null);
  return result === null || result.exitCode !== 0 ? null : result.stdout;
}

async function interfaces(ctx: CollectContext): Promise<NetworkInterface[]> {
  const [ifconfig, ports] = await Promise.all([
    ctx.system.run('ifconfig', ['-a']),
    text(ctx, 'networksetup', ['-listallhardwareports']),
  ]);
  if (ifconfig.exitCode !== 0) throw new Error(`ifconfig exited with code ${ifconfig.exitCode}: ${ifconfig.stderr.trim()}`);
  const found = macInterfaces(parseIfconfig(ifconfig.stdout), parseHardwarePorts(ports ?? ''));
  // DHCP is a property of the network service; ask only for ports that have an address to explain.
  return Promise.all(
    found.map(async (i) => {
      if (i.displayName === null || i.ipv4.length === 0) return i;
      const info = await text(ctx, 'networksetup', ['-getinfo', i.displayName]);
      return { ...i, dhcp: info === null ? null : parseNetworksetupInfo(info) };
    }),
  );
}

async function wifi(ctx: CollectContext, found: readonly NetworkInterface[]): Promise<Wifi[]> {
  const profiler = await text(ctx, 'system_profiler', ['-json', 'SPAirPortDataType'], 20_000);
  if (profiler !== null) {
    try {
      return parseSpAirport(profiler);
    } catch {
      // Older macOS without -json: the airport tool below still exists there.
    }
  }
  const iface = found.find((i) => i.kind === 'wireless')?.name;
  if (iface === undefined) return [];
  const info = await text(ctx, AIRPORT, ['-I']);
  const current = info === null ? null : parseAirportInfo(info, iface);
  return current === null ? [] : [current];
}

export async function collectMacNetwork(ctx: CollectContext): Promise<NetworkData> {
  const found = await interfaces(ctx);
  const [routes, dns, proxy, wireless, vpn] = await Promise.all([
    text(ctx, 'netstat', ['-rn']),
    text(ctx, 'scutil', ['--dns']),
    text(ctx, 'scutil', ['--proxy']),
    wifi(ctx, found),
    collectVpn(ctx),
  ]);
  const resolver = parseScutilDns(dns ?? '');
  return {
    interfaces: found,
    defaultGateways: parseNetstatRoutes(routes ?? ''),
    dns: { servers: [...resolver.servers], searchDomains: [...resolver.searchDomains] },
    wifi: fillWifiGaps(found, wireless),
    proxy: proxy === null ? null : parseScutilProxy(proxy),
    vpn,
  };
}
