import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AGENT_API_BASE, CONSOLE_API_BASE, CONSOLE_SESSION_COOKIE, type TicketPage } from '@deskside/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { multipart, PG_URL, ticketSubmission } from './helpers/harness.js';
import { startRoundRobinProxy } from './helpers/round-robin-proxy.js';

// Real server processes from the built command, on PostgreSQL, as an organisation runs them.
const CLI = join(process.cwd(), 'server/dist/cli.js');
const runnable = existsSync(CLI) && PG_URL !== undefined;
if (!runnable) console.log('note: the two-instance test needs the build and DESKSIDE_TEST_PG_URL; skipped');

const ADMIN_PASSWORD = 'a very long admin password';
const DEVICES = 4;
const TICKETS_PER_DEVICE = 8;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One request on a connection of its own (so the proxy spreads requests over the instances). */
function send(url: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!runnable)('two instances on one PostgreSQL behind a load balancer', () => {
  const dbName = `deskside_two_${randomBytes(4).toString('hex')}`;
  const dbUrl = (() => {
    const u = new URL(PG_URL ?? 'postgres://x@127.0.0.1/x');
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  let dataDir: string;
  const instances: ChildProcess[] = [];
  const output: string[] = [];
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>> | null = null;

  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  const startInstance = async (env: Record<string, string> = {}): Promise<string> => {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'start', '--port', String(port), '--db', dbUrl, '--data-dir', dataDir], {
      env: { ...process.env, DESKSIDE_CONSOLE_DIR: '', DESKSIDE_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (b: Buffer) => output.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
    instances.push(child);
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await send(`${url}/readyz`, 'GET', {}).then((r) => r.status, () => 0);
      if (status === 200) return url;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`instance did not start: ${output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${dbName}`);
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-two-'));
    // The first instance migrates and creates the administrator; then the second joins.
    const a = await startInstance({ DESKSIDE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const b = await startInstance();
    proxy = await startRoundRobinProxy([a, b]);
  }, 150_000);

  afterAll(async () => {
    for (const child of instances) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await proxy?.close();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('loses and doubles no ticket when one instance is killed mid-traffic', { timeout: 240_000 }, async () => {
    const lb = proxy!.url;
    const failures: string[] = [];
    let cut = 0;
    /** As the agent's outbox and the console do: retry what the network lost, with the same ids. */
    const reliably = async (what: string, attempt: () => Promise<Reply>, ok: (r: Reply) => boolean): Promise<Reply> => {
      for (let i = 0; i < 20; i++) {
        try {
          const reply = await attempt();
          if (ok(reply)) return reply;
          failures.push(`${what}: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
          return reply;
        } catch {
          cut += 1;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`${what}: no answer after 20 attempts`);
    };

    const enrollSecret = await (async () => {
      const login = await reliably('sign-in', () => send(`${lb}${CONSOLE_API_BASE}/login`, 'POST', { 'content-type': 'application/json' }, JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })), (r) => r.status === 200);
      const cookie = String(login.headers['set-cookie'] ?? '').match(new RegExp(`${CONSOLE_SESSION_COOKIE}=[^;]+`))?.[0] ?? '';
      const created = await reliably(
        'enrollment secret',
        () => send(`${lb}${CONSOLE_API_BASE}/enroll-secrets`, 'POST', { 'content-type': 'application/json', cookie, origin: lb }, JSON.stringify({ label: 'two instances' })),
        (r) => r.status === 200 || r.status === 201,
      );
      return { cookie, secret: (JSON.parse(created.body) as { value: string }).value };
    })();

    const devices = await Promise.all(
      Array.from({ length: DEVICES }, async (_, i) => {
        const res = await reliably(
          `enroll ${i}`,
          () =>
            send(
              `${lb}${AGENT_API_BASE}/enroll`,
              'POST',
              { 'content-type': 'application/json' },
              JSON.stringify({ enrollSecret: enrollSecret.secret, device: { hostname: `pc-${i}`, hardwareUuid: randomUUID(), serial: `SN-${i}`, macs: [] }, platform: 'linux', osName: null, agentVersion: '0.1.0' }),
            ),
          (r) => r.status === 200,
        );
        return `Bearer ${(JSON.parse(res.body) as { credential: string }).credential}`;
      }),
    );

    const submitted: string[] = [];
    let acknowledged = 0;
    const victim = instances[1]!;
    const traffic = devices.map(async (authorization) => {
      for (let n = 0; n < TICKETS_PER_DEVICE; n++) {
        const ticket = ticketSubmission({ subject: `Ticket ${n}` });
        submitted.push(ticket.id);
        const { body, contentType } = multipart([{ name: 'ticket', value: JSON.stringify(ticket), contentType: 'application/json; charset=utf-8' }]);
        await reliably(`ticket ${ticket.id}`, () => send(`${lb}${AGENT_API_BASE}/tickets`, 'POST', { authorization, 'content-type': contentType }, body), (r) => r.status === 200);
        acknowledged += 1;
        // A third of the way through, the second instance dies without a chance to drain.
        if (acknowledged === Math.floor((DEVICES * TICKETS_PER_DEVICE) / 3)) victim.kill('SIGKILL');
      }
    });
    const technician = (async () => {
      while (acknowledged < DEVICES * TICKETS_PER_DEVICE) {
        await reliably('ticket list', () => send(`${lb}${CONSOLE_API_BASE}/tickets?pageSize=100`, 'GET', { cookie: enrollSecret.cookie }), (r) => r.status === 200);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await Promise.all([...traffic, technician]);

    expect(victim.signalCode).toBe('SIGKILL');
    expect(failures).toEqual([]);
    const list = await reliably('final list', () => send(`${lb}${CONSOLE_API_BASE}/tickets?pageSize=100`, 'GET', { cookie: enrollSecret.cookie }), (r) => r.status === 200);
    const page = JSON.parse(list.body) as TicketPage;
    expect(page.total).toBe(submitted.length);
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      const rows = (await client.query<{ id: string }>('SELECT id FROM tickets')).rows.map((r) => r.id);
      expect(rows.length).toBe(submitted.length);
      expect(new Set(rows)).toEqual(new Set(submitted));
    } finally {
      await client.end();
    }
    console.log(`two instances: ${submitted.length} tickets, ${cut} requests cut by the kill and retried`);
  });
});
