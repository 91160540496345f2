import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

import type { CheckinRequest, DeviceTicketView, DiagnosticsRequest, EnrollRequest, PushedSettings, TicketUpdate } from '@deskside/shared';
import { CheckinRequestSchema, CommentSubmissionSchema, DiagnosticsUploadSchema, EnrollRequestSchema, FeedbackSubmissionSchema, InventoryUploadSchema, TicketSubmissionSchema } from '@deskside/shared';

/** A scripted misbehaviour for the next request that matches. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hang' }
  /** Store the item, then drop the connection before answering: the acknowledgement is lost. */
  | { readonly kind: 'store-then-drop' }
  /** Store the item and never answer (the client is killed while waiting for the acknowledgement). */
  | { readonly kind: 'store-then-hang' };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly rawBytes: number;
}

export interface MultipartPart {
  readonly name: string;
  readonly filename: string | null;
  readonly contentType: string | null;
  readonly data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error('no boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw new Error('unterminated multipart body');
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1] ?? null;
    const ct = /Content-Type: (.+)/i.exec(head)?.[1]?.trim() ?? null;
    parts.push({ name, filename, contentType: ct, data: part.subarray(headerEnd + 4) });
    pos = next;
  }
  return parts;
}

/**
 * A loopback stand-in for the server's device API: validates bodies with the shared schemas,
 * deduplicates by client id like the real server, and misbehaves on demand.
 */
export class FakeDeviceServer {
  readonly requests: RecordedRequest[] = [];
  /** Every item stored, by client id, with how many times it was stored (must stay 1). */
  readonly stored = new Map<string, { kind: string; times: number; body: unknown }>();
  readonly faults: { match: (method: string, path: string) => boolean; fault: Fault; skip: number }[] = [];
  /** How many requests carried each client id (a retry after a lost acknowledgement counts twice). */
  readonly receipts = new Map<string, number>();
  readonly credentials = new Set<string>();
  enrollSecret = 'correct-horse-battery-staple';
  sendFullInventory = false;
  settings: PushedSettings = {};
  ticketUpdates: TicketUpdate[] = [];
  tickets: DeviceTicketView[] = [];
  /** Handed over at every check-in until an upload with the request's id is stored, like the real server. */
  diagnosticsRequests: DiagnosticsRequest[] = [];
  enrollments = 0;
  /** Every enrollment and check-in body received, as validated. */
  readonly enrollRequests: EnrollRequest[] = [];
  readonly checkinRequests: CheckinRequest[] = [];
  private readonly hung: ServerResponse[] = [];
  private readonly server: ReturnType<typeof createServer>;
  private readonly scheme: 'http' | 'https';
  private ticketNumber = 0;
  url = '';

