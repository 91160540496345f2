import { isIpv4, isIpv6, stripZone } from './addresses.js';
import type { Gateway } from './gateway.js';

/**
 * Default routes from BSD `netstat -rn` (macOS): the "Internet:" and "Internet6:" tables, columns
 * Destination Gateway Flags Netif [Expire]. A gateway that is "link#N" or a MAC is an on-link route
 * without a router and is skipped; "fe80::%utun0" style gateways keep only the address part.
 */
export function parseNetstatRoutes(text: string): Gateway[] {
  const gateways: Gateway[] = [];
  let family: Gateway['family'] | null = null;
  let columns: string[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (line === 'Internet:') family = 'ipv4';
    else if (line === 'Internet6:') family = 'ipv6';
    else if (line.startsWith('Destination')) columns = line.split(/\s+/u).map((c) => c.toLowerCase());
    else if (family !== null && line.startsWith('default')) {
      const cells = line.split(/\s+/u);
      const at = (name: string, fallback: number): string | undefined => cells[columns.includes(name) ? columns.indexOf(name) : fallback];
      const address = stripZone(at('gateway', 1) ?? '');
      const flags = at('flags', 2) ?? '';
      const valid = family === 'ipv4' ? isIpv4(address) : isIpv6(address);
      if (!valid || !flags.includes('G')) continue;
      gateways.push({ address, interface: at('netif', 3) ?? null, family, metric: null });
    }
  }
  return gateways;
}
