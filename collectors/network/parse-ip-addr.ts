import type { NetworkInterface } from '@deskside/shared/inventory';

import { isIpv4, isIpv6, normalizeMac, stripZone } from './addresses.js';
import { kindFromName, type InterfaceKind } from './interface-kind.js';
import { ParseError } from './parse-error.js';

/** What /sys/class/net/<name> tells about an interface beyond `ip`. */
export interface SysfsFacts {
  readonly wireless: boolean;
  /** Backed by a device (PCI, USB...), not created in software. */
  readonly physical: boolean;
  /** /sys/class/net/<name>/speed in Mb/s; null when the driver does not say (-1, down, virtual). */
  readonly speedMbps: number | null;
}

interface IpAddrInfo {
  readonly family?: string;
  readonly local?: string;
  readonly prefixlen?: number;
  readonly dynamic?: boolean;
}

interface IpLink {
  readonly ifname?: string;
  readonly flags?: readonly string[];
  readonly mtu?: number;
  readonly operstate?: string;
  readonly link_type?: string;
  readonly address?: string;
  readonly ifalias?: string;
  readonly linkinfo?: { readonly info_kind?: string };
  readonly addr_info?: readonly IpAddrInfo[];
}

const VPN_KINDS = new Set(['tun', 'wireguard', 'ipip', 'gre', 'ip6tnl', 'sit', 'vti', 'xfrm']);
const VIRTUAL_KINDS = new Set(['veth', 'vlan', 'macvlan', 'macvtap', 'ipvlan', 'bond', 'team', 'dummy', 'ifb', 'vxlan', 'geneve', 'vrf', 'nlmon']);

function kindOf(link: IpLink, facts: SysfsFacts | undefined): InterfaceKind {
  const name = link.ifname ?? '';
  const infoKind = link.linkinfo?.info_kind;
  if (link.link_type === 'loopback') return 'loopback';
  if (facts?.wireless === true) return 'wireless';
  if (infoKind === 'bridge') return 'bridge';
  if (infoKind !== undefined && VPN_KINDS.has(infoKind)) return 'vpn';
  if (infoKind !== undefined && VIRTUAL_KINDS.has(infoKind)) return 'virtual';
  if (link.link_type === 'none' || link.link_type === 'ppp') return 'vpn';
  if (link.link_type === 'ether' && facts !== undefined) {
    if (facts.physical) return kindFromName(name) === 'cellular' ? 'cellular' : 'wired';
    return kindFromName(name) === 'wired' ? 'virtual' : kindFromName(name);
  }
  return kindFromName(name);
}

function upOf(link: IpLink): boolean | null {
  switch (link.operstate) {
    case 'UP':
      return true;
    case 'DOWN':
    case 'LOWERLAYERDOWN':
    case 'NOTPRESENT':
      return false;
    default: {
      // "UNKNOWN" is what loopback and tunnels report; the flags then tell.
      const flags = link.flags ?? [];
      if (flags.length === 0) return null;
      return flags.includes('UP') && (flags.includes('LOWER_UP') || link.link_type === 'loopback');
    }
  }
}

/**
 * Parses `ip -details -json address` with the sysfs facts of each interface. DHCP is read from the
 * kernel's "dynamic" flag on IPv4 addresses (set for leases with a lifetime); an interface with only
 * static IPv4 is known not to use DHCP, one without IPv4 is unknown.
 */
export function parseIpAddr(output: string, sysfs: ReadonlyMap<string, SysfsFacts> = new Map()): NetworkInterface[] {
  if (output.trim() === '') return [];
  let links: unknown;
  try {
    links = JSON.parse(output);
  } catch {
    throw new ParseError(`ip -json address: output is not JSON (starts with ${JSON.stringify(output.slice(0, 40))})`);
  }
  if (!Array.isArray(links)) throw new ParseError('ip -json address: expected a list of interfaces');
  const interfaces: NetworkInterface[] = [];
  for (const link of links as IpLink[]) {
    const name = link?.ifname;
    if (typeof name !== 'string' || name === '') continue;
    const facts = sysfs.get(name);
    const addrs = link.addr_info ?? [];
    const v4 = addrs.filter((a) => a.family === 'inet' && typeof a.local === 'string' && isIpv4(a.local));
    const v6 = addrs.filter((a) => a.family === 'inet6' && typeof a.local === 'string' && isIpv6(a.local));
    const kind = kindOf(link, facts);
    const prefix = (a: IpAddrInfo): number | null => (typeof a.prefixlen === 'number' ? a.prefixlen : null);
    interfaces.push({
      name,
      displayName: typeof link.ifalias === 'string' && link.ifalias !== '' ? link.ifalias : null,
      kind,
      mac: kind === 'loopback' ? null : normalizeMac(link.address),
      up: upOf(link),
      dhcp: kind === 'loopback' || v4.length === 0 ? null : v4.some((a) => a.dynamic === true),
      speedMbps: facts?.speedMbps ?? null,
      mtu: typeof link.mtu === 'number' ? link.mtu : null,
      ipv4: v4.map((a) => ({ address: a.local as string, prefixLength: prefix(a) })),
      ipv6: v6.map((a) => ({ address: stripZone(a.local as string), prefixLength: prefix(a) })),
    });
  }
  return interfaces;
}

/** /sys/class/net/<name>/speed: Mb/s, or -1 / an error when the link is down or the driver cannot tell. */
export function parseSysfsSpeed(text: string | null): number | null {
  const n = text === null ? NaN : Number(text.trim());
  return Number.isInteger(n) && n > 0 && n < 10_000_000 ? n : null;
}
