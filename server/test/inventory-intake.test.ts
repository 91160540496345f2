import { join } from 'node:path';

import { AGENT_API_BASE, type SoftwarePackage } from '@deskside/shared';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, json, type EnrolledDevice, type Harness } from './helpers/harness.js';
import { fullInventory, fullSections, partialInventory, pkg, upload } from './helpers/inventory.js';

/** A device's names in the software index, through the catalog's numbers. */
const rows = async (h: Harness, deviceId: string) =>
  (
    await h.store.db
      .selectFrom('device_software')
      .innerJoin('software_names', 'software_names.id', 'device_software.name_id')
      .select('software_names.name_lower')
      .where('device_software.device_id', '=', deviceId)
      .execute()
  )
    .map((r) => r.name_lower)
    .sort();

/** What the write path keeps beside the stored document: package rows, the name catalog, list columns. */
describe.each(DATABASES)('inventory intake on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const put = (d: EnrolledDevice, body: unknown) => h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: body as object });
  const catalog = async () => (await h.store.db.selectFrom('software_names').select('name_lower').execute()).map((r) => r.name_lower).sort();

  it('keeps the software index and the name catalog in step through installs, updates and removals', async () => {
    const a = await enroll(h);
    const b = await enroll(h);
    const first: SoftwarePackage[] = [pkg('Zoom', '5.0'), pkg('7-Zip', '23.01'), pkg('Firefox', '120.0'), pkg('Firefox', '120.0', 'registry-user'), { ...pkg('Git', '2.44'), arch: null }];
    expect((await put(a, upload(fullInventory({ packages: first })))).statusCode).toBe(200);
    // A name installed twice (machine-wide and per user) is one entry.
    expect(await rows(h, a.deviceId)).toEqual(['7-zip', 'firefox', 'git', 'zoom']);
    // The second device repeats known names and adds one.
    expect((await put(b, upload(fullInventory({ packages: [pkg('Firefox', '121.0'), pkg('VLC', '3.0')] })))).statusCode).toBe(200);
    expect(await catalog()).toEqual(['7-zip', 'firefox', 'git', 'vlc', 'zoom']);

    const next = fullSections({ packages: [pkg('Zoom', '5.1'), pkg('Firefox', '120.0'), { ...pkg('Git', '2.45'), arch: null }, pkg('Slack', '4.36')] });
    expect((await put(a, upload(partialInventory({ software: next.software })))).statusCode).toBe(200);
    // 7-Zip gone, Slack new; new versions and the per-user Firefox gone leave the names as they were.
    expect(await rows(h, a.deviceId)).toEqual(['firefox', 'git', 'slack', 'zoom']);
    expect(await rows(h, b.deviceId)).toEqual(['firefox', 'vlc']);
    // Removing the last package of a name removes the name.
    const last = fullSections({ packages: [pkg('Zoom', '5.1')] });
    expect((await put(a, upload(partialInventory({ software: last.software })))).statusCode).toBe(200);
    expect(await rows(h, a.deviceId)).toEqual(['zoom']);
    // Names stay in the catalog once seen (it lists what the fleet has had), and new ones join it.
    expect(await catalog()).toEqual(['7-zip', 'firefox', 'git', 'slack', 'vlc', 'zoom']);
  });

  it('fills the list columns, keeps the enrolled serial when the inventory has none, and answers a full-inventory request', async () => {
    const d = await enroll(h, { hostname: 'enrolled-name', serial: 'SN-ENROLLED' });
    await h.store.devices.requestFullInventory(d.deviceId);
    const partial = fullSections({ hostname: 'pc-777', serial: null, user: 'bob' });
    expect((await put(d, upload(partialInventory({ network: partial.network })))).statusCode).toBe(200);
    expect(await h.store.devices.row(d.deviceId)).toMatchObject({ serial: 'SN-ENROLLED', full_inventory_requested: 1, hostname: 'pc-001' });
    expect((await put(d, upload(fullInventory({ hostname: 'pc-777', serial: null, user: 'bob' })))).statusCode).toBe(200);
    const row = await h.store.devices.row(d.deviceId);
    expect(row).toMatchObject({ serial: 'SN-ENROLLED', full_inventory_requested: 0, hostname: 'pc-777', logged_in_user: 'bob', os_name: 'Windows 11 Pro' });
    expect(row?.search_text).toContain('pc-777');
    expect(row?.search_text).toContain('bob');
  });

  it('refuses a bad package with zod own error and path, and stores nothing', async () => {
    const d = await enroll(h);
    const packages = [pkg('Fine', '1.0'), { ...pkg('Too long', '1.0'), name: 'x'.repeat(513) }];
    const res = await put(d, upload(fullInventory({ packages })));
    expect(res.statusCode).toBe(400);
    const body = json(res) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((x) => x.path)).toEqual(['body.document.sections.software.data.packages.1.name']);
    const unknownKey = await put(d, upload(fullInventory({ packages: [{ ...pkg('Odd', '1.0'), licence: 'GPL' } as SoftwarePackage] })));
    expect(unknownKey.statusCode).toBe(400);
    expect(await rows(h, d.deviceId)).toEqual([]);
    expect(await h.store.inventory.latest(d.deviceId)).toBeNull();
  });

  it('stores compact packages with their unknown values as null', async () => {
    const d = await enroll(h);
    const doc = fullInventory();
    const compact = { ...doc, sections: { ...doc.sections, software: { status: 'ok', durationMs: 5, data: { packages: [{ name: 'Compact', source: 'dpkg' }], truncated: false } } } };
    expect((await put(d, upload(compact as typeof doc))).statusCode).toBe(200);
    const latest = await h.store.inventory.latest(d.deviceId);
    expect(latest?.sections.software?.data?.packages).toEqual([
      { name: 'Compact', version: null, publisher: null, installDate: null, installLocation: null, arch: null, source: 'dpkg' },
    ]);
  });
});

describe('inventory intake on SQLite shared with another process', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness('sqlite');
  });
  afterEach(async () => {
    await h.close();
  });

  it('waits for the write lock without blocking the event loop, then stores the upload', async () => {
    const d = await enroll(h);
    // A second connection to the same file stands in for another worker holding the write lock.
    const other = new SQLite(join(h.dataDir, 'deskside.db'));
    try {
      other.prepare('begin immediate').run();
      let stored = false;
      const pending = h.app
        .inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: upload(fullInventory({ packages: [pkg('Firefox', '121.0')] })) })
        .then((res) => {
          stored = true;
          return res;
        });
      // Timers still fire while the upload waits: the process keeps serving.
      let ticks = 0;
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 10));
        ticks += 1;
      }
      expect(ticks).toBe(5);
      expect(stored).toBe(false);
      const health = await h.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      other.prepare('commit').run();
      const res = await pending;
      expect(res.statusCode).toBe(200);
      expect(await rows(h, d.deviceId)).toEqual(['firefox']);
    } finally {
      if (other.inTransaction) other.prepare('rollback').run();
      other.close();
    }
  });
});
