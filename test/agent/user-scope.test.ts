import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Diagnostics, InventoryDocument, InventoryUpload } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAgent, type AgentInstance } from '../../agent/agent.js';
import { computeDelta, type DeltaOutput } from '../../agent/inventory/delta.js';
import { combineDiagnostics } from '../../agent/user-scope/combine-diagnostics.js';
import { isAgentService } from '../../agent/user-scope/service-account.js';
import { userHashKey, withUserScope } from '../../agent/user-scope/user-scope-delta.js';
import { UserScopeRejectedError, UserScopeStore } from '../../agent/user-scope/user-scope-store.js';
import { sampleInventory } from '../shared/samples.js';
import { sampleUserScopeReport } from '../shared/user-scope-samples.js';
import { FakeDeviceServer } from './helpers/fake-device-server.js';
import { fakeInventorySource } from './helpers/sample-inventory.js';
import { withTempDir } from './helpers/temp-dir.js';

const ALICE = '1000';
const BOB = '1001';
const at = (iso: string) => () => new Date(iso);

describe('UserScopeStore', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  beforeEach(async () => {
    tmp = await withTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('keeps one owner-only file per account and replaces it with a newer report', async () => {
    const store = new UserScopeStore(tmp.dir, { now: at('2024-10-04T12:00:00Z') });
    expect(await store.record(sampleUserScopeReport(ALICE, '2024-10-04T10:00:00.000Z', 'alice'), ALICE)).toMatchObject({ stored: true });
    expect(await store.record(sampleUserScopeReport(ALICE, '2024-10-04T11:00:00.000Z', 'alice'), ALICE)).toMatchObject({ stored: true, reason: 'replaced the previous report' });
    expect(await store.record(sampleUserScopeReport(ALICE, '2024-10-04T09:00:00.000Z', 'alice'), ALICE)).toMatchObject({ stored: false });
    expect(await readdir(store.dir)).toEqual([`${ALICE}.json`]);
    expect((await store.get(ALICE))?.collectedAt).toBe('2024-10-04T11:00:00.000Z');
    if (process.platform !== 'win32') {
      const { stat } = await import('node:fs/promises');
      expect((await stat(join(store.dir, `${ALICE}.json`))).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses a report about another account, and an invalid one, before writing anything', async () => {
    const store = new UserScopeStore(tmp.dir, { now: at('2024-10-04T12:00:00Z') });
    await expect(store.record(sampleUserScopeReport(BOB), ALICE)).rejects.toThrow(UserScopeRejectedError);
    await expect(store.record({ ...sampleUserScopeReport(ALICE), account: { name: 'x', id: '../state' } })).rejects.toThrow(/account\.id/);
    expect(await store.list()).toEqual([]);
    expect(await store.get('../state')).toBeNull();
  });

  it('drops reports older than the limit, damaged files, and the oldest accounts beyond the cap', async () => {
    const store = new UserScopeStore(tmp.dir, { now: at('2024-10-04T12:00:00Z'), maxAgeDays: 30, maxUsers: 2 });
    await store.record(sampleUserScopeReport('1', '2024-10-01T00:00:00.000Z', 'one'));
    await store.record(sampleUserScopeReport('2', '2024-10-02T00:00:00.000Z', 'two'));
    await store.record(sampleUserScopeReport('3', '2024-10-03T00:00:00.000Z', 'three'));
    expect((await store.list()).map((r) => r.account.id)).toEqual(['3', '2']);
    expect((await readdir(store.dir)).sort()).toEqual(['2.json', '3.json']);
    await writeFile(join(store.dir, '2.json'), '{ not json');
    expect((await store.list()).map((r) => r.account.id)).toEqual(['3']);
    const later = new UserScopeStore(tmp.dir, { now: at('2024-11-03T00:00:01Z'), maxAgeDays: 30 });
    expect(await later.list()).toEqual([]);
    expect(await readdir(store.dir)).toEqual([]);
  });
});

describe('withUserScope', () => {
  const machine = (kind: 'full' | 'partial'): DeltaOutput => {
    const doc = sampleInventory();
    return { document: { ...doc, kind, sections: kind === 'full' ? doc.sections : {} }, kind, changed: [], hashes: { system: 'h' }, reason: kind === 'full' ? 'first upload' : 'unchanged' };
  };
  const alice = sampleUserScopeReport(ALICE, '2024-10-04T10:00:00.000Z', 'alice');
  const bob = sampleUserScopeReport(BOB, '2024-10-04T10:00:00.000Z', 'bob');

  it('leaves a document without user reports at schemaVersion 1', () => {
    const out = withUserScope(machine('partial'), [], { system: 'h' });
    expect(out.document.schemaVersion).toBe(1);
    expect(out.document).not.toHaveProperty('users');
  });

  it('a full upload carries every user, at schemaVersion 2, and a valid document', () => {
    const out = withUserScope(machine('full'), [alice, bob], {});
    expect(out.document.schemaVersion).toBe(2);
    expect(out.document.users?.map((u) => u.account.id)).toEqual([ALICE, BOB]);
    expect(Object.keys(out.hashes).sort()).toEqual(['system', userHashKey(ALICE), userHashKey(BOB)].sort());
    expect(InventoryDocumentSchema.safeParse(out.document).success).toBe(true);
  });

  it('a partial carries only changed users and names the ones dropped since', () => {
    const first = withUserScope(machine('full'), [alice, bob], {});
    const same = withUserScope(machine('partial'), [alice, bob], first.hashes);
    expect(same.document).not.toHaveProperty('users');
    expect(same.document.schemaVersion).toBe(1);
    const changed = sampleUserScopeReport(ALICE, '2024-10-04T11:00:00.000Z', 'alice');
    changed.sections.oneDrive!.data!.state = 'ok';
    const next = withUserScope(machine('partial'), [changed], first.hashes);
    expect(next.document.users?.map((u) => u.account.id)).toEqual([ALICE]);
    expect(next.document.removedUsers).toEqual([BOB]);
    expect(next.reason).toBe('unchanged; 1 user, 1 removed');
    expect(InventoryDocumentSchema.safeParse(next.document).success).toBe(true);
  });

  it("users' acknowledged hashes never make the machine delta full", () => {
    const doc = sampleInventory();
    const full = computeDelta({ document: doc, ackedHashes: {}, lastFullAt: null, now: new Date('2024-10-04T12:00:00Z'), forceFull: false });
    const again = computeDelta({ document: doc, ackedHashes: { ...full.hashes, [userHashKey(BOB)]: 'x' }, lastFullAt: '2024-10-04T11:00:00.000Z', now: new Date('2024-10-04T12:00:00Z'), forceFull: false });
    expect(again.kind).toBe('partial');
    const onlyUsers = computeDelta({ document: doc, ackedHashes: { [userHashKey(BOB)]: 'x' }, lastFullAt: '2024-10-04T11:00:00.000Z', now: new Date('2024-10-04T12:00:00Z'), forceFull: false });
    expect(onlyUsers.reason).toBe('first upload');
  });

  it('an unchanged user is sent again on a new day (durations never count)', () => {
    const first = withUserScope(machine('full'), [alice], {});
    const sameDay = sampleUserScopeReport(ALICE, '2024-10-04T18:00:00.000Z', 'alice');
    sameDay.sections.proxy!.durationMs = 9999;
    expect(withUserScope(machine('partial'), [sameDay], first.hashes).users).toEqual([]);
    expect(withUserScope(machine('partial'), [sampleUserScopeReport(ALICE, '2024-10-05T08:00:00.000Z', 'alice')], first.hashes).users).toEqual([ALICE]);
  });
});

describe('combineDiagnostics', () => {
  const machine: Diagnostics = {
    collectedAt: '2024-10-04T12:00:00.000Z',
    items: [{ id: 'uptime', status: 'ok', durationMs: 1, summary: 'up 2 days', data: { seconds: 172800 }, truncated: null }],
    redactions: 1,
    omitted: [],
    agentVersion: '1.4.0',
  };

  it('adds the user report as its own item after the machine items, with a readable summary and its age', () => {
    const out = combineDiagnostics(machine, sampleUserScopeReport(ALICE, '2024-10-04T09:00:00.000Z', 'alice'), new Date('2024-10-04T12:00:00Z'));
    expect(out.items.map((i) => i.id)).toEqual(['uptime', 'user-scope']);
    const item = out.items[1]!;
    expect(item.summary).toBe('alice: proxy pac, OneDrive failing, File History ok');
    expect(item.data).toMatchObject({ account: { id: ALICE }, ageMinutes: 180 });
  });

  it('says so when the user never sent a report, and respects an unticked item', () => {
    expect(combineDiagnostics(machine, null).items.at(-1)).toMatchObject({ id: 'user-scope', status: 'error', data: null });
    const omitted = { ...machine, omitted: ['user-scope' as const] };
    expect(combineDiagnostics(omitted, sampleUserScopeReport())).toBe(omitted);
  });

  it('redacts secrets that slipped into a report', () => {
    const report = sampleUserScopeReport(ALICE);
    report.sections.proxy!.data!.pacUrl = 'http://proxy/p.pac?password=hunter2';
    const out = combineDiagnostics(machine, report);
    expect(JSON.stringify(out)).not.toContain('hunter2');
    expect(out.redactions).toBeGreaterThan(machine.redactions);
  });
});

describe('isAgentService', () => {
  it('is the service only where the service definitions set DESKSIDE_SERVICE', () => {
    expect(isAgentService({ DESKSIDE_SERVICE: 'systemd' })).toBe(true);
    expect(isAgentService({ DESKSIDE_SERVICE: '' })).toBe(false);
    expect(isAgentService({})).toBe(false);
  });
});

describe('agent facade with user reports', () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let agent: AgentInstance;
  let clock = new Date('2024-10-04T12:00:00Z');
  const inventory = fakeInventorySource((doc) => doc);

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    clock = new Date('2024-10-04T12:00:00Z');
    agent = await createAgent({ dataDir: join(tmp.dir, 'data'), inventory, policy: { description: 'none', read: async () => ({}) }, policyRefreshMs: 0, random: () => 0.5, now: () => clock });
    await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret });
  });
  afterEach(async () => {
    await agent.stop();
    await server.close();
    await tmp.cleanup();
  });

  const lastDocument = (): InventoryDocument => ([...server.stored.values()].filter((v) => v.kind === 'inventory').at(-1)?.body as InventoryUpload).document;

  it('uploads a recorded report with the next inventory, then only when it changes or goes', async () => {
    await agent.syncNow();
    expect(lastDocument()).not.toHaveProperty('users');
    expect(lastDocument().schemaVersion).toBe(1);

    await agent.recordUserScope(sampleUserScopeReport(ALICE, '2024-10-04T11:00:00.000Z', 'alice'), ALICE);
    await agent.syncNow();
    expect(lastDocument()).toMatchObject({ kind: 'partial', schemaVersion: 2, users: [{ account: { id: ALICE, name: 'alice' } }] });
    const state = JSON.parse(await readFile(join(tmp.dir, 'data', 'state.json'), 'utf8')) as { ackedSectionHashes: Record<string, string> };
    expect(state.ackedSectionHashes).toHaveProperty(userHashKey(ALICE));

    await agent.syncNow();
    expect(lastDocument()).not.toHaveProperty('users');

    clock = new Date('2024-11-10T12:00:00Z'); // alice has not signed in for five weeks
    await agent.syncNow();
    const doc = lastDocument();
    // A week passed too, so this is the weekly full: it lists every user kept (none), so alice goes.
    expect(doc.kind).toBe('full');
    expect(doc).not.toHaveProperty('users');
  });

  it('refuses a report the caller may not make', async () => {
    await expect(agent.recordUserScope(sampleUserScopeReport(BOB), ALICE)).rejects.toThrow(/may not report/);
  });
});
