import { X509Certificate, createHash } from 'node:crypto';

import { net, type ClientRequest, type Session } from 'electron';

import type { HttpRequest, HttpResponse, HttpTransport } from '../../agent/host.js';
import { TransportError } from '../../agent/transport/transport-error.js';
import type { Logger } from '../core/ports.js';

export interface ProxyCredentials {
  /** Basic/Digest credentials for a proxy that does not take the user's Windows/Kerberos sign-in. */
  get(host: string, realm: string): Promise<{ username: string; password: string } | null>;
}

export interface NetTransportOptions {
  /** A session of its own, so the UI's lockdown (which cancels every foreign request) never applies. */
  readonly session: Session;
  /** Read on every TLS handshake, so pins from a policy change apply without a restart. */
  readonly serverKeyPins: () => readonly string[];
  readonly proxyCredentials?: ProxyCredentials;
  readonly maxResponseBytes?: number;
  readonly log: Logger;
}

/**
 * The agent's HTTP transport inside the tray app: Electron `net`, i.e. Chromium's network stack, so
 * the system proxy, PAC scripts, WPAD and integrated proxy sign-in (NTLM/Negotiate) work as in the
 * browser, and the OS certificate store is trusted. SPKI pins from policy are enforced on the session.
 */
export function netTransport(options: NetTransportOptions): HttpTransport {
  const maxBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  {
    // Reviewed: this proc never accepts what Chromium rejected (errorCode !== 0 → refuse); it only adds
    // the organisation's SPKI pins on top.
    options.session.setCertificateVerifyProc((request, callback) => { // eng-disable CERTIFICATE_VERIFY_PROC_JS_CHECK
      const pins = new Set(options.serverKeyPins());
      // -3: Chromium's own verdict stands; -2: refuse. Pins add to, never replace, normal validation.
      if (pins.size === 0) return callback(-3);
      if (request.errorCode !== 0) return callback(-2);
      const chain: string[] = [];
      for (let c: Electron.Certificate | undefined = request.certificate; c; c = c.issuerCert) chain.push(c.data);
      const ok = chain.some((pem) => pins.has(spkiHash(pem)));
      if (!ok) options.log.warn('server certificate matches no configured pin', { host: request.hostname });
      callback(ok ? -3 : -2);
    });
  }
  const open = new Set<ClientRequest>();
  return {
    request: (req) => send(req, options, maxBytes, open),
    close: async () => {
      for (const r of open) r.abort();
      open.clear();
    },
  };
}

function spkiHash(pem: string): string {
  try {
    const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(der).digest('base64');
  } catch {
    return '';
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'server';
  }
}

function send(req: HttpRequest, options: NetTransportOptions, maxBytes: number, open: Set<ClientRequest>): Promise<HttpResponse> {
  const origin = originOf(req.url);
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let bytesSent = 0;
    const request = net.request({
      method: req.method,
      url: req.url,
      session: options.session,
      redirect: 'error',
      credentials: 'omit',
      useSessionCookies: false,
      cache: 'no-store',
    });
    open.add(request);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      open.delete(request);
      fn();
    };
    const fail = (error: TransportError) => {
      finish(() => reject(error));
      request.abort();
    };
    const timer = setTimeout(() => fail(new TransportError('timeout', `no complete answer from ${origin} in time`)), req.timeoutMs);
    const onAbort = () => fail(new TransportError('aborted', `request to ${origin} was cancelled`));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });

    for (const [name, value] of Object.entries(req.headers)) request.setHeader(name, value);

    request.on('login', (authInfo, callback) => {
      if (!authInfo.isProxy || options.proxyCredentials === undefined) return callback();
      options.proxyCredentials
        .get(authInfo.host, authInfo.realm)
        .then((c) => (c ? callback(c.username, c.password) : callback()))
        .catch(() => callback());
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) return fail(new TransportError('connection', `${origin} sent more than ${maxBytes} bytes`));
        chunks.push(chunk);
      });
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
        finish(() => resolve({ status: response.statusCode, headers, body: new Uint8Array(Buffer.concat(chunks)), bytesSent }));
      });
      response.on('error', () => fail(new TransportError('connection', `connection to ${origin} dropped while reading the answer`)));
    });
    request.on('error', (error: Error) => fail(classify(error, origin)));

    void (async () => {
      try {
        if (req.body === undefined) {
          request.end();
        } else if (req.body instanceof Uint8Array) {
          bytesSent = req.body.length;
          request.end(Buffer.from(req.body));
        } else {
          request.chunkedEncoding = true;
          for await (const chunk of req.body) {
            if (settled) return;
            bytesSent += chunk.length;
            request.write(Buffer.from(chunk));
          }
          request.end();
        }
      } catch (error) {
        fail(new TransportError('connection', `could not send the request body to ${origin}`, { cause: error }));
      }
    })();
  });
}

/** Chromium reports network failures as net::ERR_* names in the message. */
export function classify(error: Error, origin: string): TransportError {
  const m = error.message;
  if (/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/.test(m)) return new TransportError('timeout', `timed out talking to ${origin}`, { cause: error });
  if (/ERR_PROXY|ERR_TUNNEL|PROXY_AUTH/.test(m)) return new TransportError('proxy', `proxy failure reaching ${origin} (${m})`, { cause: error });
  if (/ERR_CERT|ERR_SSL|ERR_BAD_SSL|ERR_INSECURE/.test(m)) return new TransportError('tls', `TLS failure with ${origin} (${m})`, { cause: error });
  if (/ERR_ABORTED/.test(m)) return new TransportError('aborted', `request to ${origin} was cancelled`, { cause: error });
  if (/ERR_UNSAFE_REDIRECT|redirect/i.test(m)) return new TransportError('refused-url', `${origin} answered with a redirect, which is not followed`, { cause: error });
  return new TransportError('connection', `cannot reach ${origin} (${m})`, { cause: error });
}
