import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EndpointClient } from '../../../agent/endpoint/endpoint-client.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { runCli } from '../helpers/run-cli.js';
import { JITI, REPO, tsEnv } from '../helpers/run-ts.js';

const canSwitchUsers = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/sbin/useradd') && existsSync('/usr/sbin/runuser');
if (!canSwitchUsers) console.warn('multi-user endpoint tests skipped: they need Linux, root, useradd and runuser');

// Other accounts cannot write root's loader cache.
const userEnv = (socket: string) => tsEnv({ JITI_FS_CACHE: 'false', DESKSIDE_AGENT_SOCKET: socket });

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a TypeScript file of the repository as another OS account. */
function runAs(user: string, file: string, args: readonly string[], socket: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('runuser', ['-u', user, '--', process.execPath, JITI, file, ...args], { cwd: REPO, env: userEnv(socket), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = <T>(run: Run): T => {
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`no JSON from the user's process (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
};

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(canSwitchUsers)('the agent service and two users of one machine', { timeout: 240_000 }, () => {
  const suffix = randomBytes(3).toString('hex');
  const alice = `dsk-a-${suffix}`;
  const bob = `dsk-b-${suffix}`;
  let root = '';
  let dataDir = '';
  let socket = '';
  let server: FakeDeviceServer;
  let service: ChildProcess | null = null;
  let serviceLog = '';

  const startService = async () => {
    // Its own process group: SIGKILL reaches the service and its worker at once, as a crash would.
    const child = spawn(process.execPath, [JITI, 'agent/cli.ts', '--data-dir', dataDir, 'run', '--socket', socket], { cwd: REPO, env: userEnv(socket), detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => (serviceLog += d.toString()));
    service = child;
    await until(() => new EndpointClient(socket, 'linux').answers(), `the service to answer\n${serviceLog}`);
  };
  const killService = async () => {
    const child = service;
    if (!child?.pid) return;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGKILL');
    await gone;
    service = null;
  };

  beforeAll(async () => {
    for (const user of [alice, bob]) execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', user]);
    root = await mkdtemp(join(tmpdir(), 'deskside-multi-user-'));
    await chmod(root, 0o755);
    dataDir = join(root, 'service-data');
    socket = join(root, 'run', 'agent.sock');
    server = await new FakeDeviceServer().start();
    const enrolled = await runCli(['--data-dir', dataDir, 'enroll', '--server', server.url, '--enroll-secret', server.enrollSecret]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    await startService();
  }, 180_000);

  afterAll(async () => {
    await killService().catch(() => undefined);
    await server?.close();
    for (const user of [alice, bob]) {
      try {
        execFileSync('userdel', [user]);
      } catch {
        // already gone
      }
    }
    if (root) await rm(root, { recursive: true, force: true });
  }, 180_000);

  const aliceTickets: string[] = [];
  const bobTickets: string[] = [];

  it('files tickets for two users as one device, each with its verified account', async () => {
    const fromTray = json<{ result: { outcome: string; ticketId: string }; account: { id: string; name: string; admin: boolean } }>(
      await runAs(alice, 'test/agent/helpers/user-client.ts', ['tray-ticket', 'Alice: 打印机连不上'], socket),
    );
    expect(fromTray.result.outcome).toBe('sent');
    expect(fromTray.account).toMatchObject({ name: alice, admin: false });
    aliceTickets.push(fromTray.result.ticketId);

    const fromCli = await runAs(bob, 'agent/cli.ts', ['ticket', '--subject', 'Bob: VPN drops', '--description', 'since this morning', '--no-diagnostics', '--json'], socket);
    expect(fromCli.code, fromCli.stderr).toBe(0);
    bobTickets.push((JSON.parse(fromCli.stdout) as { id: string }).id);

    expect(server.enrollments).toBe(1);
    const stored = [...server.stored.values()].filter((s) => s.kind === 'ticket').map((s) => s.body as { subject: string; requesterAccount?: { name: string } });
    expect(stored.map((t) => [t.subject, t.requesterAccount?.name])).toEqual([
      ['Alice: 打印机连不上', alice],
      ['Bob: VPN drops', bob],
    ]);
  });

  it("shows each user only their own tickets, refuses replies to another's, and never shows the enrollment secret", async () => {
    const seenByAlice = json<{ tickets: string[] }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['tickets'], socket));
    const seenByBob = json<{ tickets: string[] }>(await runAs(bob, 'test/agent/helpers/user-client.ts', ['tickets'], socket));
    expect(seenByAlice.tickets).toEqual(aliceTickets);
    expect(seenByBob.tickets).toEqual(bobTickets);

    const cliList = await runAs(bob, 'agent/cli.ts', ['tickets', '--json'], socket);
    expect((JSON.parse(cliList.stdout) as { tickets: { id: string }[] }).tickets.map((t) => t.id)).toEqual(bobTickets);

    const intrusion = json<{ ok: boolean; name: string }>(await runAs(bob, 'test/agent/helpers/user-client.ts', ['reply', aliceTickets[0] ?? ''], socket));
    expect(intrusion).toMatchObject({ ok: false, name: 'NotFoundError' });
    const own = json<{ ok: boolean }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['reply', aliceTickets[0] ?? ''], socket));
    expect(own.ok).toBe(true);

    const status = json<{ service: { account: string }; enrollSecret: unknown }>(await runAs(bob, 'test/agent/helpers/user-client.ts', ['status'], socket));
    expect(status.service.account).toBe(bob);
    expect(status.enrollSecret).toBeNull();
  });

  it("keeps each user's own sections under their own account for the next inventory", async () => {
    const reported = json<{ stored: boolean }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['user-scope'], socket));
    expect(reported.stored).toBe(true);
    const uid = execFileSync('id', ['-u', alice]).toString().trim();
    const kept = JSON.parse(await readFile(join(dataDir, 'user-scope', `${uid}.json`), 'utf8')) as { account: { id: string; name: string } };
    expect(kept.account).toEqual({ id: uid, name: alice });
  });

  it("lets no user list the claims folder or pass for another account", async () => {
    const claims = join(root, 'run', 'claims');
    const listing = await new Promise<number | null>((resolve) => spawn('runuser', ['-u', bob, '--', 'ls', claims], { stdio: 'ignore' }).on('close', resolve));
    expect(listing).not.toBe(0);
    // Root's own claim proves root, and a link to a file someone else owns proves nothing.
    const client = new EndpointClient(socket, 'linux');
    await client.call('status');
    expect(client.caller).toMatchObject({ id: '0', admin: true });
    expect(await readdir(claims)).toEqual([]);
  });

  it('loses and doubles nothing when the service is killed during a ticket', async () => {
    server.fail('POST', '/tickets', { kind: 'hang' });
    const id = randomUUID();
    const filing = runAs(alice, 'test/agent/helpers/user-client.ts', ['tray-ticket', 'Alice: filed while the service dies', id], socket);
    await until(() => server.requests.some((r) => r.path.endsWith('/tickets') && r.method === 'POST' && server.faults.length === 0), 'the ticket to reach the server');
    await killService();
    await startService();
    const result = json<{ result: { outcome: string; ticketId: string }; tickets: string[] }>(await filing);
    expect(result.result.ticketId).toBe(id);
    await until(() => server.stored.has(id), 'the ticket to be delivered');
    expect(server.stored.get(id)?.times).toBe(1);
    expect([...server.stored.values()].filter((s) => (s.body as { subject?: string }).subject === 'Alice: filed while the service dies')).toHaveLength(1);
    aliceTickets.push(id);
    const seen = json<{ tickets: string[] }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['tickets'], socket));
    expect(seen.tickets.sort()).toEqual([...aliceTickets].sort());
  });

  it("takes over a tray's queue from before the service without a second device", async () => {
    const embedded = join(root, 'alice-tray');
    await mkdir(embedded, { mode: 0o700 });
    const uid = Number(execFileSync('id', ['-u', alice]).toString().trim());
    await chown(embedded, uid, uid);
    const queued = json<{ id: string; delivered: boolean }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['embedded-ticket', embedded, 'Alice: queued offline'], socket));
    expect(queued.delivered).toBe(false);
    const handed = json<{ handedOver: string[] }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['handover', embedded], socket));
    expect(handed.handedOver).toEqual([queued.id]);
    await until(() => server.stored.has(queued.id), 'the handed-over ticket to be delivered');
    expect(server.enrollments).toBe(1);
    const seen = json<{ tickets: string[] }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['tickets'], socket));
    expect(seen.tickets).toContain(queued.id);
    // Run again (a tray restarted mid-way): nothing left to send, nothing doubled.
    const again = json<{ handedOver: string[] }>(await runAs(alice, 'test/agent/helpers/user-client.ts', ['handover', embedded], socket));
    expect(again.handedOver).toEqual([]);
    expect(server.stored.get(queued.id)?.times).toBe(1);
  });
});
