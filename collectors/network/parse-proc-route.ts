import type { Gateway } from './gateway.js';
import { ParseError } from './parse-error.js';

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_REJECT = 0x200;

/**
 * `/proc/net/route` (the kernel's IPv4 main table, what `ip route show default` shows): default routes
 * (destination and mask 0) that are up and go through a router. Addresses are printed as the 32-bit
 * value in host byte order, so on little-endian machines the bytes read backwards.
 */
export function parseProcNetRoute(text: string, littleEndian: boolean): Gateway[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0]!.trim().split(/\s+/u);
  const column = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new ParseError(`/proc/net/route: no "${name}" column`);
    return i;
  };
  const [iface, destination, gateway, flags, metric, mask] = ['Iface', 'Destination', 'Gateway', 'Flags', 'Metric', 'Mask'].map(column) as [number, number, number, number, number, number];
  const gateways: Gateway[] = [];
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/u);
    const routeFlags = Number.parseInt(f[flags] ?? '', 16);
    if (f[destination] !== '00000000' || f[mask] !== '00000000') continue;
    if (!Number.isInteger(routeFlags) || (routeFlags & RTF_UP) === 0 || (routeFlags & RTF_GATEWAY) === 0) continue;
    const address = ipv4FromHex(f[gateway] ?? '', littleEndian);
    if (address === null) continue;
    gateways.push({ address, interface: f[iface] ?? null, family: 'ipv4', metric: wholeDecimal(f[metric]) });
  }
  return gateways;
}

/**
 * `/proc/net/ipv6_route`: "dest plen src plen next-hop metric refcnt use flags device", all hex. Default
 * routes (::/0) with a next hop; unreachable and prohibit entries (RTF_REJECT) are not routes out.
 */
export function parseProcIpv6Route(text: string): Gateway[] {
  const gateways: Gateway[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/u);
    if (f.length < 10) continue;
    const [dest, destPrefix, , , nextHop, metric, , , flags, device] = f as [string, string, string, string, string, string, string, string, string, string];
    if (!/^0{32}$/u.test(dest) || destPrefix !== '00') continue;
    const routeFlags = Number.parseInt(flags, 16);
    if (!Number.isInteger(routeFlags) || (routeFlags & RTF_REJECT) !== 0) continue;
    const address = ipv6FromHex(nextHop);
    if (address === null || address === '::') continue;
    const value = Number.parseInt(metric, 16);
    gateways.push({ address, interface: device, family: 'ipv6', metric: Number.isInteger(value) && value >= 0 ? value : null });
  }
  return gateways;
}

function ipv4FromHex(hex: string, littleEndian: boolean): string | null {
  if (!/^[0-9A-Fa-f]{8}$/u.test(hex)) return null;
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  if (littleEndian) bytes.reverse();
  return bytes.every((b) => b === 0) ? null : bytes.join('.');
}

/** 32 hex digits to the usual text form; the URL parser applies RFC 5952's zero compression. */
function ipv6FromHex(hex: string): string | null {
  if (!/^[0-9a-fA-F]{32}$/u.test(hex)) return null;
  const groups = Array.from({ length: 8 }, (_, i) => hex.slice(i * 4, i * 4 + 4));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

function wholeDecimal(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/u.test(value)) return null;
  return Number(value);
}
