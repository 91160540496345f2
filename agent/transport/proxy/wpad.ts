/**
 * WPAD by DNS: http://wpad.<domain>/wpad.dat for the machine's domain and each parent down to two
 * labels, as Windows' DNS devolution does; a bare top-level name (wpad.com, the classic WPAD leak) is
 * never asked. "a.b.corp.example" → wpad.a.b.corp.example, wpad.b.corp.example, wpad.corp.example.
 */
export function wpadUrls(domains: readonly string[]): string[] {
  const urls: string[] = [];
  for (const domain of domains) {
    const labels = domain.toLowerCase().replace(/\.$/u, '').split('.').filter((l) => l !== '');
    for (let i = 0; labels.length - i >= 2; i += 1) {
      const url = `http://wpad.${labels.slice(i).join('.')}/wpad.dat`;
      if (!urls.includes(url)) urls.push(url);
    }
  }
  return urls;
}

/** The machine's DNS domains, most specific first: its FQDN's domain, then resolv.conf's search list. */
export function machineDomains(hostname: string, searchDomains: readonly string[]): string[] {
  const own = hostname.includes('.') ? [hostname.slice(hostname.indexOf('.') + 1)] : [];
  return [...new Set([...own, ...searchDomains].map((d) => d.toLowerCase()).filter((d) => d.includes('.')))];
}

/** The first WPAD URL that serves a PAC file (one with FindProxyForURL), or null. */
export async function discoverWpad(urls: readonly string[], fetchText: (url: string) => Promise<string | null>): Promise<{ readonly url: string; readonly script: string } | null> {
  for (const url of urls) {
    const script = await fetchText(url).catch(() => null);
    if (script !== null && script.includes('FindProxyForURL')) return { url, script };
  }
  return null;
}
