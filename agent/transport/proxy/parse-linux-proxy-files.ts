import { parseEnvironmentFile } from '../../../collectors/network/parse-linux-proxy.js';

export interface ProxyVariables {
  readonly http: string | null;
  readonly https: string | null;
  readonly noProxy: string | null;
}

const pick = (vars: Readonly<Record<string, string | undefined>>, name: string): string | null => {
  const v = vars[name] ?? vars[name.toUpperCase()];
  return v === undefined || v.trim() === '' ? null : v.trim();
};

/** http_proxy / https_proxy / no_proxy from an environment (either case; lower case wins, as in curl). */
export function proxyVariables(vars: Readonly<Record<string, string | undefined>>): ProxyVariables {
  return { http: pick(vars, 'http_proxy'), https: pick(vars, 'https_proxy'), noProxy: pick(vars, 'no_proxy') };
}

/**
 * /etc/environment (pam_env's KEY=value) and /etc/profile.d/*.sh ("export https_proxy=…"): the two
 * places Linux administrators set a machine-wide proxy for command-line tools.
 */
export function parseShellProxyFile(text: string): ProxyVariables {
  return proxyVariables(parseEnvironmentFile(text));
}

/**
 * APT's proxy (`Acquire::http::Proxy "http://proxy:3128/";`, also in block form
 * `Acquire { https { Proxy "…"; }; };`). "DIRECT" or "false" means none.
 */
export function parseAptProxy(text: string): ProxyVariables {
  const found: Record<'http' | 'https', string | null> = { http: null, https: null };
  // Whole-line comments only: "//" also starts every proxy URL.
  const flat = text.replace(/^\s*(?:\/\/|#).*$/gmu, '');
  for (const m of flat.matchAll(/Acquire::(https?)::Proxy\s+"([^"]*)"\s*;/giu)) set(m[1], m[2]);
  for (const m of flat.matchAll(/Acquire\s*\{[^]*?\b(https?)\s*\{\s*Proxy\s+"([^"]*)"\s*;/giu)) set(m[1], m[2]);
  return { ...found, noProxy: null };

  function set(scheme: string | undefined, value: string | undefined) {
    if (scheme === undefined || value === undefined) return;
    const v = value.trim();
    found[scheme.toLowerCase() as 'http' | 'https'] = v === '' || /^(direct|false)$/iu.test(v) ? null : v;
  }
}
