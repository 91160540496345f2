import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AGENT_API_BASE, CONSOLE_API_BASE, CONSOLE_SESSION_COOKIE, type EnrollResponse, type TicketSubmission } from '@deskside/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';

import { buildApp } from '../../src/app.js';
import type { BlobStore } from '../../src/attachments/blob-store.js';
import { FsBlobStore } from '../../src/attachments/fs-blob-store.js';
import type { Limits, RateLimits } from '../../src/config.js';
import type { InflateGate } from '../../src/http/inflate-gate.js';
import type { TrustProxy } from '../../src/http/trust-proxy.js';
import type { SmtpConfig } from '../../src/mail/smtp-config.js';
import { migrate, openDatabase, type DatabaseKind } from '../../src/storage/database.js';
import { Store } from '../../src/storage/store.js';

export const PG_URL = process.env.DESKSIDE_TEST_PG_URL;

/** The databases every integration suite runs against; PostgreSQL only where CI (or you) started it. */
export const DATABASES: readonly DatabaseKind[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!PG_URL) console.log('note: DESKSIDE_TEST_PG_URL is not set; the PostgreSQL variant of the server suites is skipped (run scripts/ci/start-postgres.sh)');

export const START = Date.parse('2026-11-01T09:00:00.000Z');
export const PASSWORD = 'correct horse battery staple';

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly kind: DatabaseKind;
  readonly dataDir: string;
  /** Moves the server's clock forward. Every reading also ticks 1 ms so events stay ordered. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly rateLimits?: RateLimits;
  readonly limits?: Limits;
  readonly trustProxy?: TrustProxy | true;
  readonly inflate?: InflateGate;
  readonly publicUrl?: string;
  /** Attachment storage; files in the harness's data folder when absent. */
  readonly blobs?: BlobStore;
  /** Outgoing mail as DESKSIDE_SMTP_URL would configure it. */
  readonly smtp?: SmtpConfig;
}

export async function createHarness(kind: DatabaseKind, options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'deskside-server-test-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = kind === 'sqlite' ? openDatabase(`sqlite:${join(dataDir, 'deskside.db')}`) : openDatabase(PG_URL ?? '', { schema, poolSize: 4 });
  await migrate(handle, kind === 'postgres' ? { schema } : {});
  let now = START;
  const store = new Store(handle, () => (now += 1), { smtpFromEnvironment: options.smtp ?? null, publicUrl: options.publicUrl ?? null });
  const app = await buildApp({
    store,
    // DESKSIDE_TEST_LOG=error shows what a 5xx logged.
    logger: process.env.DESKSIDE_TEST_LOG ? { level: process.env.DESKSIDE_TEST_LOG } : false,
    blobs: options.blobs ?? new FsBlobStore(join(dataDir, 'attachments')),
    rateLimits: options.rateLimits ?? { enrollPerMinute: 10_000, loginPerMinute: 10_000 },
    ...(options.limits ? { limits: options.limits } : {}),
    trustProxy: options.trustProxy ?? false,
    ...(options.inflate ? { inflate: options.inflate } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  await app.ready();
  return {
    app,
    store,
    kind,
    dataDir,
    advance: (ms) => {
      now += ms;
    },
    close: async () => {
      await app.close();
      if (kind === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const json = (res: LightMyRequestResponse): unknown => JSON.parse(res.body);

/* ───────────── devices ───────────── */

export interface EnrolledDevice extends EnrollResponse {
  readonly auth: { authorization: string };
}

export async function newSecret(h: Harness): Promise<string> {
  return (await h.store.secrets.create({ label: 'test', createdBy: 'test' })).value;
}

export async function enroll(
  h: Harness,
  identity: { hostname?: string; hardwareUuid?: string | null; serial?: string | null } = {},
  secret?: string,
): Promise<EnrolledDevice> {
  const res = await h.app.inject({
    method: 'POST',
    url: `${AGENT_API_BASE}/enroll`,
    payload: {
      enrollSecret: secret ?? (await newSecret(h)),
      device: {
        hostname: identity.hostname ?? 'pc-001',
        hardwareUuid: identity.hardwareUuid === undefined ? randomUUID() : identity.hardwareUuid,
        serial: identity.serial === undefined ? `SN-${randomBytes(4).toString('hex')}` : identity.serial,
        macs: [],
      },
      platform: 'win32',
      osName: 'Windows 11 Pro',
      agentVersion: '0.1.0',
    },
  });
  if (res.statusCode !== 200) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
  const body = json(res) as EnrollResponse;
  return { ...body, auth: { authorization: `Bearer ${body.credential}` } };
}

export const checkin = (h: Harness, d: EnrolledDevice, ticketCursor: string | null = null) =>
  h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/checkin`, headers: d.auth, payload: { agentVersion: '0.1.0', hostname: 'pc-001', ticketCursor } });

/* ───────────── tickets (multipart) ───────────── */

export interface Part {
  readonly name: string;
  readonly value: string | Buffer;
  readonly filename?: string;
  readonly contentType?: string;
}

export function multipart(parts: readonly Part[]): { body: Buffer; contentType: string } {
  const boundary = `----deskside${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const type = p.contentType === undefined ? '' : `\r\nContent-Type: ${p.contentType}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(typeof p.value === 'string' ? Buffer.from(p.value) : p.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export function ticketSubmission(overrides: Partial<TicketSubmission> = {}): TicketSubmission {
  return {
    id: randomUUID(),
    subject: 'Printer does not print',
    description: 'Since this morning nothing comes out of the 3rd floor printer.',
    category: 'printing',
    urgency: 'high',
    impact: 'team',
    contact: { name: 'Alice Martin', email: 'alice@example.com', phone: null },
    attachments: [],
    diagnostics: null,
    createdAt: '2026-11-01T08:59:00.000Z',
    locale: 'fr-FR',
    ...overrides,
  };
}

export function fileTicket(h: Harness, d: EnrolledDevice, ticket: TicketSubmission, files: readonly { field: string; bytes: Buffer }[] = []) {
  const { body, contentType } = multipart([
    // As the agent sends it: the ticket part declared as JSON.
    { name: 'ticket', value: JSON.stringify(ticket), contentType: 'application/json; charset=utf-8' },
    ...files.map((f) => ({ name: f.field, value: f.bytes, filename: `${f.field}.bin`, contentType: 'application/octet-stream' })),
  ]);
  return h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets`, headers: { ...d.auth, 'content-type': contentType }, payload: body });
}

/* ───────────── technicians ───────────── */

export interface Session {
  readonly cookie: string;
  readonly headers: { cookie: string };
  readonly id: string;
}

export async function technician(h: Harness, username: string, role: 'admin' | 'technician' = 'technician'): Promise<Session> {
  const t = await h.store.technicians.create({ username, displayName: username.toUpperCase(), password: PASSWORD, role });
  const s = await login(h, username, PASSWORD);
  return { ...s, id: t.id };
}

export async function login(h: Harness, username: string, password: string): Promise<{ cookie: string; headers: { cookie: string } }> {
  const res = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === CONSOLE_SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return { cookie: cookie.value, headers: { cookie: `${CONSOLE_SESSION_COOKIE}=${cookie.value}` } };
}
