import { isIpv4, isIpv6, stripZone } from './addresses.js';

export interface DnsSettings {
  readonly servers: readonly string[];
  readonly searchDomains: readonly string[];
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The systemd-resolved stub listener: resolv.conf pointing here means "ask resolvectl for the real servers". */
export const RESOLVED_STUB = new Set(['127.0.0.53', '127.0.0.54']);

/**
 * Parses resolv.conf(5): "nameserver" lines, and "search"/"domain" of which the last one wins (the
 * two keywords are mutually exclusive). Comments start with # or ;.
 */
export function parseResolvConf(text: string): DnsSettings {
  const servers: string[] = [];
  let search: string[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.replace(/[#;].*$/u, '').trim();
    const [keyword, ...values] = line.split(/\s+/u);
    if (keyword === 'nameserver' && values[0] !== undefined) {
      const address = stripZone(values[0]);
      if (isIpv4(address) || isIpv6(address)) servers.push(values[0]);
    } else if ((keyword === 'search' || keyword === 'domain') && values.length > 0) {
      search = values.filter((v) => v !== '.');
    }
  }
  return { servers: unique(servers), searchDomains: unique(search) };
}

/**
 * Parses `resolvectl status`: DNS servers and domains of the Global section and every link. Domains
 * starting with "~" only route queries and are not search domains. Extra servers may continue on
 * indented lines without a label (older systemd).
 */
export function parseResolvectlStatus(text: string): DnsSettings {
  const servers: string[] = [];
  const domains: string[] = [];
  let current: 'servers' | 'domains' | null = null;
  for (const raw of text.split(/\r?\n/u)) {
    const labelled = /^\s*([A-Za-z][A-Za-z .]*?):(?:\s+(.*))?$/u.exec(raw);
    let values: string[];
    if (labelled !== null) {
      const label = labelled[1]?.toLowerCase() ?? '';
      current = label === 'dns servers' ? 'servers' : label === 'dns domain' || label === 'dns domains' ? 'domains' : null;
      values = (labelled[2] ?? '').trim().split(/\s+/u);
    } else if (/^\s+\S/u.test(raw) && current !== null) {
      values = raw.trim().split(/\s+/u);
    } else {
      current = null;
      continue;
    }
    for (const v of values.filter((x) => x !== '')) {
      // systemd 254+ may append the DoT server name: "1.1.1.1#cloudflare-dns.com".
      const address = v.replace(/#.*$/u, '');
      if (current === 'servers' && (isIpv4(stripZone(address)) || isIpv6(stripZone(address)))) servers.push(address);
      if (current === 'domains' && !v.startsWith('~')) domains.push(v);
    }
  }
  return { servers: unique(servers), searchDomains: unique(domains) };
}
