import type { VpnClient } from '@deskside/shared/inventory';

/** A WireGuard peer counts as connected when it completed a handshake within this (rekey is 120 s). */
export const WIREGUARD_FRESH_HANDSHAKE_S = 180;

/**
 * `wg show all dump`: tab-separated; an interface line has 5 fields (name, private key, public key,
 * listen port, fwmark), a peer line 9 (name, public key, preshared key, endpoint, allowed ips, latest
 * handshake in Unix seconds, rx, tx, keepalive). One entry per interface; connected when any peer
 * shook hands recently. `version` is `wg --version`'s.
 */
export function parseWgDump(text: string, nowSeconds: number, version: string | null): VpnClient[] {
  const byInterface = new Map<string, { endpoint: string | null; latest: number }>();
  for (const line of text.split(/\r?\n/u)) {
    const f = line.split('\t');
    const name = f[0];
    if (name === undefined || name === '') continue;
    if (f.length === 5) byInterface.set(name, byInterface.get(name) ?? { endpoint: null, latest: 0 });
    else if (f.length >= 9) {
      const entry = byInterface.get(name) ?? { endpoint: null, latest: 0 };
      const handshake = Number(f[5]);
      if (Number.isFinite(handshake) && handshake > entry.latest) entry.latest = handshake;
      if (entry.endpoint === null && f[3] && f[3] !== '(none)') entry.endpoint = f[3];
      byInterface.set(name, entry);
    }
  }
  return [...byInterface].map(([name, e]) => ({
    product: 'wireguard',
    name: `WireGuard ${name}`,
    version,
    connected: e.latest > 0 && nowSeconds - e.latest <= WIREGUARD_FRESH_HANDSHAKE_S,
    profile: name,
    server: e.endpoint,
    source: 'wg show all dump',
  }));
}

/** "wireguard-tools v1.0.20210914 - https://git.zx2c4.com/wireguard-tools/" → "1.0.20210914". */
export function parseWgVersion(text: string): string | null {
  return /wireguard-tools v([\w.]+)/u.exec(text)?.[1] ?? null;
}
