import { endianness } from 'node:os';

import type { NetworkData, NetworkInterface, ProxySettings } from '@deskside/shared/inventory';

import { gsettingsSchemaInstalled } from '../common/gsettings.js';
import { siNetwork } from '../common/systeminformation.js';
import type { CollectContext } from '../types.js';
import type { Gateway } from './gateway.js';
import { parseIpAddr, parseSysfsSpeed, type SysfsFacts } from './parse-ip-addr.js';
import { parseEnvironmentFile, parseGsettingsProxy, proxyFromEnvironment } from './parse-linux-proxy.js';
import { mergeWifi, NMCLI_WIFI_FIELDS, parseIwDev, parseIwLink, parseNmcliWifi, type Wifi } from './parse-linux-wifi.js';
import { parseProcIpv6Route, parseProcNetRoute } from './parse-proc-route.js';
import { parseResolvConf, parseResolvectlStatus, RESOLVED_STUB, type DnsSettings } from './parse-resolv.js';
import { interfacesFromSystemInformation, type SiInterface } from './parse-si-interfaces.js';
import { collectVpn } from './vpn/collect-vpn.js';
import { fillWifiGaps } from './wifi-gaps.js';

/** Tools print in the user's language; the parsers read the C locale. */
const C_LOCALE = { LC_ALL: 'C', LANG: 'C' } as const;

async function sysfsFacts(ctx: CollectContext, names: readonly string[]): Promise<Map<string, SysfsFacts>> {
  const facts = new Map<string, SysfsFacts>();
  await Promise.all(
    names.map(async (name) => {
      const base = `/sys/class/net/${name}`;
      const [wireless, physical, speed] = await Promise.all([
        ctx.system.fileExists(`${base}/wireless`),
        ctx.system.fileExists(`${base}/device`),
        ctx.system.readFile(`${base}/speed`).catch(() => null),
      ]);
      facts.set(name, { wireless, physical, speedMbps: parseSysfsSpeed(speed) });
    }),
  );
  return facts;
}

async function interfaces(ctx: CollectContext): Promise<NetworkInterface[]> {
  let text: string;
  try {
    const result = await ctx.system.run('ip', ['-details', '-json', 'address', 'show'], { env: C_LOCALE });
    if (result.exitCode !== 0) throw new Error(`ip exited with code ${result.exitCode}: ${result.stderr.trim()}`);
    text = result.stdout;
  } catch {
    // No iproute2 (minimal containers, old BusyBox): systeminformation reads /sys and ifconfig itself.
    return interfacesFromSystemInformation((await siNetwork().networkInterfaces()) as SiInterface[]);
  }
  // Parsed once to learn the names, again with what sysfs says about each (both are pure and cheap).
  const names = parseIpAddr(text).map((i) => i.name);
  return parseIpAddr(text, await sysfsFacts(ctx, names));
}

/**
 * Default routes from the kernel's routing tables in /proc (what `ip route show default` prints, without
 * starting a process for each family); systeminformation's guess where /proc/net is hidden.
 */
async function gateways(ctx: CollectContext): Promise<Gateway[]> {
  const [v4, v6] = await Promise.all([ctx.system.readFile('/proc/net/route').catch(() => null), ctx.system.readFile('/proc/net/ipv6_route').catch(() => null)]);
  if (v4 !== null || v6 !== null) return [...parseProcNetRoute(v4 ?? '', endianness() === 'LE'), ...parseProcIpv6Route(v6 ?? '')];
  const address = await siNetwork().networkGatewayDefault().catch(() => '');
  if (address === '') return [];
  return [{ address, interface: null, family: address.includes(':') ? 'ipv6' : 'ipv4', metric: null }];
}

