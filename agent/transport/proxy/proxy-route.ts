/** One way to try: straight to the server, or through an HTTP(S) proxy (URL, possibly with credentials). */
export type ProxyHop = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly url: string };

/** Where the decision came from, strongest first. */
export const PROXY_SOURCES = ['setting', 'environment', 'system', 'pac', 'wpad', 'none'] as const;
export type ProxySource = (typeof PROXY_SOURCES)[number];

/** How traffic to one URL goes: the hops in the order to try them, and why. */
export interface ProxyRoute {
  readonly hops: readonly ProxyHop[];
  readonly source: ProxySource;
  /** Human-readable origin ("WinHTTP (netsh winhttp show proxy)", "PAC http://wpad.corp/wpad.dat"). */
  readonly detail: string;
}

export const DIRECT: ProxyHop = { kind: 'direct' };

export const directRoute = (source: ProxySource, detail: string): ProxyRoute => ({ hops: [DIRECT], source, detail });

/** A proxy address as tools write it ("proxy:3128", "http://proxy:3128") as a URL undici can use. */
export function proxyUrlOf(address: string): string | null {
  const trimmed = address.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return withScheme.replace(/\/+$/u, '');
  } catch {
    return null;
  }
}

/** "host:port" or the scheme-specific list WinHTTP and macOS write ("http=a:80;https=b:443"). */
export function parseProxyServerList(text: string): { readonly http: string | null; readonly https: string | null } {
  const parts = text.split(/[;\s]+/u).filter((p) => p !== '');
  if (parts.length === 1 && !parts[0]!.includes('=')) {
    const one = proxyUrlOf(parts[0]!);
    return { http: one, https: one };
  }
  const by = new Map<string, string>();
  for (const part of parts) {
    const [scheme, value] = part.split('=', 2);
    if (scheme !== undefined && value !== undefined) by.set(scheme.toLowerCase(), value);
  }
  const http = proxyUrlOf(by.get('http') ?? '');
  return { http, https: proxyUrlOf(by.get('https') ?? '') ?? http };
}

/**
 * A PAC answer ("PROXY a:3128; HTTPS b:443; DIRECT") as hops. SOCKS entries are skipped: the agent's
 * HTTP client speaks HTTP CONNECT only; a PAC offering nothing else ends up direct, and says so.
 */
export function parsePacResult(result: string): ProxyHop[] {
  const hops: ProxyHop[] = [];
  for (const item of result.split(';')) {
    const [keyword = '', address = ''] = item.trim().split(/\s+/u);
    switch (keyword.toUpperCase()) {
      case 'DIRECT':
        hops.push({ kind: 'direct' });
        break;
      case 'PROXY':
      case 'HTTP': {
        const url = proxyUrlOf(`http://${address}`);
        if (url) hops.push({ kind: 'proxy', url });
        break;
      }
      case 'HTTPS': {
        const url = proxyUrlOf(`https://${address}`);
        if (url) hops.push({ kind: 'proxy', url });
        break;
      }
      default:
        break;
    }
  }
  return hops;
}

/** A proxy URL without its credentials, for status, logs and diagnostics. */
export function displayProxy(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/u, '//');
  }
}

export function describeRoute(route: ProxyRoute): string {
  const first = route.hops[0] ?? DIRECT;
  return first.kind === 'direct' ? `direct (${route.detail})` : `through ${displayProxy(first.url)} (${route.detail})`;
}
