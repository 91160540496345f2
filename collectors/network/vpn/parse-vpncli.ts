import type { VpnClient } from '@deskside/shared/inventory';

/**
 * `vpncli state` of Cisco Secure Client (5.x) or AnyConnect (4.x):
 *   Cisco Secure Client (version 5.0.01242) .
 *   ...
 *     >> state: Connected
 *     >> notice: Connected to vpn.example.com.
 * The last "state:" line is the current one (the tool repeats them while it attaches).
 */
export function parseVpncliState(text: string): VpnClient | null {
  const header = /^(Cisco (?:Secure Client|AnyConnect Secure Mobility Client))\s*\(version ([^)]+)\)/mu.exec(text);
  const states = [...text.matchAll(/>>\s*state:\s*(\w+)/giu)].map((m) => m[1]?.toLowerCase() ?? '');
  if (header === null && states.length === 0) return null;
  const state = states.at(-1) ?? null;
  const server = /Connected to ([^\s]+?)\.?\s*$/mu.exec(text)?.[1] ?? null;
  return {
    product: 'cisco-secure-client',
    name: header?.[1] ?? 'Cisco Secure Client',
    version: header?.[2]?.trim() ?? null,
    connected: state === null ? null : state === 'connected',
    profile: null,
    server: state === 'connected' ? server : null,
    source: 'vpncli state',
  };
}
