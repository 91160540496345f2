import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Outbox } from '../../../agent/outbox/outbox.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { canRunTs, exited, spawnTs, waitForLine } from '../helpers/run-ts.js';
import { withTempDir } from '../helpers/temp-dir.js';

const CHILD = 'test/agent/helpers/outbox-child.ts';

describe.skipIf(!canRunTs)('outbox crash safety (child killed with SIGKILL)', { timeout: 60_000 }, () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let dir: string;

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    dir = join(tmp.dir, 'outbox');
  });
  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  });

  /** Every listed item is whole: metadata parses, payload and attachment files exist at their sizes. */
  async function assertWhole(outbox: Outbox): Promise<string[]> {
    const items = await outbox.list();
    for (const item of items) {
      const body = await outbox.readBody(item);
      expect(JSON.parse(body.toString('utf8')).id).toBe(item.id);
      for (const a of item.attachments) expect((await stat(outbox.attachmentPath(a.file))).size).toBe(a.size);
    }
    return items.map((i) => i.id);
  }

  it('a kill while writing leaves only whole items; every announced item survives and is delivered exactly once', async () => {
    const child = spawnTs(CHILD, ['write', dir, '200']);
    const lines = await waitForLine(child, (_l, all) => all.length >= 6);
    child.kill('SIGKILL');
    await exited(child);
    const announced = lines.filter((l) => l.startsWith('queued ')).map((l) => l.slice(7));
    expect(announced.length).toBeGreaterThanOrEqual(6);

    const outbox = await Outbox.open(dir);
    const ids = await assertWhole(outbox);
    for (const id of announced) expect(ids).toContain(id);
    // at most the item being written when killed may have completed without being announced
    expect(ids.length - announced.length).toBeLessThanOrEqual(1);
    // the sweep removed temp files and orphan payloads
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const owners = new Set(ids);
    expect(names.filter((n) => !owners.has(n.split('.')[0] ?? ''))).toEqual([]);

    const credential = server.issueCredential();
    const flush = spawnTs(CHILD, ['flush', dir, server.url, credential]);
    await waitForLine(flush, (l) => l.startsWith('done'));
    expect(await exited(flush)).toBe(0);
    expect([...server.stored.keys()].sort()).toEqual([...ids].sort());
    expect([...server.receipts.values()].every((n) => n === 1)).toBe(true);
    expect((await (await Outbox.open(dir)).list()).length).toBe(0);
  });

  it('a kill while uploading (acknowledgement never received) delivers every item exactly once after restart', async () => {
    const writer = spawnTs(CHILD, ['write', dir, '6']);
    await waitForLine(writer, (l) => l === 'done');
    await exited(writer);
    const ids = await assertWhole(await Outbox.open(dir));
    expect(ids).toHaveLength(6);

    const credential = server.issueCredential();
    // the third ticket is stored but its acknowledgement never comes; the uploader is killed waiting
    server.fail('POST', '/tickets', { kind: 'store-then-hang' }, 1, 2);
    const uploader = spawnTs(CHILD, ['flush', dir, server.url, credential]);
    uploader.stdout.resume();
    uploader.stderr.resume();
    while (server.stored.size < 3) await new Promise((r) => setTimeout(r, 20));
    uploader.kill('SIGKILL');
    await exited(uploader);
    const left = await assertWhole(await Outbox.open(dir));
    expect(left).toHaveLength(4); // items 3-6: the third was stored but not acknowledged

    const restart = spawnTs(CHILD, ['flush', dir, server.url, credential]);
    const out = await waitForLine(restart, (l) => l.startsWith('done'));
    expect(out.at(-1)).toBe('done 4');
    expect([...server.stored.keys()].sort()).toEqual([...ids].sort());
    expect(server.tickets).toHaveLength(6);
    // the unacknowledged one was sent twice and stored once
    expect([...server.receipts.values()].sort()).toEqual([1, 1, 1, 1, 1, 2]);
    expect(await (await Outbox.open(dir)).list()).toEqual([]);
  });

  it('another process opening the outbox while items are written never sweeps their payloads', async () => {
    const writer = spawnTs(CHILD, ['write', dir, '12']);
    const done = waitForLine(writer, (l) => l === 'done');
    let finished = false;
    const stop = () => (finished = true);
    void done.then(stop, stop);
    // The daemon's round and a `ticket` command open the same outbox: open it over and over meanwhile.
    let opens = 0;
    while (!finished) {
      await Outbox.open(dir);
      opens += 1;
    }
    const lines = await done;
    expect(await exited(writer)).toBe(0);
    expect(opens).toBeGreaterThan(0);
    const ids = await assertWhole(await Outbox.open(dir));
    expect(ids.sort()).toEqual(lines.filter((l) => l.startsWith('queued ')).map((l) => l.slice(7)).sort());
    expect(ids).toHaveLength(12);
  });
});
