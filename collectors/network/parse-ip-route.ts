import type { NetworkData } from '@deskside/shared';

import { isIpv4, isIpv6, stripZone } from './addresses.js';
import { ParseError } from './parse-error.js';

export type Gateway = NetworkData['defaultGateways'][number];

interface IpRoute {
  readonly dst?: string;
  readonly gateway?: string;
  readonly via?: { readonly family?: string; readonly host?: string };
  readonly dev?: string;
  readonly metric?: number;
}

/**
 * Parses `ip -json route show default` (or `ip -6 ...`): default routes with a next hop. Routes with
 * no gateway (a point-to-point VPN's "default dev tun0") have no address to report and are skipped.
 */
export function parseIpRoutes(output: string, family: Gateway['family']): Gateway[] {
  if (output.trim() === '') return [];
  let routes: unknown;
  try {
    routes = JSON.parse(output);
  } catch {
    throw new ParseError('ip -json route: output is not JSON');
  }
  if (!Array.isArray(routes)) throw new ParseError('ip -json route: expected a list of routes');
  const gateways: Gateway[] = [];
  for (const route of routes as IpRoute[]) {
    if (route?.dst !== 'default' && route?.dst !== '0.0.0.0/0' && route?.dst !== '::/0') continue;
    const address = route.gateway ?? route.via?.host;
    if (typeof address !== 'string') continue;
    const bare = stripZone(address);
    if (family === 'ipv4' ? !isIpv4(bare) : !isIpv6(bare)) continue;
    gateways.push({
      address: bare,
      interface: typeof route.dev === 'string' ? route.dev : null,
      family,
      metric: typeof route.metric === 'number' && Number.isInteger(route.metric) && route.metric >= 0 ? route.metric : null,
    });
  }
  return gateways;
}
