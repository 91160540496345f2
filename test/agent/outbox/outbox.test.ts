import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { nextDelayMs } from '../../../agent/outbox/backoff.js';
import { Outbox, OutboxFullError } from '../../../agent/outbox/outbox.js';
import { processStartTime } from '../../../agent/support/process-start.js';
import { withTempDir } from '../helpers/temp-dir.js';

describe('Outbox', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let clock: Date;
  const now = () => clock;
  beforeEach(async () => {
    tmp = await withTempDir();
    clock = new Date('2026-11-01T00:00:00.000Z');
  });
  afterEach(() => tmp.cleanup());

  const caps = (maxBytes = 1024 * 1024) => ({ maxBytes, maxAgeMs: 7 * 86_400_000 });

  it('keeps items across reopen with payloads and attachments', async () => {
    const outbox = await Outbox.open(join(tmp.dir, 'o'), now);
    const id = randomUUID();
    await outbox.enqueue({ id, kind: 'ticket', label: 't', body: '{"id":"x"}', attachments: [{ field: 'file-0', name: 'a.txt', type: 'text/plain', bytes: Buffer.from('hello') }] }, caps());
    const again = await Outbox.open(join(tmp.dir, 'o'), now);
    const [item] = await again.list();
    expect(item).toMatchObject({ id, kind: 'ticket', bytes: 15, attempts: 0, failed: null });
    expect((await again.readBody(item!)).toString()).toBe('{"id":"x"}');
    await again.remove(id);
    expect(await readdir(join(tmp.dir, 'o'))).toEqual([]);
  });

  it('drops older inventories to make room but never a ticket: the caller gets a clear error', async () => {
    const outbox = await Outbox.open(join(tmp.dir, 'o'), now);
    const inv = randomUUID();
    await outbox.enqueue({ id: inv, kind: 'inventory', label: 'inv', body: Buffer.alloc(600) }, caps(1000));
    const { warnings } = await outbox.enqueue({ id: randomUUID(), kind: 'ticket', label: 't', body: Buffer.alloc(500) }, caps(1000));
    expect(warnings[0]).toContain(`dropped queued inventory ${inv}`);
    await expect(outbox.enqueue({ id: randomUUID(), kind: 'ticket', label: 't2', body: Buffer.alloc(600) }, caps(1000))).rejects.toBeInstanceOf(OutboxFullError);
    expect((await outbox.list()).map((i) => i.label)).toEqual(['t']);
  });

  it('age cap: stale inventories are dropped, old tickets are kept and marked failed with a warning', async () => {
    const outbox = await Outbox.open(join(tmp.dir, 'o'), now);
    await outbox.enqueue({ id: randomUUID(), kind: 'inventory', label: 'inv', body: 'x' }, caps());
    const ticket = randomUUID();
    await outbox.enqueue({ id: ticket, kind: 'ticket', label: 'ticket "printer"', body: 'x' }, caps());
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    const warnings = await outbox.enforceAge(7 * 86_400_000);
    expect(warnings).toHaveLength(2);
    const items = await outbox.list();
    expect(items.map((i) => i.id)).toEqual([ticket]);
    expect(items[0]?.failed?.message).toBe('not delivered within 7 days');
  });

  it('moves a damaged metadata file and its payload to quarantine, where later sweeps leave them', async () => {
    const dir = join(tmp.dir, 'o');
    const outbox = await Outbox.open(dir, now);
    const id = randomUUID();
    await writeFile(join(dir, `${id}.body`), 'the user text');
    await writeFile(join(dir, `${id}.json`), '{"v":1,"id":');
    expect(await outbox.list()).toEqual([]);
    await Outbox.open(dir, now);
    await Outbox.open(dir, now);
    const kept = await readdir(join(dir, 'quarantine'));
    expect(kept.filter((n) => n.startsWith(`${id}.json.damaged`))).toHaveLength(1);
    expect(kept.filter((n) => n.startsWith(`${id}.body`))).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['quarantine']);
  });

  it("leaves the payload of an item another live process is writing, and sweeps a dead writer's", async () => {
    const dir = join(tmp.dir, 'o');
    await Outbox.open(dir, now);
    const live = randomUUID();
    const dead = randomUUID();
    // The parent process (vitest's) stands for another agent process that is alive right now.
    await writeFile(join(dir, `${live}.writing`), JSON.stringify({ pid: process.ppid, start: processStartTime(process.ppid) }));
    await writeFile(join(dir, `${live}.body`), 'being written');
    await writeFile(join(dir, `${dead}.writing`), JSON.stringify({ pid: 999_999_999, start: null }));
    await writeFile(join(dir, `${dead}.body`), 'left by a killed writer');
    const bare = randomUUID();
    await writeFile(join(dir, `${bare}.writing`), JSON.stringify({ pid: 999_999_999, start: null }));
    await Outbox.open(dir, now);
    expect((await readdir(dir)).sort()).toEqual([`${live}.body`, `${live}.writing`].sort());
  });

  it('refuses item ids that could escape the folder', async () => {
    const outbox = await Outbox.open(join(tmp.dir, 'o'), now);
    await expect(outbox.get('../../etc/passwd')).rejects.toThrow(/invalid outbox item id/);
  });
});

describe('nextDelayMs (full jitter)', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };
  it('is uniform in [0, min(cap, base·2^attempt)]', () => {
    expect(nextDelayMs(0, () => 0.999, policy)).toBe(999);
    expect(nextDelayMs(3, () => 0.5, policy)).toBe(4000);
    expect(nextDelayMs(20, () => 0.5, policy)).toBe(30_000);
    expect(nextDelayMs(5, () => 0, policy)).toBe(0);
  });
  it('waits at least as long as Retry-After, capped at a day', () => {
    expect(nextDelayMs(0, () => 0.5, policy, 120_000)).toBe(120_000);
    expect(nextDelayMs(0, () => 0.5, policy, 90 * 86_400_000)).toBe(86_400_000);
  });
});
