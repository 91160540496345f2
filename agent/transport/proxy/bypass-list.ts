import { isIP } from 'node:net';

/** 10.0.0.0/8-style entries (macOS ExceptionsList writes "169.254/16"): IPv4 only. */
function inIpv4Cidr(host: string, entry: string): boolean | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){0,3})\/(\d{1,2})$/u.exec(entry);
  if (!m?.[1] || !m[2]) return null;
  if (isIP(host) !== 4) return false;
  const octets = m[1].split('.').map(Number);
  while (octets.length < 4) octets.push(0);
  const bits = Number(m[2]);
  const toInt = (parts: readonly number[]) => parts.reduce((acc, p) => (acc << 8) + p, 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(host.split('.').map(Number)) & mask) === (toInt(octets) & mask);
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '.*')}$`, 'u');
}

/**
 * Whether `url` skips the proxy under a bypass list, in each platform's notation at once:
 * NO_PROXY as curl reads it ("*", "corp.example" and ".corp.example" for the domain and its hosts,
 * optional ":port"), WinINet/WinHTTP ("*.corp.example", "10.*", "<local>" for dotless names), and
 * macOS ("*.local", "169.254/16"). Entries are separated by commas, semicolons or spaces.
 */
export function bypassesProxy(url: URL, list: readonly string[] | string): boolean {
  const host = url.hostname.replace(/^\[|\]$/gu, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const entries = (typeof list === 'string' ? [list] : list)
    .flatMap((e) => e.split(/[,;\s]+/u))
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  return entries.some((raw) => {
    if (raw === '*') return true;
    if (raw === '<local>') return !host.includes('.') && isIP(host) === 0;
    // Drop a scheme some tools write ("http://*.corp"), keep an optional port.
    const entry = raw.replace(/^[a-z]+:\/\//u, '');
    const cidr = inIpv4Cidr(host, entry);
    if (cidr !== null) return cidr;
    const bracketed = entry.startsWith('[');
    const [name = '', entryPort] = bracketed ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':').length === 2 ? entry.split(':') : [entry, undefined];
    if (entryPort !== undefined && entryPort !== '*' && entryPort !== port) return false;
    if (name.includes('*') && !/^\*\.[^*]+$/u.test(name)) return globToRegExp(name).test(host);
    const bare = name.replace(/^\*?\./u, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}