  /** With `tls` (a certificate for 127.0.0.1 and its key) the server speaks HTTPS. */
  constructor(options: { readonly tls?: { readonly cert: string; readonly key: string } } = {}) {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.scheme = options.tls ? 'https' : 'http';
    this.server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${this.scheme}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queue a fault for the next request matching (method, path suffix). */
  fail(method: string, pathSuffix: string, fault: Fault, times = 1, skip = 0): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ match: (m, p) => m === method && p.endsWith(pathSuffix), fault, skip });
  }

  revokeAll(): void {
    this.credentials.clear();
  }

  issueCredential(): string {
    const credential = `cred-${randomUUID()}`;
    this.credentials.add(credential);
    return credential;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const method = req.method ?? 'GET';
    this.requests.push({ method, path, headers: req.headers, rawBytes: raw.length });

    const index = this.faults.findIndex((f) => f.match(method, path));
    let fault: Fault | null | undefined = null;
    const candidate = index === -1 ? null : this.faults[index];
    if (candidate && candidate.skip > 0) candidate.skip -= 1;
    else if (candidate) fault = this.faults.splice(index, 1)[0]?.fault;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      this.hung.push(res);
      return;
    }
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.headers ?? {}) });
      // A string body is sent as is: an HTML page from a proxy or a maintenance screen.
      if (typeof fault.body === 'string') {
        res.end(fault.body);
        return;
      }
      res.end(JSON.stringify(fault.body ?? { error: { code: fault.status >= 500 ? 'unavailable' : 'bad_request', message: `scripted ${fault.status}` } }));
      return;
    }
    try {
      const answer = this.route(method, path, req, raw);
      if (fault?.kind === 'store-then-drop') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'store-then-hang') {
        this.hung.push(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    } catch (e) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'validation_failed', message: (e as Error).message.slice(0, 500) } }));
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') && this.credentials.has(header.slice(7));
  }

  private store(id: string, kind: string, body: unknown): boolean {
    this.receipts.set(id, (this.receipts.get(id) ?? 0) + 1);
    const existing = this.stored.get(id);
    if (existing) return true;
    this.stored.set(id, { kind, times: 1, body });
    return false;
  }

  private route(method: string, path: string, req: IncomingMessage, raw: Buffer): { status: number; body: unknown } {
    const base = '/api/v1/agent';
    const unauthorized = { status: 401, body: { error: { code: 'unauthorized', message: 'unknown or revoked credential' } } };
    const now = new Date().toISOString();
    if (method === 'POST' && path === `${base}/challenge`) {
      // Proofs are not verified here: the server's own suites do that against the real routes.
      return { status: 200, body: { challenge: randomBytes(32).toString('base64url'), expiresAt: new Date(Date.now() + 300_000).toISOString() } };
    }
    if (method === 'POST' && path === `${base}/recover`) return unauthorized;
    if (method === 'POST' && path === `${base}/enroll`) {
      const body = EnrollRequestSchema.parse(JSON.parse(raw.toString('utf8')));
      this.enrollRequests.push(body);
      if (body.enrollSecret !== this.enrollSecret) return { status: 401, body: { error: { code: 'unauthorized', message: 'wrong enrollment secret' } } };
      this.enrollments += 1;
      return { status: 200, body: { deviceId: randomUUID(), credential: this.issueCredential(), settings: this.settings } };
    }
    if (!this.authorized(req)) return unauthorized;
    if (method === 'POST' && path === `${base}/checkin`) {
      this.checkinRequests.push(CheckinRequestSchema.parse(JSON.parse(raw.toString('utf8'))));
      const updates = this.ticketUpdates;
      this.ticketUpdates = [];
      const pending = this.diagnosticsRequests.filter((r) => !this.stored.has(r.id));
      return {
        status: 200,
        body: {
          serverTime: now,
          settings: this.settings,
          sendFullInventory: this.sendFullInventory,
          ticketUpdates: updates,
          ticketCursor: `c-${this.requests.length}`,
          ...(pending.length > 0 ? { diagnosticsRequests: pending } : {}),
        },
      };
    }
    if (method === 'PUT' && path === `${base}/inventory`) {
      const json = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const upload = InventoryUploadSchema.parse(JSON.parse(json.toString('utf8')));
      const duplicate = this.store(upload.uploadId, 'inventory', upload);
      return { status: 200, body: { id: upload.uploadId, duplicate, receivedAt: now } };
    }
    if (method === 'POST' && path === `${base}/tickets`) {
      const parts = parseMultipart(raw, String(req.headers['content-type']));
      const ticketPart = parts.find((p) => p.name === 'ticket');
      if (!ticketPart) throw new Error('no ticket field');
      const ticket = TicketSubmissionSchema.parse(JSON.parse(ticketPart.data.toString('utf8')));
      for (const meta of ticket.attachments) {
        const file = parts.find((p) => p.name === meta.field);
        if (!file) throw new Error(`attachment ${meta.field} missing`);
        if (createHash('sha256').update(file.data).digest('hex') !== meta.sha256) throw new Error(`attachment ${meta.field} hash mismatch`);
      }
      const duplicate = this.store(ticket.id, 'ticket', ticket);
      if (!duplicate) {
        this.ticketNumber += 1;
        this.tickets.push({ id: ticket.id, number: this.ticketNumber, subject: ticket.subject, status: 'new', priority: 'medium', createdAt: now, updatedAt: now, messages: [] });
      }
      return { status: 201, body: { id: ticket.id, duplicate, receivedAt: now, number: this.ticketNumber || 1, status: 'new' } };
    }
    if (method === 'GET' && path === `${base}/tickets`) return { status: 200, body: { tickets: this.tickets } };
    const comment = new RegExp(`^${base}/tickets/([0-9a-f-]{36})/comments$`).exec(path);
    if (method === 'POST' && comment) {
      if (!this.stored.has(comment[1] ?? '')) return { status: 404, body: { error: { code: 'not_found', message: 'no such ticket' } } };
      const body = CommentSubmissionSchema.parse(JSON.parse(raw.toString('utf8')));
      const duplicate = this.store(body.id, 'comment', body);
      return { status: 201, body: { id: body.id, duplicate, receivedAt: now } };
    }
    const diagnostics = new RegExp(`^${base}/tickets/([0-9a-f-]{36})/diagnostics$`).exec(path);
    if (method === 'POST' && diagnostics) {
      const body = DiagnosticsUploadSchema.parse(JSON.parse(raw.toString('utf8')));
      if (!this.diagnosticsRequests.some((r) => r.id === body.id && r.ticketId === diagnostics[1])) return { status: 404, body: { error: { code: 'not_found', message: 'no such request' } } };
      const duplicate = this.store(body.id, 'diagnostics', body);
      return { status: 200, body: { id: body.id, duplicate, receivedAt: now } };
    }
    const feedback = new RegExp(`^${base}/tickets/([0-9a-f-]{36})/feedback$`).exec(path);
    if (method === 'POST' && feedback) {
      if (!this.stored.has(feedback[1] ?? '') && !this.tickets.some((t) => t.id === feedback[1])) return { status: 404, body: { error: { code: 'not_found', message: 'no such ticket' } } };
      const body = FeedbackSubmissionSchema.parse(JSON.parse(raw.toString('utf8')));
      const duplicate = this.store(body.id, 'feedback', body);
      return { status: 200, body: { id: body.id, duplicate, receivedAt: now } };
    }
    return { status: 404, body: { error: { code: 'not_found', message: `no route ${method} ${path}` } } };
  }
}
