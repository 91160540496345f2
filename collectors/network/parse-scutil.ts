import type { ProxySettings } from '@deskside/shared/inventory';

import { isIpv4, isIpv6, stripZone } from './addresses.js';
import type { DnsSettings } from './parse-resolv.js';

/**
 * Parses `scutil --dns`. Only the general-purpose resolvers count: those with a "domain" entry are
 * scoped to one domain (local, mDNS, a VPN's split DNS) and answer nothing else. Order is kept.
 */
export function parseScutilDns(text: string): DnsSettings {
  const servers: string[] = [];
  const search: string[] = [];
  const blocks = text.split(/^resolver #\d+/mu).slice(1);
  for (const block of blocks) {
    const end = block.search(/^\S/mu);
    const body = end < 0 ? block : block.slice(0, end);
    if (/^\s*domain\s*:/mu.test(body)) continue;
    for (const m of body.matchAll(/^\s*nameserver\[\d+\]\s*:\s*(\S+)/gmu)) {
      const address = m[1] ?? '';
      if (isIpv4(stripZone(address)) || isIpv6(stripZone(address))) servers.push(address);
    }
    for (const m of body.matchAll(/^\s*search domain\[\d+\]\s*:\s*(\S+)/gmu)) if (m[1] !== undefined) search.push(m[1]);
  }
  return { servers: [...new Set(servers)], searchDomains: [...new Set(search)] };
}

/** Reads `scutil --proxy`'s "<dictionary> { Key : value ... }" text into keys and arrays. */
function scutilDictionary(text: string): { readonly values: Map<string, string>; readonly arrays: Map<string, string[]> } {
  const values = new Map<string, string>();
  const arrays = new Map<string, string[]>();
  let array: string[] | null = null;
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    const opening = /^(\w+)\s*:\s*<array>\s*\{$/u.exec(line);
    if (opening?.[1] !== undefined) {
      array = [];
      arrays.set(opening[1], array);
    } else if (line === '}') array = null;
    else {
      const kv = /^(\w+)\s*:\s*(.*)$/u.exec(line);
      if (kv?.[1] === undefined || kv[2] === undefined) continue;
      if (array !== null) array.push(kv[2]);
      else values.set(kv[1], kv[2]);
    }
  }
  return { values, arrays };
}

/**
 * The system proxy from `scutil --proxy` (the merged configuration of the primary service): a PAC URL
 * wins over manual servers as it does for CFNetwork; WPAD auto-discovery comes next.
 */
export function parseScutilProxy(text: string): ProxySettings | null {
  if (!text.includes('<dictionary>')) return null;
  const { values, arrays } = scutilDictionary(text);
  const on = (key: string): boolean => values.get(key) === '1';
  const bypass = arrays.get('ExceptionsList') ?? [];
  const base = { winHttp: null, source: 'scutil --proxy' };
  if (on('ProxyAutoConfigEnable') && (values.get('ProxyAutoConfigURLString') ?? '') !== '') {
    return { ...base, mode: 'pac', server: null, pacUrl: values.get('ProxyAutoConfigURLString') ?? null, bypass };
  }
  const manual = (['HTTP', 'HTTPS', 'FTP', 'SOCKS', 'RTSP', 'Gopher'] as const)
    .filter((p) => on(`${p}Enable`) && values.has(`${p}Proxy`))
    .map((p) => `${p.toLowerCase()}=${values.get(`${p}Proxy`) ?? ''}${values.has(`${p}Port`) ? `:${values.get(`${p}Port`) ?? ''}` : ''}`);
  if (manual.length > 0) return { ...base, mode: 'manual', server: manual.join(';'), pacUrl: null, bypass };
  if (on('ProxyAutoDiscoveryEnable')) return { ...base, mode: 'auto-detect', server: null, pacUrl: null, bypass };
  return { ...base, mode: 'none', server: null, pacUrl: null, bypass: [] };
}
