import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type { DeviceTicketView, DiagnosticsUpload, FeedbackSubmission } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAgent } from '../../agent/agent.js';
import type { AgentInstance } from '../../agent/agent.js';
import { FakeDeviceServer } from './helpers/fake-device-server.js';
import { fakeInventorySource } from './helpers/sample-inventory.js';
import { withTempDir } from './helpers/temp-dir.js';

const TEST_MS = 60_000;

describe('fresh diagnostics and the requester\'s answers through the outbox', () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let agent: AgentInstance;
  const inventory = fakeInventorySource((doc) => doc);

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    agent = await createAgent({ dataDir: join(tmp.dir, 'data'), inventory, policy: { description: 'test policy', read: async () => ({}) }, policyRefreshMs: 0, random: () => 0.5, sleep: async () => undefined });
    await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret });
  }, TEST_MS);
  afterEach(async () => {
    await agent.stop();
    await server.close();
    await tmp.cleanup();
  }, TEST_MS);

  const resolvedTicket = (): DeviceTicketView => {
    const now = new Date().toISOString();
    const ticket: DeviceTicketView = { id: randomUUID(), number: 3, subject: 'Printer', status: 'resolved', priority: 'medium', createdAt: now, updatedAt: now, messages: [], channel: 'phone', requesterAccountName: null, loop: { resolvedAt: now, closedAt: null, rating: null } };
    server.tickets.push(ticket);
    return ticket;
  };

  it('collects the diagnostics a technician asked for at check-in and uploads them once', { timeout: TEST_MS }, async () => {
    const ticket = resolvedTicket();
    const request = { id: randomUUID(), ticketId: ticket.id };
    server.diagnosticsRequests = [request];
    // The upload fails the first time: kept in the outbox, not collected twice, delivered on the next round.
    server.fail('POST', '/diagnostics', { kind: 'status', status: 503, headers: { 'retry-after': '0' } });
    await agent.syncNow({ skipInventory: true });
    expect((await agent.status()).outbox.map((i) => ({ id: i.id, kind: i.kind }))).toEqual([{ id: request.id, kind: 'diagnostics' }]);
    await agent.syncNow({ skipInventory: true });
    expect(server.stored.get(request.id)?.times).toBe(1);
    const upload = server.stored.get(request.id)?.body as DiagnosticsUpload;
    // The same diagnostics the tray attaches to a ticket.
    expect(upload.diagnostics.items.map((i) => i.id)).toContain('uptime');
    expect(upload.diagnostics.omitted).toEqual([]);
    // Answered: the server stops handing it over and nothing more is queued.
    await agent.syncNow({ skipInventory: true });
    expect((await agent.status()).outbox).toEqual([]);
    // One refused try, one delivery: never collected or sent again after that.
    expect(server.requests.filter((r) => r.path.endsWith('/diagnostics'))).toHaveLength(2);
  });

  it('keeps "fixed", "still broken" and a rating while offline and delivers each exactly once', { timeout: TEST_MS }, async () => {
    const ticket = resolvedTicket();
    server.fail('POST', '/feedback', { kind: 'drop' }, 2);
    const confirmed = await agent.sendFeedback(ticket.id, { kind: 'confirm' });
    expect(confirmed.delivered).toBe(false);
    const rated = await agent.sendFeedback(ticket.id, { kind: 'rating', rating: 5, body: '  Quick and friendly ' });
    expect(rated.delivered).toBe(false);
    expect((await agent.status()).outbox.map((i) => i.kind)).toEqual(['feedback', 'feedback']);

    // A restart in between loses nothing.
    await agent.stop();
    agent = await createAgent({ dataDir: join(tmp.dir, 'data'), inventory, policy: { description: 'test policy', read: async () => ({}) }, policyRefreshMs: 0, random: () => 0.5, sleep: async () => undefined });
    const result = await agent.syncNow({ skipInventory: true });
    expect(result.delivered).toEqual(expect.arrayContaining([confirmed.id, rated.id]));
    expect(server.stored.get(confirmed.id)).toMatchObject({ kind: 'feedback', times: 1, body: { kind: 'confirm' } });
    expect(server.stored.get(rated.id)?.body).toMatchObject({ kind: 'rating', rating: 5, body: 'Quick and friendly' } satisfies Partial<FeedbackSubmission>);

    const broken = await agent.sendFeedback(ticket.id, { kind: 'still-broken', body: 'Still jams on page 2' });
    expect(broken.delivered).toBe(true);
    expect(server.stored.get(broken.id)?.body).toMatchObject({ kind: 'still-broken', body: 'Still jams on page 2' });
  });

  it('refuses an empty "still broken" and a rating outside 1–5 before queuing anything', { timeout: TEST_MS }, async () => {
    const ticket = resolvedTicket();
    await expect(agent.sendFeedback(ticket.id, { kind: 'still-broken', body: '   ' })).rejects.toThrow('Say what still does not work');
    await expect(agent.sendFeedback(ticket.id, { kind: 'rating', rating: 6 })).rejects.toThrow('1 to 5');
    expect((await agent.status()).outbox).toEqual([]);
  });
});