async function dns(ctx: CollectContext): Promise<DnsSettings> {
  const conf = parseResolvConf(await ctx.system.readFile('/etc/resolv.conf').catch(() => ''));
  if (!conf.servers.some((s) => RESOLVED_STUB.has(s))) return conf;
  // systemd-resolved's stub hides the real servers; resolvectl knows them.
  const status = await ctx.system.run('resolvectl', ['status', '--no-pager'], { env: C_LOCALE }).catch(() => null);
  if (status === null || status.exitCode !== 0) return conf;
  const resolved = parseResolvectlStatus(status.stdout);
  return {
    servers: resolved.servers.length > 0 ? resolved.servers : conf.servers,
    searchDomains: [...new Set([...resolved.searchDomains, ...conf.searchDomains])],
  };
}

async function wifi(ctx: CollectContext, wireless: readonly string[]): Promise<Wifi[]> {
  if (wireless.length === 0) return [];
  const nmcli = await ctx.system
    .run('nmcli', ['-t', '-f', NMCLI_WIFI_FIELDS.join(','), 'device', 'wifi', 'list', '--rescan', 'no'], { env: C_LOCALE })
    .catch(() => null);
  const fromNm = nmcli !== null && nmcli.exitCode === 0 ? parseNmcliWifi(nmcli.stdout) : [];
  const fromIw: Wifi[] = [];
  const dev = await ctx.system.run('iw', ['dev'], { env: C_LOCALE }).catch(() => null);
  if (dev !== null && dev.exitCode === 0) {
    for (const device of parseIwDev(dev.stdout).filter((d) => d.type === 'managed')) {
      const link = await ctx.system.run('iw', ['dev', device.name, 'link'], { env: C_LOCALE }).catch(() => null);
      const parsed = link !== null && link.exitCode === 0 ? parseIwLink(link.stdout, device.name) : null;
      if (parsed !== null) fromIw.push(parsed);
    }
  }
  return mergeWifi(fromNm, fromIw);
}

/**
 * The desktop's proxy (GNOME gsettings), else the environment's (this process's, then
 * /etc/environment). As the service, gsettings would read root's or a DynamicUser's dconf, so only the
 * service's own environment and /etc/environment are read, and labelled as such.
 */
export async function linuxProxy(ctx: CollectContext, env: Readonly<Record<string, string | undefined>> = process.env): Promise<ProxySettings> {
  const service = ctx.serviceAccount === true;
  const gsettings =
    !service && (await gsettingsSchemaInstalled(ctx, 'org.gnome.system.proxy'))
      ? await ctx.system.run('gsettings', ['list-recursively', 'org.gnome.system.proxy']).catch(() => null)
      : null;
  const desktop = gsettings !== null && gsettings.exitCode === 0 ? parseGsettingsProxy(gsettings.stdout) : null;
  if (desktop !== null && desktop.mode !== 'none') return desktop;
  const fromProcess = proxyFromEnvironment(env, service ? "the agent service's environment (http_proxy, https_proxy, no_proxy)" : 'environment (http_proxy, https_proxy, no_proxy)');
  if (fromProcess.mode !== 'none') return fromProcess;
  const etc = await ctx.system.readFile('/etc/environment').catch(() => '');
  const fromEtc = proxyFromEnvironment(parseEnvironmentFile(etc), '/etc/environment');
  return fromEtc.mode !== 'none' ? fromEtc : (desktop ?? fromProcess);
}

export async function collectLinuxNetwork(ctx: CollectContext): Promise<NetworkData> {
  const found = await interfaces(ctx);
  const [defaultGateways, resolver, wireless, proxySettings, vpn] = await Promise.all([
    gateways(ctx),
    dns(ctx),
    wifi(ctx, found.filter((i) => i.kind === 'wireless').map((i) => i.name)),
    linuxProxy(ctx),
    collectVpn(ctx),
  ]);
  return {
    interfaces: found,
    defaultGateways,
    dns: { servers: [...resolver.servers], searchDomains: [...resolver.searchDomains] },
    wifi: fillWifiGaps(found, wireless),
    proxy: proxySettings,
    vpn,
  };
}
