import type { NetworkInterface } from '@deskside/shared/inventory';

import { isIpv4, isIpv6, normalizeMac, prefixFromNetmask, stripZone } from './addresses.js';
import { kindFromName } from './interface-kind.js';

/** The part of systeminformation's networkInterfaces() record Deskside reads. */
export interface SiInterface {
  readonly iface?: string;
  readonly ifaceName?: string;
  readonly ip4?: string;
  readonly ip4subnet?: string;
  readonly ip6?: string;
  readonly ip6subnet?: string;
  readonly mac?: string;
  readonly internal?: boolean;
  readonly virtual?: boolean;
  readonly operstate?: string;
  readonly type?: string;
  readonly mtu?: number | null;
  readonly speed?: number | null;
  readonly dhcp?: boolean;
}

const ipv6Prefix = (mask: string | undefined): number | null => {
  if (mask === undefined || mask === '') return null;
  const bits = mask
    .split(':')
    .filter((g) => g !== '')
    .map((g) => Number.parseInt(g, 16).toString(2).padStart(16, '0'))
    .join('');
  return /^1*0*$/u.test(bits) ? (bits.match(/1/gu) ?? []).length : null;
};

/**
 * systeminformation's interfaces (one IPv4 and one IPv6 address each): the fallback when `ip` is not
 * installed (minimal containers).
 */
export function interfacesFromSystemInformation(items: readonly SiInterface[]): NetworkInterface[] {
  const interfaces: NetworkInterface[] = [];
  for (const it of items) {
    const name = it.iface;
    if (name === undefined || name === '') continue;
    const guess = kindFromName(name);
    const kind = it.internal === true ? 'loopback' : it.type === 'wireless' ? 'wireless' : it.virtual === true && guess === 'wired' ? 'virtual' : guess === 'other' && it.type === 'wired' ? 'wired' : guess;
    const ip6 = it.ip6 === undefined ? '' : stripZone(it.ip6);
    interfaces.push({
      name,
      displayName: it.ifaceName !== undefined && it.ifaceName !== name && it.ifaceName !== '' ? it.ifaceName : null,
      kind,
      mac: normalizeMac(it.mac),
      up: it.operstate === 'up' ? true : it.operstate === 'down' ? false : null,
      dhcp: kind === 'loopback' || it.ip4 === undefined || it.ip4 === '' ? null : (it.dhcp ?? null),
      speedMbps: typeof it.speed === 'number' && it.speed > 0 ? it.speed : null,
      mtu: typeof it.mtu === 'number' && Number.isInteger(it.mtu) && it.mtu > 0 ? it.mtu : null,
      ipv4: it.ip4 !== undefined && isIpv4(it.ip4) ? [{ address: it.ip4, prefixLength: prefixFromNetmask(it.ip4subnet ?? '') }] : [],
      ipv6: isIpv6(ip6) ? [{ address: ip6, prefixLength: ipv6Prefix(it.ip6subnet) }] : [],
    });
  }
  return interfaces;
}
