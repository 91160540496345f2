import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { Platform } from '@deskside/shared';

import type { CallerProof } from './caller-proof.js';
import { CallerProofError } from './caller-proof.js';
import type { Caller } from './caller.js';
import { bareAccountName } from './caller.js';
import type { EndpointIdentity } from './endpoint-identity.js';
import type { Audience, AudiencedEvent, CallOutcome, EndpointError, EndpointOp } from './endpoint-protocol.js';
import { ENDPOINT_VERSION, isEndpointOp, MAX_JSON_BYTES, MAX_UPLOAD_BYTES } from './endpoint-protocol.js';
import { SessionTable } from './sessions.js';
import { uploadPath } from './uploads.js';

/** What answers the calls: the worker process in the service, the core itself in tests. */
export interface EndpointBackend {
  call(op: EndpointOp, caller: Caller, input: unknown): Promise<CallOutcome>;
}

export interface EndpointServerOptions {
  /** Socket path (Linux, macOS) or pipe name (Windows). */
  readonly path: string;
  readonly platform: Platform;
  readonly proof: CallerProof;
  /** Makes the key that signs clients' ping challenges (so they can tell the service from an impostor); called once the endpoint is ours. */
  readonly publishIdentity: () => Promise<EndpointIdentity>;
  readonly backend: EndpointBackend;
  /** Where uploaded files wait for the ticket that names them (the agent's data folder). */
  readonly uploadsDir: string;
  readonly agentVersion: string;
  readonly log: (line: string) => void;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The service's local endpoint for the users of this machine. Light on purpose (it lives in the
 * long-running service process): it proves callers, keeps sessions, stores uploads and streams events;
 * every operation is forwarded to the backend, which loads the agent core only while it is needed.
 */
export class EndpointServer {
  readonly #sessions = new SessionTable();
  readonly #subscribers = new Set<{ caller: Caller; res: ServerResponse }>();
  #server: Server | null = null;
  #identity: EndpointIdentity | null = null;

  constructor(private readonly options: EndpointServerOptions) {}

