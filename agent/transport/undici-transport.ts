import { rootCertificates } from 'node:tls';

import type { Dispatcher } from 'undici';
import { Agent, ProxyAgent, request } from 'undici';

import type { HttpRequest, HttpResponse, HttpTransport } from '../host.js';
import { ProxyResolver } from './proxy/proxy-resolver.js';
import { displayProxy, type ProxyHop, type ProxyRoute } from './proxy/proxy-route.js';
import { NO_SYSTEM_PROXY } from './proxy/system-proxy.js';
import { pinningIdentityCheck } from './spki-pin.js';
import { TransportError } from './transport-error.js';
import type { SystemCertificates } from './trust/system-certificates.js';
import { readExtraCaFile, secureContextFor, trustedRoots, type TrustSummary } from './trust/trusted-roots.js';

export interface UndiciTransportOptions {
  /** Proxy URL from configuration; empty or undefined uses HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  readonly proxyUrl?: string;
  /** PEM text of extra CA certificates, trusted in addition to the built-in roots. */
  readonly extraCaPem?: string;
  /** The full list of trusted CAs (PEM); replaces Node's bundled roots and extraCaPem when given. */
  readonly trustedCa?: readonly string[];
  /** Base64 SHA-256 SPKI pins; empty = no pinning. */
  readonly serverKeyPins?: readonly string[];
  readonly connectTimeoutMs?: number;
  /** How each request goes (the proxy resolver); replaces proxyUrl and the environment when given. */
  readonly routeFor?: (url: URL) => Promise<ProxyRoute>;
  /** Largest response body accepted; a server sending more is cut off (protects memory). */
  readonly maxResponseBytes?: number;
}

