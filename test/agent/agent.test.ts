import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { proofMessage, type InventoryDocument, type InventoryUpload } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AgentEvent } from '../../agent/agent-types.js';
import { createAgent, NotEnrolledError } from '../../agent/agent.js';
import type { AgentInstance } from '../../agent/agent.js';
import { FakeDeviceServer } from './helpers/fake-device-server.js';
import { fakeInventorySource } from './helpers/sample-inventory.js';
import { withTempDir } from './helpers/temp-dir.js';

describe('createAgent against a loopback server', () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let agent: AgentInstance;
  let events: AgentEvent[];
  let policy: Record<string, unknown>;
  let sleeps: number[] = [];
  let remoteAccess: InventoryDocument['sections']['remoteAccess'];
  const inventory = fakeInventorySource((doc, run) => {
    if (run >= 3) doc.sections.software!.data!.packages[0]!.version = `3.9.${run}`;
    if (remoteAccess !== undefined) doc.sections.remoteAccess = remoteAccess;
    return doc;
  });

  const open = async () => {
    const a = await createAgent({ dataDir: join(tmp.dir, 'data'), inventory, policy: { description: 'test policy', read: async () => policy },
      policyRefreshMs: 0, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) });
    a.onEvent((e) => events.push(e));
    return a;
  };

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    events = [];
    sleeps = [];
    policy = {};
    inventory.runs = 0;
    remoteAccess = undefined;
    agent = await open();
  });
  afterEach(async () => {
    await agent.stop();
    await server.close();
    await tmp.cleanup();
  });

  const enroll = () => agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret });

  it('enrolls: credential in an owner-only file, server remembered, secret never stored', async () => {
    const state = await enroll();
    expect(state).toMatchObject({ state: 'enrolled', serverUrl: server.url });
    const credentialFile = join(tmp.dir, 'data', 'credential.json');
    if (process.platform !== 'win32') expect((await stat(credentialFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(tmp.dir, 'data', 'settings.json'), 'utf8'))).toEqual({ serverUrl: server.url });
    const everything = [await readFile(join(tmp.dir, 'data', 'settings.json'), 'utf8'), await readFile(join(tmp.dir, 'data', 'state.json'), 'utf8')].join('');
    expect(everything).not.toContain(server.enrollSecret);
    expect(events).toContainEqual({ type: 'enrollment-changed', enrollment: state });
  });

  it('proves its device key at enrollment, signing the challenge with what it sends, and keeps the key', async () => {
    await enroll();
    await enroll();
    const [first, second] = server.enrollRequests.map((r) => r.proof);
    expect(first?.publicKey).toBe(second?.publicKey);
    expect(first?.challenge).not.toBe(second?.challenge);
    const request = server.enrollRequests[1]!;
    const message = proofMessage({
      purpose: 'enroll',
      challenge: second!.challenge,
      publicKey: second!.publicKey,
      deviceId: null,
      hardwareUuid: request.device.hardwareUuid,
      serial: request.device.serial,
      platform: request.platform,
    });
    const publicKey = createPublicKey({ key: Buffer.from(second!.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from(message), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(second!.signature, 'base64'))).toBe(true);
  });

  it('a damaged device key stops enrollment with the file named, rather than becoming another device', async () => {
    await writeFile(join(tmp.dir, 'data', 'device-key.pem'), 'not a key', { mode: 0o600 });
    const error = await enroll().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEnrolledError);
    expect((error as Error).message).toMatch(/device-key\.pem is damaged/);
    expect(server.enrollments).toBe(0);
  });

  it('gives the collectors a cache folder inside its data folder', async () => {
    await enroll();
    inventory.requests.length = 0;
    await agent.syncNow();
    expect(inventory.requests.map((r) => r.cacheDir)).toEqual([join(tmp.dir, 'data', 'cache')]);
  });

  it('uploads packages in the compact form and the server reads back exactly the collected document', async () => {
    await enroll();
    await agent.syncNow({ fullInventory: true });
    const stored = [...server.stored.values()].filter((v) => v.kind === 'inventory').at(-1)?.body as InventoryUpload;
    const collected = await inventory.collect({ disabledCategories: [], backupStaleDays: 7 });
    expect(stored.document.sections.software).toEqual(collected.sections.software);
  });

  it('a wrong secret is a clear error and leaves the device not enrolled', async () => {
    const error = await agent.enroll({ serverUrl: server.url, enrollSecret: 'wrong-secret-123' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEnrolledError);
    expect((error as Error).message).toMatch(/refused the enrollment secret.*ask IT/);
    expect((await agent.status()).enrollment.state).toBe('not-enrolled');
  });

  it('syncs: full first, then an unchanged partial under 1 KB, then only the changed section', async () => {
    await enroll();
    const first = await agent.syncNow();
    expect(first).toMatchObject({ checkedIn: true, inventory: { kind: 'full' }, remaining: [], errors: [] });
    const second = await agent.syncNow();
    expect(second.inventory).toMatchObject({ kind: 'partial', sections: [] });
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts[1]!.rawBytes).toBeLessThan(1024);
    expect(puts[1]!.headers['content-encoding']).toBe('gzip');
    const third = await agent.syncNow();
    expect(third.inventory).toMatchObject({ kind: 'partial', sections: ['software'] });
    const last = [...server.stored.values()].at(-1)?.body as { document: { kind: string; sections: object } };
    expect(Object.keys(last.document.sections)).toEqual(['software']);
    const status = await agent.status();
    expect(status.lastInventoryKind).toBe('partial');
    expect(status.lastFullInventoryAt).not.toBeNull();
  });

  it("remembers the inventory's support ID for the tray; a section that failed keeps the last one", async () => {
    await enroll();
    expect((await agent.status()).supportId).toBeNull();
    const handle = { tool: 'teamviewer' as const, id: '1234567890', server: null, group: null, label: null, problem: null, source: 'global.conf' };
    remoteAccess = { status: 'ok', durationMs: 2, data: { handles: [handle], services: [] } };
    await agent.syncNow();
    expect((await agent.status()).supportId).toEqual({ tool: 'teamviewer', id: '1234567890' });
    remoteAccess = { status: 'timeout', durationMs: 2, error: 'did not finish', data: null };
    await agent.syncNow();
    expect((await agent.status()).supportId).toEqual({ tool: 'teamviewer', id: '1234567890' });
    remoteAccess = { status: 'ok', durationMs: 2, data: { handles: [], services: [] } };
    await agent.syncNow();
    expect((await agent.status()).supportId).toBeNull();
  });

  it('sends a full inventory when the server asks at check-in', async () => {
    await enroll();
    await agent.syncNow();
    server.sendFullInventory = true;
    expect((await agent.syncNow()).inventory?.kind).toBe('full');
  });

  it('applies server-pushed settings between policy and the user', async () => {
    policy = { inventoryIntervalHours: 4 };
    server.settings = { checkinIntervalMinutes: 30, inventoryIntervalHours: 48 };
    await agent.updateUserSettings({ checkinIntervalMinutes: 5, language: 'fr-FR' });
    await enroll();
    await agent.syncNow({ skipInventory: true });
    const view = await agent.settings();
    expect(view.values).toMatchObject({ checkinIntervalMinutes: 30, inventoryIntervalHours: 4, language: 'fr-FR' });
    expect(view.sourceOf).toMatchObject({ checkinIntervalMinutes: 'server', inventoryIntervalHours: 'policy', language: 'user' });
  });

  it('refuses to change a setting the policy enforces, and reports invalid user values by key', async () => {
    policy = { screenshotsAllowed: false };
    await expect(agent.updateUserSettings({ screenshotsAllowed: true })).rejects.toThrow(/policy and cannot be changed: screenshotsAllowed/);
    await expect(agent.updateUserSettings({ checkinIntervalMinutes: 0 })).rejects.toThrow(/checkinIntervalMinutes/);
    await writeFile(join(tmp.dir, 'data', 'settings.json'), '{ broken');
    const view = await agent.settings();
    expect(view.problems).toContainEqual(expect.objectContaining({ source: 'user', key: '*', message: expect.stringContaining('not valid JSON') }));
  });

  it('re-enrolls by itself on 401 when an enrollment secret is configured', async () => {
    await agent.updateUserSettings({ enrollSecret: server.enrollSecret });
    await enroll();
    server.revokeAll();
    const result = await agent.syncNow();
    expect(result.errors).toEqual([]);
    expect(server.enrollments).toBe(2);
    expect(result.remaining).toEqual([]);
    expect((await agent.status()).enrollment.state).toBe('enrolled');
  });

  it('without a secret, a revoked credential shows "not enrolled" once and does not loop', async () => {
    await enroll();
    server.revokeAll();
    const result = await agent.syncNow();
    const status = await agent.status();
    expect(status.enrollment).toEqual({ state: 'not-enrolled', reason: expect.stringContaining('no longer recognises this device') });
    expect(events.filter((e) => e.type === 'enrollment-changed').at(-1)).toMatchObject({ enrollment: { state: 'not-enrolled' } });
    // the queued inventory stays for after re-enrollment
    expect(result.remaining).toHaveLength(1);
    expect(result.enrolled).toBe(false);
    const before = server.requests.length;
    await agent.syncNow();
    expect(server.requests.length).toBe(before);
    await enroll();
    expect((await agent.syncNow()).remaining).toEqual([]);
  });

  it('without a secret, a single 401 (a proxy, a blip) keeps the credential and the queue: it asks again first', async () => {
    await enroll();
    const credential = await readFile(join(tmp.dir, 'data', 'credential.json'), 'utf8');
    server.fail('POST', '/checkin', { kind: 'status', status: 401, body: { error: { code: 'unauthorized', message: 'proxy says no' } } });
    const result = await agent.syncNow();
    expect(sleeps).toHaveLength(1);
    expect((await agent.status()).enrollment.state).toBe('enrolled');
    expect(await readFile(join(tmp.dir, 'data', 'credential.json'), 'utf8')).toBe(credential);
    expect(result.remaining).toEqual([]);
    expect(events.some((e) => e.type === 'enrollment-changed' && e.enrollment.state === 'not-enrolled')).toBe(false);
  });

  it('files a ticket with attachments, remembers the contact, lists it and takes a reply', async () => {
    await enroll();
    const file = join(tmp.dir, 'error.txt');
    await writeFile(file, 'E_FAIL 0x80004005');
    const submitted = await agent.submitTicket({ subject: 'VPN drops', description: 'Every 10 minutes', category: 'network', attachments: [{ path: file }], diagnostics: false, contact: { name: 'Marie', email: 'marie@example.com' } });
    expect(submitted).toMatchObject({ delivered: true, error: null });
    expect(server.stored.get(submitted.id)?.kind).toBe('ticket');
    expect(await agent.defaultContact()).toEqual({ name: 'Marie', email: 'marie@example.com', phone: null });
    const list = await agent.listTickets({ refresh: true });
    expect(list.map((t) => t.subject)).toEqual(['VPN drops']);
    const reply = await agent.addComment(submitted.id, 'Happened again at 10:42');
    expect(reply.delivered).toBe(true);
    expect(server.stored.get(reply.id)?.kind).toBe('comment');
  });

  it('keeps a ticket queued while the server is down and delivers it on the next sync', async () => {
    await enroll();
    server.fail('POST', '/tickets', { kind: 'status', status: 503, headers: { 'retry-after': '0' } });
    const submitted = await agent.submitTicket({ subject: 'Printer', description: '', diagnostics: false });
    expect(submitted.delivered).toBe(false);
    expect(submitted.error).toContain('HTTP 503');
    expect((await agent.status()).outbox.map((i) => i.id)).toEqual([submitted.id]);
    const result = await agent.syncNow({ skipInventory: true });
    expect(result.delivered).toContain(submitted.id);
    expect(server.tickets).toHaveLength(1);
  });

  it('gathers diagnostics for a ticket unless told not to', async () => {
    await enroll();
    const submitted = await agent.submitTicket({ subject: 'Slow', description: 'very slow', omitDiagnostics: ['processes', 'recent-errors', 'network'] });
    const ticket = server.stored.get(submitted.id)?.body as { diagnostics: { omitted: string[]; items: { id: string }[] } };
    expect(ticket.diagnostics.omitted).toEqual(['network', 'processes', 'recent-errors']);
    expect(ticket.diagnostics.items.map((i) => i.id)).toContain('uptime');
  });

  it('exposes ticket status changes and replies from check-in as events', async () => {
    await enroll();
    const now = new Date().toISOString();
    const ticket = { id: randomUUID(), number: 7, subject: 'Mail', status: 'waiting-on-user' as const, priority: 'medium' as const, createdAt: now, updatedAt: now, messages: [{ id: randomUUID(), author: 'technician' as const, authorName: 'Sam', body: 'Can you restart Outlook?', createdAt: now }] };
    server.ticketUpdates = [{ ticket, statusChanged: true, newTechnicianMessages: 1 }];
    await agent.syncNow({ skipInventory: true });
    expect(events).toContainEqual({ type: 'ticket-updated', ticket, statusChanged: true, newTechnicianMessages: 1 });
    expect((await agent.listTickets()).map((t) => t.number)).toEqual([7]);
  });

  it('survives a restart: state, outbox and enrollment are read back', async () => {
    await enroll();
    server.fail('PUT', '/inventory', { kind: 'drop' });
    await agent.syncNow();
    await agent.stop();
    agent = await open();
    const status = await agent.status();
    expect(status.enrollment.state).toBe('enrolled');
    expect(status.outbox).toHaveLength(1);
    expect((await agent.syncNow({ skipInventory: true })).remaining).toEqual([]);
  });
});

