import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';

import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent, ProxyAgent, request } from 'undici';

import type { HttpRequest, HttpResponse, HttpTransport } from '../host.js';
import { pinningIdentityCheck } from './spki-pin.js';
import { TransportError } from './transport-error.js';

export interface UndiciTransportOptions {
  /** Proxy URL from configuration; empty or undefined uses HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  readonly proxyUrl?: string;
  /** PEM text of extra CA certificates, trusted in addition to the built-in roots. */
  readonly extraCaPem?: string;
  /** Base64 SHA-256 SPKI pins; empty = no pinning. */
  readonly serverKeyPins?: readonly string[];
  readonly connectTimeoutMs?: number;
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

/** The headless agent's HTTP client. The tray app supplies its own on top of Electron's `net`. */
export class UndiciTransport implements HttpTransport {
  private readonly dispatcher: Dispatcher;
  private readonly maxResponseBytes: number;

  constructor(options: UndiciTransportOptions = {}) {
    const tls = {
      ...(options.extraCaPem ? { ca: [...rootCertificates, options.extraCaPem] } : {}),
      checkServerIdentity: pinningIdentityCheck(options.serverKeyPins ?? []),
      timeout: options.connectTimeoutMs ?? 10_000,
    };
    const common = { connect: tls, requestTls: tls, keepAliveTimeout: 10_000, connections: 4 };
    this.maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
    if (options.proxyUrl) this.dispatcher = new ProxyAgent({ ...common, uri: options.proxyUrl });
    else if (process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY || process.env.http_proxy) {
      this.dispatcher = new EnvHttpProxyAgent(common);
    } else this.dispatcher = new Agent(common);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
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
        dispatcher: this.dispatcher,
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
    await this.dispatcher.close();
  }
}

export async function createUndiciTransport(settings: {
  readonly proxyUrl: string;
  readonly extraCaFile: string | null;
  readonly serverKeyPins: readonly string[];
}): Promise<UndiciTransport> {
  let extraCaPem: string | undefined;
  if (settings.extraCaFile) {
    try {
      extraCaPem = await readFile(settings.extraCaFile, 'utf8');
    } catch (e) {
      throw new Error(`extraCaFile ${settings.extraCaFile} cannot be read: ${(e as Error).message}`, { cause: e });
    }
    if (!extraCaPem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`extraCaFile ${settings.extraCaFile} holds no PEM certificate`);
  }
  return new UndiciTransport({
    ...(settings.proxyUrl ? { proxyUrl: settings.proxyUrl } : {}),
    ...(extraCaPem ? { extraCaPem } : {}),
    serverKeyPins: settings.serverKeyPins,
  });
}
