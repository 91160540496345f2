import { randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  CONSOLE_API_BASE,
  type AuditPage,
  type CheckinResponse,
  type DeviceTicketList,
  type Diagnostics,
  type DiagnosticsRequestList,
  type TicketCreate,
  type TicketCreated,
  type TicketDetail,
  type TicketPage,
} from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, checkin, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;
const HOOKS_MS = 30_000;

const freshDiagnostics = (): Diagnostics => ({
  collectedAt: '2026-11-01T10:00:00.000Z',
  items: [{ id: 'uptime', status: 'ok', durationMs: 2, summary: 'up 4 days', data: { seconds: 345600 }, truncated: null }],
  redactions: 0,
  omitted: [],
  agentVersion: '0.1.0',
});

describe.each(DATABASES)('technician-created tickets on %s', (kind) => {
  let h: Harness;
  let tech: Session;
  let device: EnrolledDevice;
  beforeEach(async () => {
    h = await createHarness(kind);
    tech = await technician(h, 'tina');
    device = await enroll(h, { hostname: 'reception-pc' });
  }, HOOKS_MS);
  afterEach(async () => {
    await h.close();
  }, HOOKS_MS);

  const create = (body: Partial<TicketCreate> & Record<string, unknown>, s: Session = tech) =>
    h.app.inject({
      method: 'POST',
      url: api('/tickets'),
      headers: s.headers,
      payload: {
        channel: 'phone',
        deviceId: device.deviceId,
        subject: 'Cannot print to the 2nd floor printer',
        description: 'Called at 9:10; jobs stay queued since the printer was moved.',
        category: 'printing',
        urgency: 'high',
        impact: 'team',
        contact: { name: 'Bob Chen', email: 'bob@example.com', phone: '+33 1 23 45 67 89' },
        requesterAccount: { id: null, name: 'CORP\\bchen' },
        ...body,
      },
    });

  it('records a phone ticket on the requester\'s device, audited, in the queue with its channel', { timeout: 30_000 }, async () => {
    const res = await create({ assigneeId: 'me' });
    expect(res.statusCode).toBe(201);
    const created = json(res) as TicketCreated;
    expect(created.number).toBeGreaterThan(0);

    const detail = json(await h.app.inject({ method: 'GET', url: api(`/tickets/${created.id}`), headers: tech.headers })) as TicketDetail;
    expect(detail.ticket).toMatchObject({ channel: 'phone', status: 'open', priority: 'high', requester: 'Bob Chen', assignee: { id: tech.id }, device: { hostname: 'reception-pc' } });
    expect(detail.requesterAccount).toEqual({ id: null, name: 'CORP\\bchen' });
    expect(detail.contact.phone).toBe('+33 1 23 45 67 89');
    expect(detail.activity.map((a) => a.action)).toContain('ticket.create');
    expect(detail.activity.find((a) => a.action === 'ticket.create')?.details).toMatchObject({ channel: 'phone', diagnosticsRequested: false });

    // A tray ticket beside it: filtering by channel tells them apart; existing tickets count as tray.
    await fileTicket(h, device, ticketSubmission({ subject: 'Mouse broken' }));
    const phone = json(await h.app.inject({ method: 'GET', url: api('/tickets?channel=phone,walk-up'), headers: tech.headers })) as TicketPage;
    expect(phone.items.map((t) => t.id)).toEqual([created.id]);
    const tray = json(await h.app.inject({ method: 'GET', url: api('/tickets?channel=tray'), headers: tech.headers })) as TicketPage;
    expect(tray.items.map((t) => t.subject)).toEqual(['Mouse broken']);
  });

  it('shows the ticket in the device\'s own list and check-in updates, naming the requester account', { timeout: 30_000 }, async () => {
    const first = json(await checkin(h, device)) as CheckinResponse;
    const created = json(await create({})) as TicketCreated;
    const list = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: device.auth })) as DeviceTicketList;
    expect(list.tickets).toHaveLength(1);
    expect(list.tickets[0]).toMatchObject({ id: created.id, channel: 'phone', requesterAccountName: 'CORP\\bchen', status: 'open', loop: { resolvedAt: null, closedAt: null, rating: null } });
    const next = json(await checkin(h, device, first.ticketCursor)) as CheckinResponse;
    expect(next.ticketUpdates.map((u) => u.ticket.id)).toEqual([created.id]);
    // Another device never sees it.
    const other = await enroll(h, { hostname: 'other-pc' });
    expect((json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: other.auth })) as DeviceTicketList).tickets).toEqual([]);
  });

  it('asks the device for fresh diagnostics: handed over at check-in until uploaded once, then shown on the ticket', { timeout: 30_000 }, async () => {
    const created = json(await create({ requestDiagnostics: true })) as TicketCreated;
    const pending = json(await h.app.inject({ method: 'GET', url: api(`/tickets/${created.id}/diagnostics-requests`), headers: tech.headers })) as DiagnosticsRequestList;
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ requestedBy: 'TINA', fulfilledAt: null, diagnostics: null });

    const c1 = json(await checkin(h, device)) as CheckinResponse;
    expect(c1.diagnosticsRequests).toEqual([{ id: pending.items[0]!.id, ticketId: created.id }]);
    // Still pending until the upload arrives: the next check-in hands it over again.
    expect((json(await checkin(h, device, c1.ticketCursor)) as CheckinResponse).diagnosticsRequests).toHaveLength(1);

    // Another device cannot answer it.
    const other = await enroll(h, { hostname: 'other-pc' });
    const upload = (d: EnrolledDevice) =>
      h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${created.id}/diagnostics`, headers: d.auth, payload: { id: pending.items[0]!.id, diagnostics: freshDiagnostics(), collectedAt: '2026-11-01T10:00:00.000Z' } });
    expect((await upload(other)).statusCode).toBe(404);

    const up = await upload(device);
    expect(up.statusCode).toBe(200);
    expect(json(up)).toMatchObject({ duplicate: false });
    // The outbox retrying the same upload is recognised.
    expect(json(await upload(device))).toMatchObject({ duplicate: true });

    const done = json(await h.app.inject({ method: 'GET', url: api(`/tickets/${created.id}/diagnostics-requests`), headers: tech.headers })) as DiagnosticsRequestList;
    expect(done.items[0]).toMatchObject({ fulfilledAt: expect.any(String), diagnostics: { items: [{ id: 'uptime', summary: 'up 4 days' }] } });
    expect((json(await checkin(h, device, c1.ticketCursor)) as CheckinResponse).diagnosticsRequests).toBeUndefined();

    // Asking again on the ticket: one new request (a second ask while it is pending reuses it), audited.
    const again = (await h.app.inject({ method: 'POST', url: api(`/tickets/${created.id}/diagnostics-requests`), headers: { ...tech.headers, 'x-deskside-console': '1' } }));
    expect(again.statusCode).toBe(200);
    await h.app.inject({ method: 'POST', url: api(`/tickets/${created.id}/diagnostics-requests`), headers: { ...tech.headers, 'x-deskside-console': '1' } });
    expect((json(await checkin(h, device)) as CheckinResponse).diagnosticsRequests).toHaveLength(1);
    const audit = json(await h.app.inject({ method: 'GET', url: api(`/tickets/${created.id}`), headers: tech.headers })) as TicketDetail;
    expect(audit.activity.filter((a) => a.action === 'ticket.diagnostics-requested')).toHaveLength(1);
    expect(audit.activity.filter((a) => a.action === 'ticket.diagnostics-received')).toHaveLength(1);
  });

  it('refuses what it cannot record, saying what is wrong', { timeout: 30_000 }, async () => {
    const unknownDevice = await create({ deviceId: randomUUID() });
    expect(unknownDevice.statusCode).toBe(400);
    expect(json(unknownDevice)).toMatchObject({ error: { message: 'the device does not exist' } });
    // A tray ticket is only ever filed by its device.
    expect((await create({ channel: 'tray' as never })).statusCode).toBe(400);
    expect((await create({ subject: '' })).statusCode).toBe(400);
    expect((await create({ contact: { name: 'x', email: 'not-an-address', phone: null } })).statusCode).toBe(400);
    expect((await create({ assigneeId: randomUUID() })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'POST', url: api(`/tickets/${randomUUID()}/diagnostics-requests`), headers: { ...tech.headers, 'x-deskside-console': '1' } })).statusCode).toBe(404);
    const page = json(await h.app.inject({ method: 'GET', url: api('/audit?action=ticket.create'), headers: (await technician(h, 'root', 'admin')).headers })) as AuditPage;
    expect(page.total).toBe(0);
  });
});
