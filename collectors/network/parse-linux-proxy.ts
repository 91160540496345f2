import type { ProxySettings } from '@deskside/shared/inventory';

/**
 * Parses `gsettings list-recursively org.gnome.system.proxy` (lines "schema key value", values in
 * GVariant text form) into the desktop's proxy. Null when the schema is absent (no GNOME settings).
 */
export function parseGsettingsProxy(text: string): ProxySettings | null {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/u)) {
    const m = /^(org\.gnome\.system\.proxy(?:\.\w+)?)\s+([\w-]+)\s+(.*)$/u.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) values.set(`${m[1].replace('org.gnome.system.proxy', '') || '.'}${m[2]}`, m[3]);
  }
  const mode = unquote(values.get('.mode'));
  if (mode === null) return null;
  const list = (values.get('.ignore-hosts') ?? '').match(/'((?:[^'\\]|\\.)*)'/gu) ?? [];
  const bypass = list.map((q) => q.slice(1, -1)).filter((h) => h !== '');
  const server = (scheme: string): string | null => {
    const host = unquote(values.get(`.${scheme}host`));
    const port = Number(values.get(`.${scheme}port`) ?? '0');
    return host === null || host === '' ? null : port > 0 ? `${host}:${port}` : host;
  };
  const pac = unquote(values.get('.autoconfig-url'));
  switch (mode) {
    case 'manual': {
      const servers = ['http', 'https', 'ftp', 'socks'].map((s) => [s, server(s)] as const).filter(([, v]) => v !== null);
      const joined = servers.map(([s, v]) => `${s}=${v}`).join(';');
      return { mode: 'manual', server: joined === '' ? null : joined, pacUrl: null, bypass, winHttp: null, source: 'gsettings org.gnome.system.proxy' };
    }
    case 'auto':
      return {
        mode: pac === null || pac === '' ? 'auto-detect' : 'pac',
        server: null,
        pacUrl: pac === '' ? null : pac,
        bypass,
        winHttp: null,
        source: 'gsettings org.gnome.system.proxy',
      };
    case 'none':
      return { mode: 'none', server: null, pacUrl: null, bypass: [], winHttp: null, source: 'gsettings org.gnome.system.proxy' };
    default:
      return { mode: 'unknown', server: null, pacUrl: null, bypass: [], winHttp: null, source: 'gsettings org.gnome.system.proxy' };
  }
}

const unquote = (v: string | undefined): string | null => {
  if (v === undefined) return null;
  const m = /^'((?:[^'\\]|\\.)*)'$/u.exec(v.trim());
  return m?.[1] !== undefined ? m[1] : v.trim();
};

const PROXY_VARS = ['https_proxy', 'http_proxy', 'all_proxy', 'ftp_proxy'] as const;

/** Credentials in a proxy URL ("http://user:secret@proxy:3128") never leave the machine. */
export function redactProxyUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/iu, '$1');
}

/**
 * The proxy the environment sets for command-line tools: http_proxy and friends (either case, the
 * lower-case form winning as curl does), from the agent's environment or /etc/environment.
 */
export function proxyFromEnvironment(env: Readonly<Record<string, string | undefined>>, source: string): ProxySettings {
  const get = (name: string): string | null => {
    const v = env[name] ?? env[name.toUpperCase()];
    return v === undefined || v.trim() === '' ? null : v.trim();
  };
  const servers = PROXY_VARS.map((n) => [n.replace('_proxy', ''), get(n)] as const).filter(([, v]) => v !== null);
  const noProxy = get('no_proxy');
  const bypass = noProxy === null ? [] : noProxy.split(',').map((h) => h.trim()).filter((h) => h !== '');
  if (servers.length === 0) return { mode: 'none', server: null, pacUrl: null, bypass: [], winHttp: null, source };
  const server = servers.map(([s, v]) => `${s}=${redactProxyUrl(v ?? '')}`).join(';');
  return { mode: 'manual', server, pacUrl: null, bypass, winHttp: null, source };
}

/** /etc/environment: KEY=value lines (optionally quoted), no shell expansion. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/u)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/u.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) env[m[1]] = m[2].trim().replace(/^(['"])(.*)\1$/u, '$2');
  }
  return env;
}
