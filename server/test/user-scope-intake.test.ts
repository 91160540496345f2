import { AGENT_API_BASE, CONSOLE_API_BASE, DeviceDetailSchema, type InventoryDocument, type UserScopeEntry } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sampleUserScopeEntry } from '../../test/shared/user-scope-samples.js';
import { backupState } from '../src/inventory/derive.js';
import { mergeUsers } from '../src/inventory/merge-users.js';
import { userScopeChanges } from '../src/inventory/user-scope-diff.js';
import { DATABASES, createHarness, enroll, json, technician, type EnrolledDevice, type Harness } from './helpers/harness.js';
import { fullInventory, fullSections, partialInventory, upload } from './helpers/inventory.js';

const ALICE = '1000';
const BOB = '1001';
const entry = (id: string, collectedAt: string, name: string, oneDrive: 'ok' | 'failing' = 'failing'): UserScopeEntry => {
  const e = sampleUserScopeEntry(id, collectedAt, name);
  e.sections.oneDrive!.data!.state = oneDrive;
  return e;
};
const v2 = (doc: InventoryDocument, extra: Partial<InventoryDocument>): InventoryDocument => ({ ...doc, schemaVersion: 2, ...extra });

describe('mergeUsers', () => {
  const alice = entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice');
  const bob = entry(BOB, '2026-11-01T07:00:00.000Z', 'bob');

  it('a partial replaces only the users it carries and forgets the removed ones', () => {
    const newer = entry(ALICE, '2026-11-02T08:00:00.000Z', 'alice', 'ok');
    expect(mergeUsers([alice, bob], v2(partialInventory({}), { users: [newer] }))).toEqual([newer, bob]);
    expect(mergeUsers([alice, bob], v2(partialInventory({}), { removedUsers: [BOB] }))).toEqual([alice]);
    expect(mergeUsers([alice, bob], partialInventory({}))).toEqual([alice, bob]);
  });

  it('a late, older entry does not replace a newer one', () => {
    const older = entry(ALICE, '2026-10-30T08:00:00.000Z', 'alice', 'ok');
    expect(mergeUsers([alice], v2(partialInventory({}), { users: [older] }))).toEqual([alice]);
  });

  it('a full document replaces the list; one without users (an older agent) keeps none', () => {
    expect(mergeUsers([alice, bob], v2(fullInventory(), { users: [bob] }))).toEqual([bob]);
    expect(mergeUsers([alice, bob], fullInventory())).toEqual([]);
  });
});

describe("the device's backup state with users' own backups", () => {
  it("a user's OneDrive makes a machine without backup ok, a failing one makes it failing, unreadable stays unknown", () => {
    const ok = entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice', 'ok');
    ok.sections.fileHistory!.data!.configured = false;
    ok.sections.fileHistory!.data!.state = 'not-configured';
    expect(backupState(fullSections({ backup: 'not-configured' }), [ok])).toBe('ok');
    expect(backupState(fullSections({ backup: 'ok' }), [entry(BOB, '2026-11-01T08:00:00.000Z', 'bob', 'failing')])).toBe('failing');
    expect(backupState(fullSections({ backup: 'stale' }), [ok])).toBe('stale');
    expect(backupState({}, [ok])).toBe('unknown');
    expect(backupState(fullSections({ backup: 'not-configured' }), [])).toBe('none');
  });
});

describe('userScopeChanges', () => {
  it("records a user's backup state change, not a new user or a fresh collection", () => {
    const before = [entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice', 'failing')];
    expect(userScopeChanges(before, [entry(ALICE, '2026-11-02T08:00:00.000Z', 'alice', 'ok'), entry(BOB, '2026-11-02T08:00:00.000Z', 'bob')])).toEqual([
      { kind: 'protection-changed', category: 'backup', subject: 'alice: OneDrive Known Folder Move', before: 'failing', after: 'ok' },
    ]);
    expect(userScopeChanges(before, [entry(ALICE, '2026-11-03T08:00:00.000Z', 'alice', 'failing')])).toEqual([]);
    expect(userScopeChanges(null, before)).toEqual([]);
  });
});

describe.each(DATABASES)('per-user sections on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
    session = null;
  });
  afterEach(async () => {
    await h.close();
  });

  const put = (d: EnrolledDevice, document: unknown) => h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: upload(document as InventoryDocument) });
  let session: Awaited<ReturnType<typeof technician>> | null = null;
  const detail = async (d: EnrolledDevice) => {
    session ??= await technician(h, 'tech1');
    const s = session;
    const res = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices/${d.deviceId}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    return DeviceDetailSchema.parse(json(res));
  };

  it('stores users per account, merges partials per account, shows them on the device, and records state changes', async () => {
    const d = await enroll(h);
    expect((await put(d, v2(fullInventory(), { users: [entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice'), entry(BOB, '2026-11-01T07:00:00.000Z', 'bob')] }))).statusCode).toBe(200);
    expect((await put(d, v2(partialInventory({}), { users: [entry(ALICE, '2026-11-01T10:00:00.000Z', 'alice', 'ok')] }))).statusCode).toBe(200);
    const view = await detail(d);
    expect(view.inventory?.users.map((u) => [u.account.name, u.collectedAt, u.sections.oneDrive?.data?.state])).toEqual([
      ['alice', '2026-11-01T10:00:00.000Z', 'ok'],
      ['bob', '2026-11-01T07:00:00.000Z', 'failing'],
    ]);
    expect(view.recentHistory.map((e) => [e.subject, e.before, e.after])).toContainEqual(['alice: OneDrive Known Folder Move', 'failing', 'ok']);
    // bob's OneDrive still fails: the device's list column says so.
    expect(view.device.backup).toBe('failing');
    // An older agent's plain version 1 partial leaves the users alone.
    expect((await put(d, partialInventory({}))).statusCode).toBe(200);
    expect((await detail(d)).inventory?.users).toHaveLength(2);
    expect((await put(d, v2(partialInventory({}), { removedUsers: [BOB] }))).statusCode).toBe(200);
    expect((await detail(d)).inventory?.users.map((u) => u.account.id)).toEqual([ALICE]);
  });

  it('shows an empty user list for a device that never reported users', async () => {
    const d = await enroll(h);
    expect((await put(d, fullInventory())).statusCode).toBe(200);
    expect((await detail(d)).inventory?.users).toEqual([]);
  });

  it('refuses bad per-user input with 400 in the shared error shape and stores nothing', async () => {
    const d = await enroll(h);
    const bad: [string, unknown][] = [
      ['users in a version 1 document', { ...fullInventory(), users: [entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice')] }],
      ['an account id that is a path', v2(fullInventory(), { users: [{ ...entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice'), account: { name: 'x', id: '../../etc' } }] })],
      ['the same account twice', v2(fullInventory(), { users: [entry(ALICE, '2026-11-01T08:00:00.000Z', 'a'), entry(ALICE, '2026-11-01T09:00:00.000Z', 'a')] })],
      ['removedUsers in a full document', v2(fullInventory(), { removedUsers: [BOB] })],
      ['an unknown user section', v2(fullInventory(), { users: [{ ...entry(ALICE, '2026-11-01T08:00:00.000Z', 'alice'), sections: { browser: { status: 'ok', durationMs: 1, data: {} } } as unknown as UserScopeEntry['sections'] }] })],
    ];
    for (const [why, document] of bad) {
      const res = await put(d, document);
      expect(res.statusCode, why).toBe(400);
      expect((json(res) as { error: { code: string } }).error.code, why).toBe('validation_failed');
    }
    expect(await h.store.inventory.latest(d.deviceId)).toBeNull();
  });
});
