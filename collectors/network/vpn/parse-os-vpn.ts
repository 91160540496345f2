import type { VpnClient } from '@deskside/shared/inventory';

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Windows' own VPN profiles: `Get-VpnConnection` and `Get-VpnConnection -AllUserConnection` as JSON
 * (Name, ServerAddress, TunnelType, ConnectionStatus). TunnelType names the protocol: Ikev2, L2tp,
 * Sstp, Pptp, Automatic.
 */
export function parseGetVpnConnection(json: string): VpnClient[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  return asArray(parsed).flatMap((item): VpnClient[] => {
    if (typeof item !== 'object' || item === null) return [];
    const o = item as Record<string, unknown>;
    const name = str(o.Name);
    if (name === null) return [];
    const tunnel = str(typeof o.TunnelType === 'number' ? String(o.TunnelType) : o.TunnelType);
    return [{
      product: 'os',
      name: tunnel ? `Windows VPN (${tunnel === 'Ikev2' ? 'IKEv2' : tunnel === 'L2tp' ? 'L2TP' : tunnel})` : 'Windows VPN',
      version: null,
      connected: str(o.ConnectionStatus)?.toLowerCase() === 'connected',
      profile: name,
      server: str(o.ServerAddress),
      source: 'Get-VpnConnection',
    }];
  });
}

/**
 * `scutil --nc list` on macOS, one configured service a line:
 *   * (Connected)      6D4A…  IPSec              "Corp VPN"     [IPSec]
 *   * (Disconnected)   1B2C…  PPP --> L2TP       "Old L2TP"     [PPP/L2TP]
 * Third-party clients that register with the system appear as "VPN (com.vendor.app)"; those are left to
 * the product's own detection, which knows its version.
 */
export function parseScutilNcList(text: string): VpnClient[] {
  const out: VpnClient[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const m = /^\s*\*?\s*\(([^)]+)\)\s+[0-9A-F-]{36}\s+(.+?)\s+"([^"]+)"\s+\[([^\]]+)\]/iu.exec(line);
    if (!m?.[1] || !m[2] || !m[3] || !m[4]) continue;
    const kind = m[4];
    if (/^VPN\//u.test(kind)) continue;
    const protocol = /L2TP/iu.test(kind) ? 'L2TP' : /IKEv2/iu.test(kind) || /IKEv2/iu.test(m[2]) ? 'IKEv2' : /IPSec/iu.test(kind) ? 'IPSec' : kind;
    out.push({ product: 'os', name: `macOS VPN (${protocol})`, version: null, connected: m[1].toLowerCase() === 'connected', profile: m[3], server: null, source: 'scutil --nc list' });
  }
  return out;
}

/**
 * NetworkManager's VPN and WireGuard profiles: `nmcli -t -f NAME,TYPE,STATE connection show` (every
 * profile, STATE empty when inactive). Colons inside names are escaped as "\:".
 */
export function parseNmcliConnections(text: string): VpnClient[] {
  const out: VpnClient[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const fields = line.split(/(?<!\\):/u).map((f) => f.replace(/\\:/gu, ':'));
    const [name, type, state] = fields;
    if (!name || (type !== 'vpn' && type !== 'wireguard')) continue;
    out.push({
      product: type === 'wireguard' ? 'wireguard' : 'os',
      name: type === 'wireguard' ? `WireGuard ${name}` : 'NetworkManager VPN',
      version: null,
      connected: state === 'activated',
      profile: name,
      server: null,
      source: 'nmcli connection show',
    });
  }
  return out;
}

/** OpenVPN rewrites its status file every N seconds (Debian's units: 10); older than this, it is not running. */
export const OPENVPN_STATUS_FRESH_S = 120;

/**
 * An OpenVPN client's --status file (version 1):
 *   OpenVPN STATISTICS
 *   Updated,2026-12-07 10:12:00
 *   TUN/TAP read bytes,153789
 *   ...
 *   END
 * Connected while OpenVPN keeps updating it ("Updated" is the machine's local time); the profile is the
 * file's name (client.status → client). A stopped OpenVPN leaves the file behind, stale.
 */
export function parseOpenVpnStatusFile(text: string, profile: string, nowMs: number): VpnClient | null {
  if (!/^OpenVPN (STATISTICS|CLIENT LIST)/mu.test(text)) return null;
  const updated = /^Updated,(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/mu.exec(text);
  const updatedMs = updated?.[1] && updated[2] ? new Date(`${updated[1]}T${updated[2]}`).getTime() : Number.NaN;
  return {
    product: 'openvpn',
    name: 'OpenVPN',
    version: null,
    connected: Number.isNaN(updatedMs) ? null : Math.abs(nowMs - updatedMs) <= OPENVPN_STATUS_FRESH_S * 1000,
    profile,
    server: null,
    source: 'OpenVPN status file',
  };
}

/**
 * GlobalProtect's Linux CLI, `globalprotect show --status`:
 *   GlobalProtect status: Connected
 *   GlobalProtect version: 6.1.1-16
 *   Gateway address: gw.corp.example
 */
export function parseGlobalProtectStatus(text: string): VpnClient | null {
  const status = /GlobalProtect status:\s*(.+)$/imu.exec(text)?.[1]?.trim();
  if (status === undefined) return null;
  return {
    product: 'globalprotect',
    name: 'GlobalProtect',
    version: /GlobalProtect version:\s*(\S+)/iu.exec(text)?.[1] ?? null,
    connected: /^connected$/iu.test(status),
    profile: null,
    server: /Gateway address:\s*(\S+)/iu.exec(text)?.[1] ?? null,
    source: 'globalprotect show --status',
  };
}

/**
 * FortiClient's Linux CLI, `forticlient vpn status`:
 *   Status: Connected
 *   VPN name: Corp
 *   Remote gateway: vpn.corp.example
 * (Not connected: "Status: Not Running" or "Status: Disconnected".)
 */
export function parseFortiClientStatus(text: string, version: string | null): VpnClient | null {
  const status = /^\s*Status:\s*(.+)$/imu.exec(text)?.[1]?.trim();
  if (status === undefined) return null;
  return {
    product: 'forticlient',
    name: 'FortiClient',
    version,
    connected: /^connected$/iu.test(status),
    profile: /VPN name:\s*(.+)$/imu.exec(text)?.[1]?.trim() ?? null,
    server: /Remote gateway:\s*(\S+)/iu.exec(text)?.[1] ?? null,
    source: 'forticlient vpn status',
  };
}