  async listen(): Promise<void> {
    const { path, platform } = this.options;
    await this.options.proof.prepare();
    if (platform !== 'win32') {
      await mkdir(dirname(path), { recursive: true, mode: 0o755 });
      // A socket left by a killed service would refuse the bind; one that still answers is not ours to take.
      if (await answers(path)) throw new Error(`another Deskside service already answers at ${path}`);
      await rm(path, { force: true });
    }
    this.#identity = await this.options.publishIdentity();
    const server = createServer({ requestTimeout: 0 }, (req, res) => void this.#handle(req, res));
    // Clients wait for a ticket's diagnostics; the worker's own limits bound a call.
    server.headersTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Every account on the machine may connect; what each may do is decided per request.
      server.listen({ path, readableAll: true, writableAll: true }, () => resolve());
    });
    if (platform !== 'win32') await chmod(path, 0o666);
    this.#server = server;
  }

  /** Pushes an event to the subscribers it concerns. */
  publish({ audience, event }: AudiencedEvent): void {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const s of this.#subscribers) {
      if (audience === 'all' || s.caller.admin || reaches(audience, s.caller)) s.res.write(line);
    }
  }

  async close(): Promise<void> {
    for (const s of this.#subscribers) s.res.end();
    this.#subscribers.clear();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.options.platform !== 'win32') await rm(this.options.path, { force: true });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://deskside.local');
      const route = `${req.method ?? 'GET'} ${url.pathname}`;
      if (route === 'GET /v1/ping') {
        const challenge = url.searchParams.get('challenge') ?? '';
        if (!/^[0-9a-f]{48}$/u.test(challenge)) throw new RequestError(400, 'invalid-request', 'ping needs ?challenge=<48 hex digits>');
        return send(res, 200, { service: 'deskside-agent', endpoint: ENDPOINT_VERSION, version: this.options.agentVersion, signature: this.#identity?.sign(challenge) ?? null });
      }
      if (route === 'POST /v1/auth/challenge') {
        return send(res, 200, { nonce: this.options.proof.challenge(), claimsDir: this.options.proof.claimsDir });
      }
      if (route === 'POST /v1/auth/session') return await this.#session(req, res);
      const caller = this.#caller(req);
      if (route === 'GET /v1/events') return this.#subscribe(caller, req, res);
      if (route === 'PUT /v1/uploads') return await this.#upload(caller, req, res);
      const op = /^POST \/v1\/call\/([a-z-]+)$/u.exec(route)?.[1];
      if (op === undefined) throw new RequestError(404, 'not-found', `no such endpoint: ${route}`);
      if (!isEndpointOp(op)) throw new RequestError(404, 'unknown-operation', `unknown operation "${op}"`);
      const input = await readJson(req);
      const outcome = await this.options.backend.call(op, caller, input);
      if (outcome.ok) return send(res, 200, { value: outcome.value ?? null });
      return send(res, outcome.error.status, { error: outcome.error });
    } catch (e) {
      // A body left unread (too large, refused early) must not be taken for the next request.
      if (!req.complete) res.setHeader('connection', 'close');
      if (e instanceof RequestError) return send(res, e.status, { error: { status: e.status, code: e.code, name: 'EndpointError', message: e.message } satisfies EndpointError });
      this.options.log(`local endpoint: ${(e as Error).message}`);
      return send(res, 500, { error: { status: 500, code: 'internal', name: 'Error', message: 'the Deskside service failed to answer; see its log' } });
    }
  }

  async #session(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const nonce = typeof body === 'object' && body !== null ? (body as { nonce?: unknown }).nonce : undefined;
    if (typeof nonce !== 'string' || !/^[0-9a-f]{48}$/u.test(nonce)) throw new RequestError(400, 'invalid-request', 'body must be {"nonce": "<the challenge>"}');
    let caller: Caller;
    try {
      caller = await this.options.proof.verify(nonce);
    } catch (e) {
      if (e instanceof CallerProofError) throw new RequestError(401, 'unproven', e.message);
      throw e;
    }
    send(res, 200, { token: this.#sessions.issue(caller), caller });
  }

  #caller(req: IncomingMessage): Caller {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/u.exec(header)?.[1];
    const caller = token ? this.#sessions.verify(token) : null;
    if (!caller) throw new RequestError(401, 'unauthenticated', 'prove your account first (POST /v1/auth/challenge, then /v1/auth/session)');
    return caller;
  }

  #subscribe(caller: Caller, req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': subscribed\n\n');
    const entry = { caller, res };
    this.#subscribers.add(entry);
    req.on('close', () => this.#subscribers.delete(entry));
  }

  /** Streams one file to disk for a later ticket; the client reads the user's file, never the service. */
  async #upload(caller: Caller, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (!Number.isFinite(declared)) throw new RequestError(411, 'length-required', 'uploads need a Content-Length');
    if (declared > MAX_UPLOAD_BYTES) throw new RequestError(413, 'too-large', `a file may have at most ${MAX_UPLOAD_BYTES} bytes`);
    const id = randomUUID();
    const path = uploadPath(this.options.uploadsDir, caller.id, id);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // One account cannot fill the service's disk: files wait an hour at most, a ticket's worth at a time.
    const waiting = await sweepUploads(dirname(path), Date.now() - UPLOAD_TTL_MS);
    if (waiting >= MAX_WAITING_UPLOADS) throw new RequestError(429, 'too-many-uploads', `${waiting} of your files already wait for a ticket; send the ticket first`);
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > declared) req.destroy(new Error('more bytes than declared'));
    });
    try {
      await pipeline(req, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
    } catch (e) {
      await rm(path, { force: true });
      throw new RequestError(400, 'upload-failed', `upload interrupted: ${(e as Error).message}`);
    }
    if (received !== declared) {
      await rm(path, { force: true });
      throw new RequestError(400, 'upload-failed', `expected ${declared} bytes, received ${received}`);
    }
    send(res, 200, { upload: id, bytes: received });
  }
}

const UPLOAD_TTL_MS = 3_600_000;
const MAX_WAITING_UPLOADS = 24;

/** Removes an account's uploads older than `before`; returns how many still wait. */
async function sweepUploads(dir: string, before: number): Promise<number> {
  let waiting = 0;
  for (const name of await readdir(dir)) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info === null) continue;
    if (info.mtimeMs < before) await rm(file, { force: true });
    else waiting += 1;
  }
  return waiting;
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new RequestError(413, 'too-large', `a request may have at most ${MAX_JSON_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new RequestError(400, 'invalid-json', 'the body is not valid JSON');
  }
}

export const uploadsDirOf = (dataDir: string) => join(dataDir, 'incoming');

/** One account by its id, or (a ticket a technician recorded for a named user) by its bare name. */
function reaches(audience: Exclude<Audience, 'all'>, caller: Caller): boolean {
  return 'account' in audience ? caller.id === audience.account : bareAccountName(caller.name) === audience.accountName;
}
