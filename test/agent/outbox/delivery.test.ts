import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { flushOutbox } from '../../../agent/outbox/delivery.js';
import { Outbox } from '../../../agent/outbox/outbox.js';
import { DeviceApi } from '../../../agent/transport/device-api.js';
import { UndiciTransport } from '../../../agent/transport/undici-transport.js';
import { sampleInventory, sampleTicket } from '../../shared/samples.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { withTempDir } from '../helpers/temp-dir.js';

const CAPS = { maxBytes: 50 * 1024 * 1024, maxAgeMs: 30 * 86_400_000 };

describe('outbox delivery against a misbehaving server', () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let outbox: Outbox;
  let transport: UndiciTransport;
  let api: DeviceApi;
  let clock: Date;
  const now = () => clock;

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    clock = new Date('2026-11-29T09:00:00.000Z');
    outbox = await Outbox.open(join(tmp.dir, 'outbox'), now);
    transport = new UndiciTransport();
    api = new DeviceApi({ transport, serverUrl: server.url, allowInsecureHttp: false, agentVersion: '0.1.0', credential: server.issueCredential(), now, timeoutMs: 800, uploadTimeoutMs: 800 });
  });

  afterEach(async () => {
    await transport.close();
    await server.close();
    await tmp.cleanup();
  });

  const queueInventory = async () => {
    const id = randomUUID();
    const body = gzipSync(JSON.stringify({ uploadId: id, document: sampleInventory() }));
    await outbox.enqueue({ id, kind: 'inventory', label: 'inventory', body }, CAPS);
    return id;
  };
  const queueTicket = async () => {
    const ticket = { ...sampleTicket(), id: randomUUID(), attachments: [] };
    await outbox.enqueue({ id: ticket.id, kind: 'ticket', label: 'ticket', body: JSON.stringify(ticket) }, CAPS);
    return ticket.id;
  };
  const flush = (extra: Partial<Parameters<typeof flushOutbox>[2]> = {}) => flushOutbox(outbox, api, { now, random: () => 0.5, ...extra });

  it('delivers and removes acknowledged items, oldest first', async () => {
    const a = await queueInventory();
    clock = new Date(clock.getTime() + 1000);
    const b = await queueTicket();
    const result = await flush();
    expect(result.delivered.map((i) => i.id)).toEqual([a, b]);
    expect(await outbox.list()).toEqual([]);
    expect(server.stored.get(a)?.kind).toBe('inventory');
    expect(server.stored.get(b)?.kind).toBe('ticket');
  });

  it('backs off on 500 and keeps the item, then delivers it once the server recovers', async () => {
    const id = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'status', status: 500 });
    const first = await flush();
    expect(first.delivered).toEqual([]);
    const [item] = await outbox.list();
    expect(item?.attempts).toBe(1);
    expect(item?.lastError).toContain('HTTP 500');
    // full jitter with random 0.5 on attempt 0: half of the 30 s base
    expect(Date.parse(item?.nextAttemptAt ?? '') - clock.getTime()).toBe(15_000);
    // not due yet: nothing is sent
    expect((await flush()).delivered).toEqual([]);
    clock = new Date(clock.getTime() + 15_000);
    expect((await flush()).delivered.map((i) => i.id)).toEqual([id]);
  });

  it('honours 503 Retry-After even on a manual sync that ignores backoff', async () => {
    await queueTicket();
    server.fail('POST', '/tickets', { kind: 'status', status: 503, headers: { 'retry-after': '120' } });
    await flush();
    const [item] = await outbox.list();
    expect(Date.parse(item?.notBefore ?? '') - clock.getTime()).toBe(120_000);
    const sent = server.requests.length;
    await flush({ ignoreBackoff: true });
    expect(server.requests.length).toBe(sent);
    clock = new Date(clock.getTime() + 120_000);
    expect((await flush({ ignoreBackoff: true })).delivered).toHaveLength(1);
  });

  it('treats a dropped connection as retryable and stops the round', async () => {
    await queueTicket();
    await queueTicket();
    server.fail('POST', '/tickets', { kind: 'drop' });
    const result = await flush();
    expect(result.delivered).toEqual([]);
    expect(result.errors[0]).toMatch(/cannot reach|socket|closed/i);
    // the second item was not attempted: the server is unreachable for both
    expect(server.requests.filter((r) => r.path.endsWith('/tickets'))).toHaveLength(1);
    expect((await outbox.list()).map((i) => i.attempts)).toEqual([1, 0]);
  });

  it('gives up on a request hanging past the timeout and retries it later', async () => {
    const id = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'hang' });
    const result = await flush();
    expect(result.errors[0]).toMatch(/in time|timed out/i);
    expect((await outbox.get(id))?.attempts).toBe(1);
    expect((await flush({ ignoreBackoff: true })).delivered.map((i) => i.id)).toEqual([id]);
  });

  it('stops retrying on a permanent 4xx, keeps the item, reports it, and moves on', async () => {
    const bad = await queueTicket();
    clock = new Date(clock.getTime() + 1000);
    const good = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'status', status: 422, body: { error: { code: 'validation_failed', message: 'subject too long' } } });
    const reported: string[] = [];
    const result = await flush({ onFailed: (item, permanent, message) => reported.push(`${item.id}:${permanent}:${message}`) });
    expect(result.delivered.map((i) => i.id)).toEqual([good]);
    const kept = await outbox.get(bad);
    expect(kept?.failed).toMatchObject({ status: 422, message: 'subject too long (HTTP 422)' });
    expect(reported).toEqual([`${bad}:true:subject too long (HTTP 422)`]);
    // not retried on later rounds…
    const before = server.requests.length;
    await flush({ ignoreBackoff: true });
    expect(server.requests.length).toBe(before);
    // …until asked to
    expect((await flush({ retryFailed: true })).delivered.map((i) => i.id)).toEqual([bad]);
  });

  it('stops everything on 401 without counting an attempt', async () => {
    await queueTicket();
    server.revokeAll();
    const result = await flush();
    expect(result.unauthorized).toBe(true);
    expect((await outbox.list())[0]?.attempts).toBe(0);
  });

  it('a lost acknowledgement never doubles a ticket: the retry is a duplicate and the item leaves', async () => {
    const id = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'store-then-drop' });
    await flush();
    expect(await outbox.get(id)).not.toBeNull();
    expect(server.stored.get(id)?.times).toBe(1);
    const second = await flush({ ignoreBackoff: true });
    expect(second.delivered.map((i) => i.id)).toEqual([id]);
    expect(server.stored.size).toBe(1);
    expect(server.tickets).toHaveLength(1);
  });

  it('keeps an item when a 200 answer is an HTML page, not JSON, or names another item', async () => {
    const id = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'status', status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Down for maintenance</body></html>' });
    server.fail('POST', '/tickets', { kind: 'status', status: 200, body: '{"id": ' });
    server.fail('POST', '/tickets', { kind: 'status', status: 201, body: { id: randomUUID(), duplicate: false, receivedAt: clock.toISOString(), number: 1, status: 'new' } });
    for (let i = 0; i < 3; i += 1) {
      const result = await flush({ ignoreBackoff: true });
      expect(result.delivered).toEqual([]);
      expect(result.errors[0]).toMatch(/does not acknowledge/);
      expect((await outbox.get(id))?.failed).toBeNull();
    }
    expect((await outbox.get(id))?.attempts).toBe(3);
    expect((await flush({ ignoreBackoff: true })).delivered.map((i) => i.id)).toEqual([id]);
  });

  it("keeps an item on a proxy's 409 (no error body) and retries it", async () => {
    const id = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'status', status: 409, headers: { 'content-type': 'text/html' }, body: '<html>Conflict</html>' });
    const result = await flush();
    expect(result.delivered).toEqual([]);
    expect((await outbox.get(id))?.failed).toBeNull();
    expect((await flush({ ignoreBackoff: true })).delivered.map((i) => i.id)).toEqual([id]);
  });

  it("keeps an item the server refuses with a 409 conflict, as failed, and reports it", async () => {
    const id = await queueTicket();
    server.fail('POST', '/tickets', { kind: 'status', status: 409, body: { error: { code: 'conflict', message: 'this ticket id belongs to another device' } } });
    const reported: string[] = [];
    const result = await flush({ onFailed: (item, permanent) => reported.push(`${item.id}:${permanent}`) });
    expect(result.delivered).toEqual([]);
    expect((await outbox.get(id))?.failed?.status).toBe(409);
    expect(reported).toEqual([`${id}:true`]);
  });

  it('keeps a reply to a ticket a technician closed, marked failed with the closed-ticket code, and tells', async () => {
    const ticketId = await queueTicket();
    await flush();
    const commentId = randomUUID();
    await outbox.enqueue({ id: commentId, kind: 'comment', label: 'reply', ticketId, body: JSON.stringify({ id: commentId, body: 'Still broken', createdAt: clock.toISOString() }) }, CAPS);
    server.fail('POST', '/comments', { kind: 'status', status: 409, body: { error: { code: 'ticket_closed', message: 'the ticket is closed; file a new one' } } });
    const reported: string[] = [];
    const result = await flush({ onFailed: (item, permanent, message) => reported.push(`${item.id}:${permanent}:${message}`) });
    expect(result.delivered).toEqual([]);
    const kept = await outbox.get(commentId);
    expect(kept?.failed).toMatchObject({ status: 409, code: 'ticket_closed' });
    expect(reported).toEqual([`${commentId}:true:the ticket is closed; file a new one (HTTP 409)`]);
    expect(server.stored.has(commentId)).toBe(false);
  });

  it('holds a reply until its ticket is delivered', async () => {
    const ticketId = await queueTicket();
    clock = new Date(clock.getTime() + 1000);
    const commentId = randomUUID();
    await outbox.enqueue({ id: commentId, kind: 'comment', label: 'reply', ticketId, body: JSON.stringify({ id: commentId, body: 'Still broken', createdAt: clock.toISOString() }) }, CAPS);
    server.fail('POST', '/tickets', { kind: 'status', status: 503 });
    await flush();
    expect(server.requests.some((r) => r.path.endsWith('/comments'))).toBe(false);
    const result = await flush({ ignoreBackoff: true });
    expect(result.delivered.map((i) => i.id)).toEqual([ticketId, commentId]);
  });
});

describe('outbox delivery edge cases', () => {
  it('an item whose payload vanished is marked failed, not retried forever', async () => {
    const server = await new FakeDeviceServer().start();
    const tmp = await withTempDir();
    const transport = new UndiciTransport();
    try {
      const outbox = await Outbox.open(join(tmp.dir, 'o'));
      const id = randomUUID();
      await outbox.enqueue({ id, kind: 'comment', label: 'reply', ticketId: randomUUID(), body: '{}' }, CAPS);
      const { rm } = await import('node:fs/promises');
      await rm(join(tmp.dir, 'o', `${id}.body`));
      const api = new DeviceApi({ transport, serverUrl: server.url, allowInsecureHttp: false, agentVersion: '0.1.0', credential: server.issueCredential() });
      const result = await flushOutbox(outbox, api, { now: () => new Date(), random: () => 0.5 });
      expect(result.errors[0]).toContain('missing on disk');
      expect((await outbox.get(id))?.failed?.message).toBe('the queued data of this item is missing on disk');
    } finally {
      await transport.close();
      await server.close();
      await tmp.cleanup();
    }
  });
});
