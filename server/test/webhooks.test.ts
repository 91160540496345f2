import { AGENT_API_BASE, CONSOLE_API_BASE, WEBHOOK_HEADERS, WebhookBodySchema, type WebhookDelivery, type WebhookSecretIssued, type WebhookSubscription } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildOutboundHandlers } from '../src/outbound/handlers.js';
import { DEFAULT_BACKOFF, OutboundWorker, retryDelay } from '../src/outbound/index.js';
import { DELIVERY_MAX_ATTEMPTS } from '../src/webhooks/delivery-handlers.js';
import { EXCERPT_BYTES } from '../src/webhooks/http-post.js';
import { signatureMatches } from '../src/webhooks/signature.js';
import { DATABASES, PASSWORD, createHarness, login, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { fullInventory, upload } from './helpers/inventory.js';
import { startReceiver, type LoopbackReceiver } from './helpers/loopback-receiver.js';

const HOOKS = `${CONSOLE_API_BASE}/webhooks`;

describe.each(DATABASES)('outgoing webhooks on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let receiver: LoopbackReceiver;
  let worker: OutboundWorker;
  let device: EnrolledDevice;
  let hook: WebhookSecretIssued;

  const post = (url: string, payload: object = {}) => h.app.inject({ method: 'POST', url, headers: { ...admin.headers, 'x-deskside-console': '1' }, payload });
  const patch = (url: string, payload: object) => h.app.inject({ method: 'PATCH', url, headers: admin.headers, payload });
  const log = async (id: string) => (json(await h.app.inject({ method: 'GET', url: `${HOOKS}/${id}/deliveries`, headers: admin.headers })) as { items: WebhookDelivery[] }).items;
  /** Sends what is due and answers the bodies the receiver got in that round. */
  const deliver = async () => {
    const before = receiver.received.length;
    await worker.tick();
    return receiver.received.slice(before);
  };

  beforeAll(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    receiver = await startReceiver();
    // The longest wait of the queue's jittered backoff, so the test knows when each retry is due.
    worker = new OutboundWorker(h.store.outbound, buildOutboundHandlers({ store: h.store }), { concurrency: 32, random: () => 1 });
    device = await enroll(h, { hostname: 'pc-before-hooks' });
  }, 30_000);
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
    await h.close();
  }, 30_000);

  it('creates a subscription, shows its secret once, and refuses what it cannot send to', async () => {
    const created = await post(HOOKS, { name: 'Chat relay', url: `${receiver.url}/hooks/deskside`, events: ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.resolved', 'device.enrolled', 'device.protection-changed'] });
    expect(created.statusCode).toBe(201);
    hook = json(created) as WebhookSecretIssued;
    expect(hook.secret).toMatch(/^dswh_[A-Za-z0-9_-]{43}$/);
    expect(hook.subscription).toMatchObject({ name: 'Chat relay', enabled: true, secretHint: `…${hook.secret.slice(-4)}`, lastDelivery: null });
    const list = await h.app.inject({ method: 'GET', url: HOOKS, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(hook.secret);
    const audit = await h.store.audit.forTarget('webhook', hook.subscription.id);
    expect(audit.map((a) => a.action)).toEqual(['webhook.create']);
    expect(JSON.stringify(audit)).not.toContain(hook.secret);

    for (const [url, message] of [
      ['ftp://files.example.com/in', 'http:// or https://'],
      ['file:///etc/passwd', 'http:// or https://'],
      ['not a url', 'http:// or https://'],
      ['https://user:pw@example.com/hook', 'no user name or password'],
    ] as const) {
      const res = await post(HOOKS, { name: 'bad', url, events: ['ticket.created'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(message);
    }
    const noEvents = await post(HOOKS, { name: 'none', url: receiver.url, events: [] });
    expect(noEvents.statusCode).toBe(400);
    expect(noEvents.body).toContain('choose at least one event');
    expect((await post(HOOKS, { name: 'x', url: receiver.url, events: ['ticket.exploded'] })).statusCode).toBe(400);
  });

  it('signs and sends a new ticket, and logs the answer', async () => {
    const ticket = ticketSubmission();
    expect((await fileTicket(h, device, ticket)).statusCode).toBe(200);
    const [request, ...rest] = await deliver();
    expect(rest).toEqual([]);
    expect(request).toBeDefined();
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hooks/deskside');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers[WEBHOOK_HEADERS.event]).toBe('ticket.created');
    const timestamp = Number(request!.headers[WEBHOOK_HEADERS.timestamp]);
    expect(timestamp).toBe(Math.floor(h.store.clock() / 1000));
    const signature = String(request!.headers[WEBHOOK_HEADERS.signature]);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureMatches(hook.secret, timestamp, request!.body, signature)).toBe(true);
    expect(signatureMatches(hook.secret, timestamp + 1, request!.body, signature)).toBe(false);
    const body = WebhookBodySchema.parse(JSON.parse(request!.body));
    expect(body.event).toBe('ticket.created');
    if (body.event !== 'ticket.created') throw new Error('narrowing');
    expect(body.data.ticket).toMatchObject({ id: ticket.id, subject: ticket.subject, status: 'new', priority: 'high', device: { id: device.deviceId, hostname: 'pc-before-hooks' } });

    const [entry] = await log(hook.subscription.id);
    expect(entry).toMatchObject({ id: request!.headers[WEBHOOK_HEADERS.delivery], event: 'ticket.created', eventId: body.id, state: 'delivered', attempts: 1, responseStatus: 200, responseExcerpt: 'ok', error: null, nextAttemptAt: null });
    expect((await deliver()).length).toBe(0);
  });

  it('tells updates, resolution and comments, public and internal', async () => {
    const ticket = ticketSubmission();
    await fileTicket(h, device, ticket);
    await deliver();
    const url = `${CONSOLE_API_BASE}/tickets/${ticket.id}`;
    expect((await patch(url, { priorityOverride: 'critical' })).statusCode).toBe(200);
    expect((await patch(url, { status: 'resolved' })).statusCode).toBe(200);
    expect((await post(`${url}/messages`, { visibility: 'internal', body: 'Replaced the toner.' })).statusCode).toBe(200);
    const bodies = (await deliver()).map((r) => WebhookBodySchema.parse(JSON.parse(r.body)));
    const byEvent = (e: string) => bodies.filter((b) => b.event === e);
    // Deliveries are sent side by side: compare without their order of arrival.
    const updates = byEvent('ticket.updated').map((b) => (b.event === 'ticket.updated' ? b.data.changes : null));
    expect(updates).toHaveLength(2);
    expect(updates).toEqual(expect.arrayContaining([{ priority: { before: 'high', after: 'critical' } }, { status: { before: 'new', after: 'resolved' } }]));
    expect(byEvent('ticket.resolved')).toHaveLength(1);
    const [comment] = byEvent('ticket.commented');
    expect(comment?.event === 'ticket.commented' && comment.data.comment).toMatchObject({ visibility: 'internal', author: 'technician', authorName: 'ROOT', body: 'Replaced the toner.' });
    expect(bodies).toHaveLength(4);

    // The requester's reply from the tray reopens the ticket: a comment and an update.
    const reply = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${ticket.id}/comments`, headers: device.auth, payload: { id: crypto.randomUUID(), body: 'Still streaky.', createdAt: '2026-11-01T10:00:00.000Z' } });
    expect(reply.statusCode).toBeLessThan(300);
    const after = (await deliver()).map((r) => WebhookBodySchema.parse(JSON.parse(r.body)));
    expect(after.map((b) => b.event).sort()).toEqual(['ticket.commented', 'ticket.updated']);
  });

  it('retries with backoff, keeps a bounded excerpt of the answer, and gives up after the last attempt', async () => {
    receiver.respond = () => ({ status: 503, body: 'x'.repeat(EXCERPT_BYTES * 8) });
    await fileTicket(h, device, ticketSubmission());
    expect(await deliver()).toHaveLength(1);
    let [entry] = await log(hook.subscription.id);
    expect(entry).toMatchObject({ state: 'pending', attempts: 1, responseStatus: 503, error: 'the receiver answered HTTP 503' });
    expect(entry!.responseExcerpt!.length).toBe(EXCERPT_BYTES);
    const wait = Date.parse(entry!.nextAttemptAt!) - Date.parse(entry!.lastAttemptAt!);
    expect(wait).toBeGreaterThanOrEqual(retryDelay(1, DEFAULT_BACKOFF, () => 1) - 5);
    expect(wait).toBeLessThanOrEqual(retryDelay(1, DEFAULT_BACKOFF, () => 1) + 5);
    // Not due yet: nothing is sent.
    expect(await deliver()).toHaveLength(0);
    for (let failed = 1; failed < DELIVERY_MAX_ATTEMPTS; failed++) {
      h.advance(retryDelay(failed, DEFAULT_BACKOFF, () => 1));
      expect(await deliver(), `attempt ${failed + 1}`).toHaveLength(1);
    }
    [entry] = (await h.store.webhooks.deliveries(hook.subscription.id));
    expect(entry).toMatchObject({ state: 'failed', attempts: DELIVERY_MAX_ATTEMPTS, nextAttemptAt: null });
    expect((await h.store.outbound.counts('webhook')).dead).toBe(1);
    h.advance(DEFAULT_BACKOFF.maxMs * 2);
    expect(await deliver()).toHaveLength(0);
    // Two days passed on the server's clock: the administrator signs in again.
    admin = { ...admin, ...(await login(h, 'root', PASSWORD)) };

    // Redelivery: the same body and event id, a new delivery id and log line.
    receiver.respond = () => ({ status: 204 });
    const res = await post(`${HOOKS}/deliveries/${entry!.id}/redeliver`);
    expect(res.statusCode).toBe(202);
    const again = json(res) as WebhookDelivery;
    expect(again).toMatchObject({ eventId: entry!.eventId, redeliveryOf: entry!.id, state: 'pending' });
    const [request] = await deliver();
    expect(request!.headers[WEBHOOK_HEADERS.delivery]).toBe(again.id);
    expect(JSON.parse(request!.body).id).toBe(entry!.eventId);
    expect((await log(hook.subscription.id))[0]).toMatchObject({ id: again.id, state: 'delivered', responseStatus: 204 });
  });

  it('logs a receiver that cannot be reached or redirects, without following it', async () => {
    const gone = await startReceiver();
    const deadUrl = gone.url;
    await gone.close();
    const dead = json(await post(HOOKS, { name: 'Gone', url: deadUrl, events: ['device.enrolled'] })) as WebhookSecretIssued;
    receiver.respond = () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } });
    await enroll(h, { hostname: 'pc-new' });
    const requests = await deliver();
    // Only the live receiver was reached, once: the redirect was not followed.
    expect(requests).toHaveLength(1);
    expect(WebhookBodySchema.parse(JSON.parse(requests[0]!.body))).toMatchObject({ event: 'device.enrolled', data: { device: { hostname: 'pc-new', enrollState: 'active', protection: 'unknown' } } });
    expect((await log(hook.subscription.id))[0]).toMatchObject({ state: 'pending', responseStatus: 302, error: expect.stringContaining('redirects are not followed') });
    const [deadEntry] = await log(dead.subscription.id);
    expect(deadEntry).toMatchObject({ state: 'pending', responseStatus: null, error: expect.stringMatching(/ECONNREFUSED|fetch failed/) });
    expect((await h.app.inject({ method: 'DELETE', url: `${HOOKS}/${dead.subscription.id}`, headers: { ...admin.headers, 'x-deskside-console': '1' } })).statusCode).toBe(200);
    receiver.respond = () => ({ status: 200, body: 'ok' });
    h.advance(retryDelay(1, DEFAULT_BACKOFF, () => 1));
    expect(await deliver()).toHaveLength(1);
  });

  it('tells a change of the protection state once, and nothing for an upload that keeps it', async () => {
    const send = (avMode: 'active' | 'disabled') => h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: device.auth, payload: upload(fullInventory({ avMode })) });
    expect((await send('active')).statusCode).toBe(200);
    expect((await deliver()).map((r) => JSON.parse(r.body).data.protection)).toEqual([{ before: 'unknown', after: 'ok' }]);
    expect((await send('active')).statusCode).toBe(200);
    expect(await deliver()).toHaveLength(0);
    expect((await send('disabled')).statusCode).toBe(200);
    const [changed] = await deliver();
    expect(WebhookBodySchema.parse(JSON.parse(changed!.body))).toMatchObject({ event: 'device.protection-changed', data: { device: { id: device.deviceId, protection: 'off' }, protection: { before: 'ok', after: 'off' } } });
  });

  it('sends nothing to a disabled subscription or for events it did not choose, but its test button works', async () => {
    const res = await patch(`${HOOKS}/${hook.subscription.id}`, { enabled: false });
    expect(res.statusCode).toBe(200);
    expect((json(res) as WebhookSubscription).enabled).toBe(false);
    await fileTicket(h, device, ticketSubmission());
    expect(await deliver()).toHaveLength(0);
    const test = await post(`${HOOKS}/${hook.subscription.id}/test`);
    expect(test.statusCode).toBe(202);
    const [ping] = await deliver();
    expect(ping!.headers[WEBHOOK_HEADERS.event]).toBe('ping');
    expect(WebhookBodySchema.parse(JSON.parse(ping!.body))).toMatchObject({ event: 'ping', data: { subscriptionId: hook.subscription.id } });
    expect(signatureMatches(hook.secret, Number(ping!.headers[WEBHOOK_HEADERS.timestamp]), ping!.body, String(ping!.headers[WEBHOOK_HEADERS.signature]))).toBe(true);

    // A rotated secret signs from then on; the old one no longer verifies.
    const rotated = json(await post(`${HOOKS}/${hook.subscription.id}/secret`)) as WebhookSecretIssued;
    expect(rotated.secret).not.toBe(hook.secret);
    await post(`${HOOKS}/${hook.subscription.id}/test`);
    const [next] = await deliver();
    const ts = Number(next!.headers[WEBHOOK_HEADERS.timestamp]);
    const sig = String(next!.headers[WEBHOOK_HEADERS.signature]);
    expect(signatureMatches(rotated.secret, ts, next!.body, sig)).toBe(true);
    expect(signatureMatches(hook.secret, ts, next!.body, sig)).toBe(false);
    expect((await h.store.audit.forTarget('webhook', hook.subscription.id)).map((a) => a.action).sort()).toEqual(['webhook.create', 'webhook.redeliver', 'webhook.rotate-secret', 'webhook.test', 'webhook.test', 'webhook.update']);
  });

  it('tells a missed service level once, when the breach watch records it', async () => {
    const breaches = json(await post(HOOKS, { name: 'Breaches', url: `${receiver.url}/breaches`, events: ['ticket.sla-breached'] })) as WebhookSecretIssued;
    const day = [{ start: '00:00', end: '23:59' }];
    const target = { firstResponseMinutes: 60, resolutionMinutes: 600 };
    const policy = await post(`${CONSOLE_API_BASE}/sla-policies`, { name: 'Always on', timeZone: 'UTC', week: [day, day, day, day, day, day, day], holidays: [], targets: { low: target, medium: target, high: target, critical: target }, isDefault: true });
    expect(policy.statusCode, policy.body).toBe(201);
    const team = json(await post(`${CONSOLE_API_BASE}/teams`, { name: 'Desk' })) as { id: string };
    expect((await h.app.inject({ method: 'PUT', url: `${CONSOLE_API_BASE}/routing`, headers: admin.headers, payload: { defaultTeamId: team.id, rules: [] } })).statusCode).toBe(200);
    const ticket = ticketSubmission();
    await fileTicket(h, device, ticket);
    await deliver();
    h.advance(2 * 3_600_000);
    // Earlier tests' open tickets run on the new default policy too.
    const recorded = await h.store.workflow.watchBreaches();
    expect(recorded).toBeGreaterThanOrEqual(1);
    expect(await h.store.workflow.watchBreaches()).toBe(0);
    const sent = (await deliver()).filter((r) => r.path === '/breaches').map((r) => WebhookBodySchema.parse(JSON.parse(r.body)));
    expect(sent).toHaveLength(recorded);
    const mine = sent.filter((b) => b.event === 'ticket.sla-breached' && b.data.ticket.id === ticket.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ event: 'ticket.sla-breached', data: { breach: { target: 'first-response' } } });
    expect((await h.store.webhooks.deliveries(breaches.subscription.id)).every((d) => d.state === 'delivered')).toBe(true);
    admin = { ...admin, ...(await login(h, 'root', PASSWORD)) };
  });

  it('answers 404 for an unknown subscription or delivery', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await post(`${HOOKS}/${unknown}/test`)).statusCode).toBe(404);
    expect((await post(`${HOOKS}/deliveries/${unknown}/redeliver`)).statusCode).toBe(404);
    expect((await patch(`${HOOKS}/${unknown}`, { enabled: true })).statusCode).toBe(404);
    expect((await patch(`${HOOKS}/${hook.subscription.id}`, {})).statusCode).toBe(400);
  });
});
