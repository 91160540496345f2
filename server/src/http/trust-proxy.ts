import { isIP } from 'node:net';

/**
 * What the server believes of `X-Forwarded-For` / `-Proto`: nothing (false), the last `hops` entries
 * (the addresses our own proxies appended), or entries added by the listed proxy addresses. Trusting
 * the header outright would let any client name its own IP (the left-most entry is whatever it sent),
 * resetting the per-IP sign-in and enrollment limits and forging the audit log's addresses.
 */
export type TrustProxy = false | number | readonly string[];

/** proxy-addr's names for address ranges (Fastify's trustProxy understands them). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * `DESKSIDE_TRUST_PROXY`: unset/`0`/`false` → none; a whole number N → N proxy hops (`1` or `true`:
 * one proxy in front, as in the nginx example); else a comma-separated list of proxy addresses or
 * CIDR ranges (`127.0.0.1,10.0.0.0/8`, or `loopback`). Anything else is refused at start-up.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === '0' || text === 'false' || text === 'no') return false;
  if (text === 'true' || text === 'yes') return 1;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 16) throw new Error('DESKSIDE_TRUST_PROXY: a hop count must be between 1 and 16');
    return hops;
  }
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (entries.length === 0 || bad.length > 0) {
    throw new Error(`DESKSIDE_TRUST_PROXY: expected a hop count or proxy addresses/CIDR ranges, got "${bad[0] ?? text}"`);
  }
  return entries;
}

/**
 * Fastify's own hop-count option fails closed (it trusts nothing), so a hop count becomes the same
 * rule as a function: the socket peer and the next `hops - 1` forwarded addresses are our proxies.
 * That holds only when clients cannot reach the server except through them (listen on 127.0.0.1 or a
 * private interface, as docs/deploying.md shows); otherwise list the proxies' addresses instead.
 */
export function fastifyTrustProxy(tp: TrustProxy | true): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (tp === false || tp === true) return tp;
  if (typeof tp === 'number') return (_address, hop) => hop < tp;
  return [...tp];
}
