import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AgentEvent } from '../../../agent/agent-types.js';
import type { AgentInstance } from '../../../agent/agent.js';
import { createAgent } from '../../../agent/agent.js';
import { AccountRecords } from '../../../agent/endpoint/account-records.js';
import type { CallHandler } from '../../../agent/endpoint/call-handler.js';
import { createCallHandler } from '../../../agent/endpoint/call-handler.js';
import { uploadsDirOf } from '../../../agent/endpoint/endpoint-server.js';
import { audienceOf } from '../../../agent/endpoint/event-audience.js';
import { redactSettings } from '../../../agent/endpoint/redact-settings.js';
import { uploadPath } from '../../../agent/endpoint/uploads.js';
import { sampleUserScopeReport } from '../../shared/user-scope-samples.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { fakeInventorySource } from '../helpers/sample-inventory.js';
import { withTempDir } from '../helpers/temp-dir.js';

const alice = { id: '1001', name: 'alice', admin: false };
const bob = { id: '1002', name: 'bob', admin: false };
const root = { id: '0', name: 'root', admin: true };

// Each test starts a loopback device server and an agent core: explicit limits for a busy machine.
describe("the service's operations for the machine's users", { timeout: 60_000 }, () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let agent: AgentInstance;
  let records: AccountRecords;
  let handle: CallHandler;

  const ok = async <T>(caller: typeof alice, op: Parameters<CallHandler>[0], input: unknown = {}): Promise<T> => {
    const outcome = await handle(op, caller, input);
    if (!outcome.ok) throw new Error(`${op}: ${outcome.error.message}`);
    return outcome.value as T;
  };
  const refused = async (caller: typeof alice, op: Parameters<CallHandler>[0], input: unknown = {}) => {
    const outcome = await handle(op, caller, input);
    if (outcome.ok) throw new Error(`${op} was accepted`);
    return outcome.error;
  };
  const upload = async (caller: typeof alice, bytes: string) => {
    const id = randomUUID();
    const path = uploadPath(uploadsDirOf(agent.dataDir), caller.id, id);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
    return id;
  };
  const ticket = (subject: string, extra: object = {}) => ({ id: randomUUID(), subject, description: 'd', attachments: [], diagnostics: false, ...extra });

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    agent = await createAgent({
      dataDir: join(tmp.dir, 'data'),
      inventory: fakeInventorySource(),
      policy: { description: 'test', read: async () => ({ enrollSecret: server.enrollSecret }) },
      policyRefreshMs: 0,
    });
    await agent.enroll({ serverUrl: server.url });
    records = new AccountRecords(agent.dataDir);
    await records.load();
    handle = createCallHandler({ agent, records, uploadsDir: uploadsDirOf(agent.dataDir) });
  }, 30_000);
  afterEach(async () => {
    await agent.stop();
    await server.close();
    await tmp.cleanup();
  }, 30_000);

  it("files each user's ticket with their verified account and shows each only their own", async () => {
    const a = await ok<{ id: string; delivered: boolean }>(alice, 'submit-ticket', ticket('Écran noir 屏幕黑了', { attachments: [{ upload: await upload(alice, 'log'), name: 'app.log' }] }));
    const b = await ok<{ id: string }>(bob, 'submit-ticket', ticket('VPN'));
    expect(a.delivered).toBe(true);
    const stored = server.stored.get(a.id)?.body as { requesterAccount: unknown; contact: { name: string }; attachments: { name: string }[] };
    expect(stored.requesterAccount).toEqual({ id: '1001', name: 'alice' });
    expect(stored.contact.name).toBe('alice');
    expect(stored.attachments.map((x) => x.name)).toEqual(['app.log']);
    expect((await ok<{ id: string }[]>(alice, 'tickets', { refresh: true })).map((t) => t.id)).toEqual([a.id]);
    expect((await ok<{ id: string }[]>(bob, 'tickets')).map((t) => t.id)).toEqual([b.id]);
    expect((await ok<{ id: string }[]>(root, 'tickets')).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("refuses replies to another user's ticket and files from another user's uploads", async () => {
    const a = await ok<{ id: string }>(alice, 'submit-ticket', ticket('mine'));
    expect(await refused(bob, 'comment', { ticketId: a.id, body: 'not yours' })).toMatchObject({ status: 404, name: 'NotFoundError' });
    expect((await ok<{ delivered: boolean }>(alice, 'comment', { ticketId: a.id, body: 'still broken' })).delivered).toBe(true);
    // A client-chosen id that is already someone else's ticket is not taken over.
    expect(await refused(bob, 'submit-ticket', ticket('mine now', { id: a.id }))).toMatchObject({ status: 403 });
    expect(await ok<{ id: string }[]>(bob, 'tickets')).toEqual([]);
    const alicesFile = await upload(alice, 'secret');
    expect(await refused(bob, 'submit-ticket', ticket('steal', { attachments: [{ upload: alicesFile, name: 'x' }] }))).toMatchObject({ status: 404 });
    expect([...server.stored.values()].some((s) => (s.body as { subject?: string }).subject === 'steal')).toBe(false);
  });

  it('remembers contact and language per user; machine settings only for administrators; secrets never shown', async () => {
    await ok(alice, 'submit-ticket', ticket('x', { contact: { email: 'alice@example.org' } }));
    expect(await ok(alice, 'contact')).toEqual({ name: 'alice', email: 'alice@example.org', phone: null });
    expect(await ok(bob, 'contact')).toEqual({ name: 'bob', email: null, phone: null });
    const mine = await ok<{ values: { language: string | null } }>(alice, 'update-settings', { patch: { language: 'zh-CN' } });
    expect(mine.values.language).toBe('zh-CN');
    expect((await ok<{ values: { language: string | null } }>(bob, 'settings')).values.language).toBeNull();
    expect(await refused(bob, 'update-settings', { patch: { inventoryIntervalHours: 1 } })).toMatchObject({ status: 403 });
    const status = await ok<{ settings: { values: { enrollSecret: unknown } } }>(bob, 'status');
    expect(status.settings.values.enrollSecret).toBeNull();
    expect(JSON.stringify(status)).not.toContain(server.enrollSecret);
    const view = await agent.settings();
    expect(redactSettings({ ...view, values: { ...view.values, proxyUrl: 'http://proxyuser:hunter2@proxy.example:3128' } }).values.proxyUrl).not.toContain('hunter2');
  });

  it("files each user's own sections under their proven account only, and adds them to that user's diagnostics", async () => {
    const now = new Date().toISOString();
    expect(await ok(alice, 'user-scope', { report: sampleUserScopeReport('1001', now, 'alice') })).toMatchObject({ stored: true });
    // Bob's process sending a report that names Alice: refused, nothing stored for her from him.
    expect(await refused(bob, 'user-scope', { report: sampleUserScopeReport('1001', now, 'alice') })).toMatchObject({ status: 400, name: 'UserScopeRejectedError' });
    const mine = await ok<{ items: { id: string; status: string; data: { account: { name: string } } | null }[] }>(alice, 'diagnose');
    expect(mine.items.find((i) => i.id === 'user-scope')).toMatchObject({ status: 'ok', data: { account: { name: 'alice' } } });
    const his = await ok<{ items: { id: string; status: string }[] }>(bob, 'diagnose');
    expect(his.items.find((i) => i.id === 'user-scope')?.status).toBe('error');
    const unticked = await ok<{ items: { id: string }[] }>(alice, 'diagnose', { omit: ['user-scope'] });
    expect(unticked.items.map((i) => i.id)).not.toContain('user-scope');
    // Gathered by the service at ticket time: the author's own view travels with the machine's.
    const filed = await ok<{ id: string }>(alice, 'submit-ticket', ticket('slow', { diagnostics: undefined, omitDiagnostics: ['processes'] }));
    const sent = server.stored.get(filed.id)?.body as { diagnostics: { items: { id: string; status: string }[]; omitted: string[] } };
    expect(sent.diagnostics.items.find((i) => i.id === 'user-scope')?.status).toBe('ok');
    expect(sent.diagnostics.omitted).toContain('processes');
  });

  it("takes a handed-over queue as the caller's own, whatever account its text claims", async () => {
    const id = randomUUID();
    const forged = { id, subject: 'handed over', description: '', category: 'other', urgency: 'low', impact: 'me', contact: { name: null, email: null, phone: null }, attachments: [], diagnostics: null, createdAt: new Date().toISOString(), locale: null, requesterAccount: { id: '1002', name: 'bob' } };
    const item = { id, kind: 'ticket', label: 'ticket', body: JSON.stringify(forged), attachments: [] };
    expect(await ok(alice, 'handover', { items: [item] })).toEqual({ accepted: [id] });
    await agent.syncNow({ skipInventory: true });
    expect((server.stored.get(id)?.body as { requesterAccount: unknown }).requesterAccount).toEqual({ id: '1001', name: 'alice' });
    // Bob cannot hand over an item under Alice's id, nor one whose text names another id.
    expect(await refused(bob, 'handover', { items: [item] })).toMatchObject({ status: 403 });
    const other = randomUUID();
    expect(await refused(bob, 'handover', { items: [{ ...item, id: other }] })).toMatchObject({ status: 403 });
    expect(await refused(bob, 'handover', { items: [{ ...item, id: other, body: '{oops' }] })).toMatchObject({ status: 400 });
    expect(records.ownerOf(other)).toBeNull();
  });

  it('answers malformed input with what is wrong', async () => {
    expect(await refused(alice, 'submit-ticket', { subject: 'no id' })).toMatchObject({ status: 400, code: 'invalid-request' });
    expect((await refused(alice, 'comment', { ticketId: 'nope', body: 'x' })).message).toMatch(/ticketId/);
    expect(await refused(alice, 'submit-ticket', ticket(''))).toMatchObject({ status: 400, name: 'TicketValidationError' });
  });

  it("shows each user's queue only, and sends ticket news to its owner alone", async () => {
    server.fail('POST', '/tickets', { kind: 'status', status: 503 }, 10);
    const a = await ok<{ id: string; delivered: boolean }>(alice, 'submit-ticket', ticket('queued'));
    expect(a.delivered).toBe(false);
    const seenByBob = await ok<{ outbox: { id: string }[] }>(bob, 'status');
    const seenByAlice = await ok<{ outbox: { id: string }[] }>(alice, 'status');
    expect(seenByBob.outbox.map((o) => o.id)).not.toContain(a.id);
    expect(seenByAlice.outbox.map((o) => o.id)).toContain(a.id);
    const update: AgentEvent = { type: 'ticket-updated', ticket: { id: a.id, number: 1, subject: 'queued', status: 'open', priority: 'medium', createdAt: '', updatedAt: '', messages: [] }, statusChanged: true, newTechnicianMessages: 0 };
    expect(audienceOf(update, records).audience).toEqual({ account: '1001' });
    const orphan = { ...update, ticket: { ...update.ticket, id: randomUUID() } };
    expect(audienceOf(orphan, records).audience).toEqual({ account: '' });
    const sync = audienceOf({ type: 'sync-finished', result: { enrolled: true, checkedIn: true, inventory: null, delivered: [a.id], remaining: [], errors: [] } }, records);
    expect(sync).toMatchObject({ audience: 'all', event: { result: { delivered: [] } } });
  });
});
