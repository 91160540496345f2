/** Address helpers shared by every platform's network parsers. Pure functions. */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/u;

export const isIpv4 = (s: string): boolean => IPV4.test(s);

/** A plausible IPv6 literal (hex groups, "::", optional embedded IPv4), zone index removed first. */
export function isIpv6(s: string): boolean {
  const bare = stripZone(s);
  if (!/^[0-9a-f:.]+$/iu.test(bare) || !bare.includes(':')) return false;
  if ((bare.match(/::/gu) ?? []).length > 1) return false;
  const groups = bare.split(':');
  return groups.length >= 3 && groups.length <= 8 && groups.every((g) => g === '' || /^[0-9a-f]{1,4}$/iu.test(g) || isIpv4(g));
}

/** "fe80::1%en0" → "fe80::1": the zone names a local interface, not part of the address. */
export const stripZone = (address: string): string => address.replace(/%.*$/u, '');

/**
 * MAC address in the schema's form (six lower-case pairs joined by ":"), from "AA-BB-CC-DD-EE-FF",
 * "aa:bb:cc:dd:ee:ff", "a:b:c:d:e:f" (macOS drops leading zeros) or "AABBCCDDEEFF". An all-zero address
 * (loopback, tunnels) is no hardware address: null.
 */
export function normalizeMac(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let pairs: string[] | null = null;
  if (/^[0-9a-f]{12}$/iu.test(text)) pairs = text.match(/../gu);
  else if (/^[0-9a-f]{1,2}([:-][0-9a-f]{1,2}){5}$/iu.test(text)) pairs = text.split(/[:-]/u).map((p) => p.padStart(2, '0'));
  if (pairs === null) return null;
  const mac = pairs.join(':').toLowerCase();
  return mac === '00:00:00:00:00:00' ? null : mac;
}

/** Prefix length of a dotted ("255.255.254.0") or hex ("0xfffffe00") IPv4 netmask; null if not contiguous. */
export function prefixFromNetmask(mask: string): number | null {
  let value: number;
  if (/^0x[0-9a-f]{8}$/iu.test(mask)) value = Number.parseInt(mask.slice(2), 16);
  else if (isIpv4(mask)) value = mask.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  else return null;
  const bits = value.toString(2).padStart(32, '0');
  return /^1*0*$/u.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : null;
}

/** Dotted netmask from a prefix length (for comparisons with tools that print masks). */
export function netmaskFromPrefix(prefix: number): string {
  const value = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** Wi-Fi band from a channel number when the tool does not say; 6 GHz channels overlap, so unknown there. */
export function bandFromChannel(channel: number | null): '2.4GHz' | '5GHz' | null {
  if (channel === null) return null;
  if (channel >= 1 && channel <= 14) return '2.4GHz';
  if (channel >= 32 && channel <= 177) return '5GHz';
  return null;
}

/** Wi-Fi band from a frequency in MHz. */
export function bandFromFrequency(mhz: number | null): '2.4GHz' | '5GHz' | '6GHz' | null {
  if (mhz === null || !Number.isFinite(mhz)) return null;
  if (mhz >= 2400 && mhz < 2500) return '2.4GHz';
  if (mhz >= 5150 && mhz < 5925) return '5GHz';
  if (mhz >= 5925 && mhz <= 7125) return '6GHz';
  return null;
}

/** Channel number from a frequency in MHz (IEEE 802.11 channel plans). */
export function channelFromFrequency(mhz: number | null): number | null {
  if (mhz === null || !Number.isFinite(mhz)) return null;
  if (mhz === 2484) return 14;
  if (mhz >= 2412 && mhz <= 2472) return (mhz - 2407) / 5;
  if (mhz >= 5160 && mhz <= 5885) return (mhz - 5000) / 5;
  if (mhz >= 5955 && mhz <= 7115) return (mhz - 5950) / 5;
  return null;
}

/** A finite number from text ("866.7", "2,4"), else null. */
export function numberFrom(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = /-?\d+(?:[.,]\d+)?/u.exec(value);
  return m === null ? null : Number(m[0].replace(',', '.'));
}

export const wholeNumber = (value: unknown): number | null => {
  const n = numberFrom(value);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
};