const ERROR_CODES_TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const ERROR_CODES_CONNECTION = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function causeChain(e: unknown): (Error & { code?: string })[] {
  const chain: (Error & { code?: string })[] = [];
  let current: unknown = e;
  while (current instanceof Error && chain.length < 6) {
    chain.push(current as Error & { code?: string });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Map what undici and Node throw onto the few failures the agent acts on. Never includes headers. */
export function classifyTransportError(e: unknown, timedOut: boolean, aborted: boolean, url: string): TransportError {
  const origin = (() => {
    try {
      return new URL(url).origin;
    } catch {
      return 'server';
    }
  })();
  if (timedOut) return new TransportError('timeout', `no complete answer from ${origin} in time`, { cause: e });
  if (aborted) return new TransportError('aborted', `request to ${origin} was cancelled`, { cause: e });
  for (const err of causeChain(e)) {
    const code = err.code ?? '';
    if (code === 'DESKSIDE_PIN_MISMATCH') return new TransportError('pin-mismatch', `${origin}: ${err.message}`, { cause: e });
    if (ERROR_CODES_TIMEOUT.has(code)) return new TransportError('timeout', `timed out talking to ${origin} (${code})`, { cause: e });
    const refused = /Proxy response \((\d{3})\)/u.exec(err.message);
    if (refused?.[1]) {
      const status = Number(refused[1]);
      // 5xx: the proxy is willing but could not reach the server; that is the network, not a refusal.
      if (status >= 500) return new TransportError('proxy', `the proxy could not reach ${origin} (HTTP ${status})`, { cause: e });
      const why = status === 407 ? 'requires authentication the agent could not give' : status === 403 ? 'forbids the connection' : `answered HTTP ${status}`;
      return new TransportError('proxy', `the proxy refused the connection to ${origin}: it ${why} (HTTP ${status})`, { cause: e, refusedBy: status });
    }
    if (/proxy/i.test(err.message)) return new TransportError('proxy', `proxy failure reaching ${origin}: ${err.message}`, { cause: e });
    if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
      return new TransportError('tls', `TLS failure with ${origin}: ${err.message}`, { cause: e });
    }
    if (ERROR_CODES_CONNECTION.has(code)) return new TransportError('connection', `cannot reach ${origin}: ${code}`, { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new TransportError('connection', `cannot reach ${origin}: ${message}`, { cause: e });
}

async function* counting(body: AsyncIterable<Uint8Array>, count: { bytes: number }): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    count.bytes += chunk.byteLength;
    yield chunk;
  }
}

/** What the last request went through: the route chosen and the hop that carried it. */
export interface UsedRoute {
  readonly route: ProxyRoute;
  readonly hop: ProxyHop;
}

/** The headless agent's HTTP client. The tray app supplies its own on top of Electron's `net`. */
export class UndiciTransport implements HttpTransport {
  private readonly dispatchers = new Map<string, Dispatcher>();
  private readonly maxResponseBytes: number;
  private readonly common: ConstructorParameters<typeof Agent>[0] & object;
  private readonly routeFor: (url: URL) => Promise<ProxyRoute>;
  /** The route of the last request that got an HTTP answer, for status and diagnostics. */
  lastUsed: UsedRoute | null = null;

  constructor(options: UndiciTransportOptions = {}) {
    const ca = options.trustedCa ?? (options.extraCaPem ? [...rootCertificates, options.extraCaPem] : null);
    const tls = {
      ...(ca ? { secureContext: secureContextFor(ca) } : {}),
      checkServerIdentity: pinningIdentityCheck(options.serverKeyPins ?? []),
      timeout: options.connectTimeoutMs ?? 10_000,
    };
    this.common = { connect: tls, keepAliveTimeout: 10_000, connections: 4 };
    this.maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
    // Without a resolver: the proxyUrl option, else the environment as it is now (HTTPS_PROXY, NO_PROXY).
    const resolver = new ProxyResolver({ settingsProxy: options.proxyUrl ?? '', env: { ...process.env }, system: async () => NO_SYSTEM_PROXY, wpadUrls: async () => [], fetchText: async () => null });
    this.routeFor = options.routeFor ?? ((url) => resolver.resolve(url));
  }

  private dispatcherFor(hop: ProxyHop): Dispatcher {
    const key = hop.kind === 'direct' ? 'DIRECT' : hop.url;
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      const tls = this.common.connect as object;
      dispatcher = hop.kind === 'direct' ? new Agent(this.common) : new ProxyAgent({ ...this.common, requestTls: tls, proxyTls: tls, uri: hop.url });
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const route = await this.routeFor(new URL(req.url));
    const hops = route.hops.length > 0 ? route.hops : [{ kind: 'direct' } as const];
    // A body that is a stream can be sent once; a buffer can be sent again through the next hop.
    const replayable = req.body === undefined || req.body instanceof Uint8Array;
    for (let i = 0; ; i += 1) {
      const hop = hops[i]!;
      try {
        const response = await this.send(req, this.dispatcherFor(hop));
        this.lastUsed = { route, hop };
        return response;
      } catch (e) {
        // The next hop (a PAC's "PROXY a; PROXY b; DIRECT") only when this proxy could not be used at
        // all: a refusal is an answer, and a TLS or pin failure would be the same through any proxy.
        const unusable = e instanceof TransportError && (e.failure === 'connection' || e.failure === 'timeout' || (e.failure === 'proxy' && e.refusedBy === null));
        const next = i + 1 < hops.length && replayable && hop.kind === 'proxy' && unusable;
        if (!next) throw e instanceof TransportError && hop.kind === 'proxy' ? e.via(displayProxy(hop.url), route.detail) : e;
      }
    }
  }

  private async send(req: HttpRequest, dispatcher: Dispatcher): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    const sent = { bytes: 0 };
    let body: Uint8Array | AsyncIterable<Uint8Array> | undefined;
    if (req.body === undefined) body = undefined;
    else if (req.body instanceof Uint8Array) {
      body = req.body;
      sent.bytes = req.body.byteLength;
    } else body = counting(req.body, sent);
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: body as Dispatcher.DispatchOptions['body'],
        signal,
        dispatcher,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).byteLength;
        if (size > this.maxResponseBytes) {
          res.body.destroy();
          throw new TransportError('connection', `response from ${new URL(req.url).origin} exceeds ${this.maxResponseBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      return { status: res.statusCode, headers, body: Buffer.concat(chunks), bytesSent: sent.bytes };
    } catch (e) {
      if (e instanceof TransportError) throw e;
      throw classifyTransportError(e, timeout.aborted, req.signal?.aborted ?? false, req.url);
    }
  }

  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map((d) => d.close()));
  }
}

export interface TransportSettings {
  readonly proxyUrl: string;
  readonly extraCaFile: string | null;
  readonly serverKeyPins: readonly string[];
}

export interface TransportSources {
  /** Reads the OS certificate store; without it only Node's roots and extraCaFile are trusted. */
  readonly systemCertificates?: () => Promise<SystemCertificates>;
  /** Builds the proxy resolver (system proxy, PAC, WPAD) given a fetch for PAC files with the same trust. */
  readonly proxyResolver?: (fetchText: (url: string) => Promise<string | null>) => ProxyResolver;
}

const PAC_MAX_BYTES = 1024 * 1024;

/** A PAC file, fetched directly (never through the proxy it describes) with the agent's trust. */
export function pacFetcher(trustedCa: readonly string[]): { readonly fetchText: (url: string) => Promise<string | null>; readonly close: () => Promise<void> } {
  const agent = new Agent({ connect: { secureContext: secureContextFor(trustedCa), timeout: 5000 } });
  const fetchText = async (url: string): Promise<string | null> => {
    const res = await request(url, { dispatcher: agent, headersTimeout: 5000, bodyTimeout: 5000, signal: AbortSignal.timeout(8000) });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return null;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).byteLength;
      if (size > PAC_MAX_BYTES) {
        res.body.destroy();
        throw new Error(`PAC file ${url} is larger than ${PAC_MAX_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  };
  return { fetchText, close: () => agent.close() };
}

/**
 * The transport for the agent's settings: Node's roots plus the OS store plus extraCaFile, the pins,
 * and the route of each request (proxyUrl setting, environment, system proxy, PAC, WPAD). The trust
 * summary says what was trusted.
 */
export async function createUndiciTransport(
  settings: TransportSettings,
  sources: TransportSources = {},
): Promise<UndiciTransport & { readonly trust: TrustSummary; readonly resolver: ProxyResolver | null }> {
  const extra = settings.extraCaFile ? { path: settings.extraCaFile, pem: await readExtraCaFile(settings.extraCaFile) } : null;
  const roots = trustedRoots(sources.systemCertificates ? await sources.systemCertificates() : null, extra);
  const pac = sources.proxyResolver ? pacFetcher(roots.ca) : null;
  const resolver = sources.proxyResolver && pac ? sources.proxyResolver(pac.fetchText) : null;
  const transport = new UndiciTransport({
    ...(settings.proxyUrl ? { proxyUrl: settings.proxyUrl } : {}),
    ...(resolver ? { routeFor: (url: URL) => resolver.resolve(url) } : {}),
    trustedCa: roots.ca,
    serverKeyPins: settings.serverKeyPins,
  });
  if (pac) {
    const close = transport.close.bind(transport);
    transport.close = async () => {
      await Promise.all([close(), pac.close()]);
    };
  }
  return Object.assign(transport, { trust: roots.summary, resolver });
}
