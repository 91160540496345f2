import { bypassesProxy } from './bypass-list.js';
import { compilePac, type FindProxy } from './pac-script.js';
import { proxyVariables } from './parse-linux-proxy-files.js';
import { DIRECT, directRoute, parsePacResult, proxyUrlOf, type ProxyHop, type ProxyRoute } from './proxy-route.js';
import type { SystemProxyConfig } from './system-proxy.js';
import { discoverWpad } from './wpad.js';

export interface ProxyResolverOptions {
  /** The proxyUrl setting; when set it is used for everything, as before. */
  readonly settingsProxy: string;
  /** The service's environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The machine's configuration (read once, then again after `refreshMs`). */
  readonly system: () => Promise<SystemProxyConfig>;
  /** WPAD candidate URLs for this machine (wpadUrls(machineDomains(…))). */
  readonly wpadUrls: () => Promise<readonly string[]>;
  /** Fetches a PAC file (directly: a PAC file is never fetched through a proxy). Null: not there. */
  readonly fetchText: (url: string) => Promise<string | null>;
  readonly now?: () => number;
  readonly refreshMs?: number;
  /** Compiles a PAC file; pac-resolver in QuickJS unless a test gives another. */
  readonly compile?: (script: string) => Promise<FindProxy>;
}

interface Loaded {
  readonly at: number;
  readonly system: SystemProxyConfig;
  /** The PAC in force (system pacUrl, else WPAD's), or why there is none. */
  readonly pac: { readonly url: string; readonly find: FindProxy; readonly via: 'pac' | 'wpad' } | null;
  readonly pacError: string | null;
}

/**
 * Decides, per request URL, how the agent reaches it: the proxyUrl setting; else the service's
 * environment (HTTPS_PROXY/HTTP_PROXY with NO_PROXY); else the machine's configuration: a PAC file
 * (by URL, or discovered by WPAD when the OS is set to auto-detect), then fixed servers with their
 * bypass list. A PAC that cannot be fetched or run falls back to direct, and the route says why.
 */
export class ProxyResolver {
  #loaded: Loaded | null = null;
  #loading: Promise<Loaded> | null = null;

  constructor(private readonly o: ProxyResolverOptions) {}

  async resolve(target: URL): Promise<ProxyRoute> {
    if (this.o.settingsProxy !== '') return { hops: [{ kind: 'proxy', url: this.o.settingsProxy }], source: 'setting', detail: 'the proxyUrl setting' };
    const env = proxyVariables(this.o.env);
    const envProxy = target.protocol === 'https:' ? (env.https ?? env.http) : env.http;
    if (envProxy !== null) {
      if (env.noProxy !== null && bypassesProxy(target, env.noProxy)) return directRoute('environment', 'NO_PROXY of the service environment');
      const url = proxyUrlOf(envProxy);
      if (url !== null) return { hops: [{ kind: 'proxy', url }], source: 'environment', detail: 'HTTPS_PROXY/HTTP_PROXY of the service environment' };
    }
    const loaded = await this.#load();
    const { system, pac } = loaded;
    if (bypassesProxy(target, system.bypass)) return directRoute('system', `bypass list of ${system.source}`);
    if (pac !== null) {
      const hops = await pac
        .find(target.href)
        .then(parsePacResult)
        .catch(() => null);
      if (hops === null) return directRoute(pac.via, `PAC ${pac.url} failed to answer; going direct`);
      return { hops: hops.length > 0 ? hops : [DIRECT], source: pac.via, detail: `PAC ${pac.url}` };
    }
    const server = target.protocol === 'https:' ? system.servers?.https : system.servers?.http;
    if (server) return { hops: [{ kind: 'proxy', url: server } satisfies ProxyHop], source: 'system', detail: system.source };
    const why = loaded.pacError ?? (system.servers === null && system.pacUrl === null && !system.autoDetect ? 'no proxy configured' : system.source);
    return directRoute('none', why);
  }

  /** Forget what was read: the next request reads the machine's configuration and PAC again. */
  invalidate(): void {
    this.#loaded = null;
  }

  async #load(): Promise<Loaded> {
    const now = (this.o.now ?? Date.now)();
    if (this.#loaded && now - this.#loaded.at < (this.o.refreshMs ?? 5 * 60_000)) return this.#loaded;
    this.#loading ??= this.#read(now).finally(() => {
      this.#loading = null;
    });
    this.#loaded = await this.#loading;
    return this.#loaded;
  }

  async #read(at: number): Promise<Loaded> {
    const system = await this.o.system();
    const compile = this.o.compile ?? compilePac;
    let script: { url: string; text: string; via: 'pac' | 'wpad' } | null = null;
    let pacError: string | null = null;
    if (system.pacUrl !== null) {
      const text = await this.o.fetchText(system.pacUrl).catch((e: unknown) => {
        pacError = `PAC ${system.pacUrl} could not be fetched: ${(e as Error).message}`;
        return null;
      });
      if (text !== null) script = { url: system.pacUrl, text, via: 'pac' };
      else pacError ??= `PAC ${system.pacUrl} could not be fetched`;
    } else if (system.autoDetect) {
      const found = await discoverWpad(await this.o.wpadUrls(), this.o.fetchText);
      if (found) script = { url: found.url, text: found.script, via: 'wpad' };
      else pacError = 'auto-detect (WPAD) found no PAC file';
    }
    if (script === null) return { at, system, pac: null, pacError };
    try {
      return { at, system, pac: { url: script.url, find: await compile(script.text), via: script.via }, pacError: null };
    } catch (e) {
      return { at, system, pac: null, pacError: `PAC ${script.url} is not a valid script: ${(e as Error).message}` };
    }
  }
}
