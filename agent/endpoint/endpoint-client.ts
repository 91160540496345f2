import { open, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { join } from 'node:path';

import type { Platform } from '@deskside/shared';

import type { Caller } from './caller.js';
import { newChallenge, verifyEndpoint } from './endpoint-identity.js';
import { claimsDirFor } from './endpoint-location.js';
import type { EndpointError, EndpointOp } from './endpoint-protocol.js';

/** The service answered with an error; `name` is the error class the core raised. */
export class EndpointCallError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(error: EndpointError) {
    super(error.message);
    this.name = error.name === 'EndpointError' || error.name === 'Error' ? 'EndpointCallError' : error.name;
    this.status = error.status;
    this.code = error.code;
  }
}

/** The service could not be reached (not running, restarting, killed mid-answer). */
export class ServiceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnavailableError';
  }
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A client of the agent service's local endpoint, running as the signed-in user: it proves its account
 * once (creates the file the service names, in the claims folder) and then calls with a bearer token.
 */
export class EndpointClient {
  #token: string | null = null;
  #caller: Caller | null = null;

  constructor(
    readonly path: string,
    private readonly platform: Platform,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The account the service recognised, once proven. */
  get caller(): Caller | null {
    return this.#caller;
  }

  /** Why the last `answers()` was false, for the log. */
  lastRefusal: string | null = null;

  /**
   * True when the Deskside service answers at the path within a couple of seconds and proves it is the
   * service (its signature over our challenge, with the key only the service can publish).
   */
  async answers(timeoutMs = 2000): Promise<boolean> {
    const challenge = newChallenge();
    let res: Answer;
    try {
      res = await this.#request('GET', `/v1/ping?challenge=${challenge}`, undefined, {}, timeoutMs);
    } catch (e) {
      this.lastRefusal = (e as Error).message;
      return false;
    }
    const body = res.body as { service?: unknown; signature?: unknown } | null;
    if (res.status !== 200 || body?.service !== 'deskside-agent' || typeof body.signature !== 'string') {
      this.lastRefusal = `no Deskside service at ${this.path} (HTTP ${res.status})`;
      return false;
    }
    const { createSystemAccess } = await import('../../collectors/exec/system-access.js');
    const checked = await verifyEndpoint({ endpoint: this.path, platform: this.platform, system: createSystemAccess(), challenge, signature: body.signature, env: this.env });
    this.lastRefusal = checked.ok ? null : checked.reason;
    return checked.ok;
  }

  async call<T>(op: EndpointOp, input: unknown = {}, timeoutMs = 300_000): Promise<T> {
    const res = await this.#authorized('POST', `/v1/call/${op}`, Buffer.from(JSON.stringify(input)), { 'content-type': 'application/json' }, timeoutMs);
    return (res.body as { value: T }).value;
  }

  /** Sends one file's bytes; the id names it in a later ticket. The service never opens the user's files. */
  async upload(bytes: Uint8Array): Promise<string> {
    const res = await this.#authorized('PUT', '/v1/uploads', Buffer.from(bytes), { 'content-type': 'application/octet-stream' }, 120_000);
    return (res.body as { upload: string }).upload;
  }

  /** Events for this account until `stop` is called; reconnects when the service restarts. */
  subscribe(onEvent: (event: unknown) => void, retryMs = 5000): () => void {
    let stopped = false;
    let current: { destroy(): void } | null = null;
    let timer: NodeJS.Timeout | null = null;
    const again = () => {
      if (stopped) return;
      timer = setTimeout(() => void connect(), retryMs);
      timer.unref();
    };
    const connect = async () => {
      try {
        const token = await this.#ensureToken();
        const req = request({ socketPath: this.path, path: '/v1/events', method: 'GET', agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
          if (res.statusCode === 401) this.#token = null;
          if (res.statusCode !== 200) {
            res.resume();
            return again();
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end = buffer.indexOf('\n\n');
            while (end !== -1) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
              if (data) {
                try {
                  onEvent(JSON.parse(data));
                } catch {
                  // A malformed event is skipped; the next status refresh catches up.
                }
              }
              end = buffer.indexOf('\n\n');
            }
          });
          res.on('close', again);
        });
        req.on('error', again);
        req.end();
        current = req;
      } catch {
        again();
      }
    };
    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      current?.destroy();
    };
  }

  async #authorized(method: string, path: string, body: Buffer, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.#ensureToken();
      const res = await this.#request(method, path, body, { ...headers, authorization: `Bearer ${token}` }, timeoutMs);
      // A restarted service forgot the session: prove the account again, once.
      if (res.status === 401 && attempt === 0) {
        this.#token = null;
        continue;
      }
      if (res.status >= 400) throw new EndpointCallError(errorOf(res));
      return res;
    }
  }

  async #ensureToken(): Promise<string> {
    if (this.#token) return this.#token;
    const challenge = await this.#request('POST', '/v1/auth/challenge', Buffer.from('{}'), { 'content-type': 'application/json' }, 10_000);
    if (challenge.status !== 200) throw new EndpointCallError(errorOf(challenge));
    const nonce = String((challenge.body as { nonce?: unknown }).nonce ?? '');
    if (!/^[0-9a-f]{48}$/u.test(nonce)) throw new ServiceUnavailableError('the Deskside service gave an unusable challenge');
    // The folder is derived here, not taken from the answer: the client writes only where it expects to.
    const claim = join(claimsDirFor(this.path, this.platform, this.env), nonce);
    try {
      const handle = await open(claim, 'wx', 0o600);
      await handle.close();
    } catch (e) {
      throw new ServiceUnavailableError(`cannot prove your account to the Deskside service (${(e as NodeJS.ErrnoException).code ?? (e as Error).message} on ${claim})`);
    }
    try {
      const session = await this.#request('POST', '/v1/auth/session', Buffer.from(JSON.stringify({ nonce })), { 'content-type': 'application/json' }, 30_000);
      if (session.status !== 200) throw new EndpointCallError(errorOf(session));
      const { token, caller } = session.body as { token: string; caller: Caller };
      this.#token = token;
      this.#caller = caller;
      return token;
    } finally {
      await rm(claim, { force: true }).catch(() => undefined);
    }
  }

  #request(method: string, path: string, body: Buffer | undefined, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        // A connection per request: cheap on a local socket, and never a stale one after the service restarted.
        { socketPath: this.path, path, method, agent: false, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: timeoutMs },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new ServiceUnavailableError(`the Deskside service stopped while answering: ${e.message}`, { cause: e })));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text === '' ? null : JSON.parse(text);
            } catch {
              return reject(new ServiceUnavailableError(`the Deskside service answered something unreadable (HTTP ${res.statusCode})`));
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
      req.on('error', (e) => reject(new ServiceUnavailableError(`the Deskside service is not reachable at ${this.path}: ${e.message}`, { cause: e })));
      req.end(body);
    });
  }
}

function errorOf(res: Answer): EndpointError {
  const error = (res.body as { error?: Partial<EndpointError> } | null)?.error;
  return {
    status: res.status,
    code: typeof error?.code === 'string' ? error.code : 'failed',
    name: typeof error?.name === 'string' ? error.name : 'EndpointError',
    message: typeof error?.message === 'string' ? error.message : `the Deskside service answered HTTP ${res.status}`,
  };
}