describe('screenshots through the host provider', () => {
  it('captures when allowed and refuses when policy forbids it', async () => {
    const tmp = await withTempDir();
    try {
      let allowed = true;
      const bytes = Buffer.from('89504e470d0a1a0a', 'hex');
      const agent = await createAgent({
        dataDir: join(tmp.dir, 'd'),
        policy: { description: 'test', read: async () => (allowed ? {} : { screenshotsAllowed: false }) },
        policyRefreshMs: 0,
        screenshots: { capture: async () => ({ bytes, type: 'image/png' }) },
      });
      expect((await agent.captureScreenshot()).bytes).toEqual(bytes);
      allowed = false;
      await expect(agent.captureScreenshot()).rejects.toThrow('turned off by your organisation');
      await agent.stop();
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('policy reads', () => {
  it('are reused for a minute: a reg.exe or plutil run is not repeated on every operation', async () => {
    const tmp = await withTempDir();
    try {
      let reads = 0;
      const agent = await createAgent({ dataDir: join(tmp.dir, 'd'), policy: { description: 'counting', read: async () => ((reads += 1), {}) } });
      await agent.status();
      await agent.settings();
      await agent.status();
      expect(reads).toBe(1);
      await agent.stop();
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('configuration problems', () => {
  it('are reported once, not on every reload', async () => {
    const tmp = await withTempDir();
    try {
      const events: AgentEvent[] = [];
      const agent = await createAgent({ dataDir: join(tmp.dir, 'd'), policy: { description: 'p', read: async () => ({ checkinIntervalMinutes: 0 }) } });
      agent.onEvent((e) => events.push(e));
      await agent.status();
      await agent.settings();
      // the problem was found when the agent was created, before the listener: nothing new since
      expect(events.filter((e) => e.type === 'config-problem')).toEqual([]);
      expect((await agent.settings()).problems).toHaveLength(1);
      await agent.stop();
    } finally {
      await tmp.cleanup();
    }
  });
});
