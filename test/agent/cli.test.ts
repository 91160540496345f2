import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DiagnosticsSchema } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeDeviceServer } from './helpers/fake-device-server.js';
import { runCli } from './helpers/run-cli.js';
import { canRunTs, exited, spawnTs } from './helpers/run-ts.js';
import { withTempDir } from './helpers/temp-dir.js';

describe.skipIf(!canRunTs)('deskside-agent CLI', { timeout: 120_000 }, () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let dataDir: string;
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

  beforeAll(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    dataDir = join(tmp.dir, 'data');
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('has help for the program and every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['enroll', 'sync', 'run', 'ticket', 'tickets', 'status', 'diagnose']) expect(top.stdout).toContain(command);
    const ticket = await runCli(['ticket', '--help']);
    expect(ticket.stdout).toMatch(/--subject <text>[\s\S]*--attach <file>[\s\S]*--no-diagnostics/);
  });

  it('says clearly when the device is not enrolled', async () => {
    const status = await cli('status');
    expect(status.code).toBe(77);
    expect(status.stdout).toContain('NOT ENROLLED');
    const sync = await cli('sync', '--no-inventory');
    expect(sync.code).toBe(77);
    expect(sync.stderr).toContain('not enrolled: This device has not been enrolled yet');
    const enroll = await cli('enroll');
    expect(enroll.code).toBe(77);
    expect(enroll.stderr).toMatch(/No server URL: pass --server URL/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  it('enrolls, syncs, files and lists tickets', async () => {
    const enroll = await cli('enroll', '--server', server.url, '--enroll-secret', server.enrollSecret);
    expect(enroll.code).toBe(0);
    expect(enroll.stdout).toMatch(/^Enrolled with http:\/\/127\.0\.0\.1:\d+ as device [0-9a-f-]{36}\n$/);

    const sync = await cli('sync', '--no-inventory');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('Delivered: 0; still queued: 0');

    const ticket = await cli('ticket', '--subject', 'Outlook crashes', '--description', 'Since the update', '--category', 'email', '--urgency', 'high', '--no-diagnostics');
    expect(ticket.code).toBe(0);
    const id = ticket.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.stored.get(id)?.kind).toBe('ticket');

    const list = await cli('tickets', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).tickets.map((t: { id: string }) => t.id)).toEqual([id]);

    const reply = await cli('reply', id, '--message', 'Still crashing after a restart');
    expect(reply.code).toBe(0);
    expect(server.stored.get(reply.stdout.trim())).toMatchObject({ kind: 'comment', body: { body: 'Still crashing after a restart' } });
    expect((await cli('reply', 'not-an-id', '--message', 'x')).code).toBe(64);
    server.fail('POST', '/comments', { kind: 'status', status: 409, body: { error: { code: 'ticket_closed', message: 'the ticket is closed; file a new one' } } });
    const closed = await cli('reply', id, '--message', 'One more thing');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toContain('Not sent: the ticket is closed; file a new one (HTTP 409). The reply is kept in the queue');
    expect(JSON.parse((await cli('status', '--json')).stdout).outbox).toEqual([expect.objectContaining({ id: closed.stdout.trim(), failed: expect.objectContaining({ status: 409 }) })]);
    expect((await cli('discard', closed.stdout.trim())).code).toBe(0);

    // The requester's loop: "fixed", "still broken" with their words, and a rating, through the outbox.
    const confirmed = await cli('confirm', id);
    expect(confirmed.code).toBe(0);
    expect(server.stored.get(confirmed.stdout.trim())).toMatchObject({ kind: 'feedback', body: { kind: 'confirm' } });
    const broken = await cli('confirm', id, '--still-broken', 'Crashed again at 10:42');
    expect(server.stored.get(broken.stdout.trim())).toMatchObject({ kind: 'feedback', body: { kind: 'still-broken', body: 'Crashed again at 10:42' } });
    const rated = await cli('rate', id, '--stars', '4', '--comment', 'Quick');
    expect(server.stored.get(rated.stdout.trim())).toMatchObject({ kind: 'feedback', body: { kind: 'rating', rating: 4, body: 'Quick' } });
    expect((await cli('rate', id, '--stars', '6')).code).toBe(64);

    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ serverUrl: server.url, proxyUrl: 'http://bob:pr0xyPass@127.0.0.1:9', enrollSecret: 'user-level-secret-123' }));
    const status = await cli('status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).enrollment.state).toBe('enrolled');
    const text = await cli('status');
    expect(`${status.stdout}${text.stdout}`).not.toMatch(/pr0xyPass|user-level-secret-123/);
    expect(text.stdout).toContain('enrollSecret = [set]');
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ serverUrl: server.url }));
  });

  it('exits 75 when items stay queued, 0 once delivered', async () => {
    server.fail('POST', '/tickets', { kind: 'status', status: 503 }, 2);
    const ticket = await cli('ticket', '--subject', 'Queued', '--description', '-', '--no-diagnostics');
    expect(ticket.code).toBe(75);
    expect(ticket.stderr).toMatch(/Saved; not delivered yet/);
    const sync = await cli('sync', '--no-inventory');
    expect(sync.code).toBe(75);
    expect(sync.stdout).toContain('still queued: 1');
    const again = await cli('sync', '--no-inventory');
    expect(again.code).toBe(0);
  });

  it('keeps an item the server refused, retries it on request, or discards it', async () => {
    server.fail('POST', '/tickets', { kind: 'status', status: 422, body: { error: { code: 'validation_failed', message: 'category retired' } } }, 2);
    const ticket = await cli('ticket', '--subject', 'Refused', '--no-diagnostics');
    expect(ticket.code).toBe(75);
    const id = ticket.stdout.trim();
    const status = await cli('status');
    expect(status.stdout).toContain(`${id}  ticket "Refused"  attempts 1  REFUSED: category retired (HTTP 422)`);
    const retried = await cli('sync', '--no-inventory', '--retry-failed');
    expect(retried.code).toBe(75);
    expect((await cli('discard', '00000000-0000-4000-8000-000000000000')).code).toBe(64);
    const discarded = await cli('discard', id);
    expect(discarded.code).toBe(0);
    expect(discarded.stdout).toBe('Removed ticket "Refused"\n');
    expect((await cli('sync', '--no-inventory')).code).toBe(0);
  });

  it('refuses a program as attachment with a usage error', async () => {
    const exe = join(tmp.dir, 'setup.exe');
    await writeFile(exe, 'MZ');
    const r = await cli('ticket', '--subject', 'x', '--attach', exe, '--no-diagnostics');
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('programs and scripts');
  });

  it('diagnose --json prints a valid, redacted document', async () => {
    const r = await cli('diagnose', '--json', '--omit', 'processes');
    expect(r.code).toBe(0);
    const d = DiagnosticsSchema.parse(JSON.parse(r.stdout));
    expect(d.omitted).toEqual(['processes']);
    const bad = await cli('diagnose', '--omit', 'everything');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown diagnostic item(s): everything');
  });

  it('run: a round at start, another on SIGHUP, clean stop on SIGTERM', async () => {
    const checkins = () => server.requests.filter((r) => r.path.endsWith('/checkin')).length;
    const before = checkins();
    const child = spawnTs('agent/cli.ts', ['--data-dir', dataDir, 'run']);
    child.stdout.resume();
    child.stderr.resume();
    while (checkins() === before) await new Promise((r) => setTimeout(r, 25));
    // the round's process has exited and the schedule is written before the daemon sleeps again
    while (!JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')).nextCheckinAt) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 200));
    const second = await cli('run');
    expect(second.code).toBe(75);
    expect(second.stderr).toContain('another "deskside-agent run" is already running');
    child.kill('SIGHUP');
    while (checkins() === before + 1) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});
