/** Default gateway from /proc/net/route: little-endian hex addresses, destination 00000000, flag RTF_GATEWAY. */
export function parseProcNetRoute(text: string): { iface: string; gateway: string } | null {
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const [iface, destination, gateway, flags] = cols as [string, string, string, string];
    if (destination !== '00000000' || (Number.parseInt(flags, 16) & 0x2) === 0) continue;
    const bytes = gateway.match(/../g)?.map((h) => Number.parseInt(h, 16)).reverse();
    if (!bytes || bytes.length !== 4) continue;
    return { iface, gateway: bytes.join('.') };
  }
  return null;
}

/** `route -n get default` (macOS): "gateway: 192.168.1.1" and "interface: en0". */
export function parseRouteGetDefault(text: string): { iface: string; gateway: string } | null {
  const gateway = /^\s*gateway:\s*(\S+)/m.exec(text)?.[1];
  const iface = /^\s*interface:\s*(\S+)/m.exec(text)?.[1];
  return gateway ? { iface: iface ?? 'unknown', gateway } : null;
}

/** `Get-NetRoute -DestinationPrefix 0.0.0.0/0 | Select NextHop, InterfaceAlias, RouteMetric | ConvertTo-Json`. */
export function parseNetRouteJson(output: string): { iface: string; gateway: string } | null {
  const text = output.replace(/^\uFEFF/, '').trim();
  if (text === '') return null;
  const parsed: unknown = JSON.parse(text);
  const routes = (Array.isArray(parsed) ? parsed : [parsed]) as { NextHop?: unknown; InterfaceAlias?: unknown; RouteMetric?: unknown }[];
  const usable = routes
    .filter((r) => typeof r.NextHop === 'string' && r.NextHop !== '0.0.0.0')
    .sort((a, b) => Number(a.RouteMetric ?? 0) - Number(b.RouteMetric ?? 0));
  const best = usable[0];
  return best ? { iface: String(best.InterfaceAlias ?? 'unknown'), gateway: String(best.NextHop) } : null;
}

/** Private, link-local and CGNAT ranges: the only gateway addresses the agent will ping. */
export function isLocalAddress(ip: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a === 127;
  }
  const lower = ip.toLowerCase();
  return lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd') || lower === '::1';
}
