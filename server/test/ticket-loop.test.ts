import { randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  CONSOLE_API_BASE,
  type DeviceTicketList,
  type FeedbackSubmission,
  type HelpdeskSettingsView,
  type NotificationList,
  type TicketDetail,
  type TicketPage,
} from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runAllJobs, ticketAutoCloseJob } from '../src/housekeeping/jobs.js';
import { DATABASES, PASSWORD, createHarness, login, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;
const DAY = 86_400_000;
const HOOKS_MS = 30_000;
const AT = '2026-11-01T10:00:00.000Z';

describe.each(DATABASES)('the requester\'s loop on %s', (kind) => {
  let h: Harness;
  let tech: Session;
  let admin: Session;
  let device: EnrolledDevice;
  let ticketId: string;
  beforeEach(async () => {
    h = await createHarness(kind);
    tech = await technician(h, 'tina');
    admin = await technician(h, 'root', 'admin');
    device = await enroll(h, { hostname: 'reception-pc' });
    const t = ticketSubmission();
    await fileTicket(h, device, t);
    ticketId = t.id;
    await patch({ assigneeId: tech.id, status: 'resolved' });
  }, HOOKS_MS);
  afterEach(async () => {
    await h.close();
  }, HOOKS_MS);

  async function patch(body: object) {
    const res = await h.app.inject({ method: 'PATCH', url: api(`/tickets/${ticketId}`), headers: tech.headers, payload: body });
    expect(res.statusCode).toBe(200);
  }
  const detail = async () => json(await h.app.inject({ method: 'GET', url: api(`/tickets/${ticketId}`), headers: tech.headers })) as TicketDetail;
  const answer = (f: FeedbackSubmission, d: EnrolledDevice = device) => h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${ticketId}/feedback`, headers: d.auth, payload: f });
  const notifications = async (s: Session = tech) => json(await h.app.inject({ method: 'GET', url: api('/notifications'), headers: s.headers })) as NotificationList;
  const reportColumns = () => h.store.db.selectFrom('tickets').select(['status', 'closed_at', 'close_reason', 'reopen_count', 'rating', 'rating_comment', 'requester_replied_at']).where('id', '=', ticketId).executeTakeFirstOrThrow();

  it('"it is fixed" closes the resolved ticket once, tells the assignee, and the rating follows', { timeout: 30_000 }, async () => {
    const confirm: FeedbackSubmission = { id: randomUUID(), kind: 'confirm', createdAt: AT };
    expect(json(await answer(confirm))).toMatchObject({ duplicate: false });
    expect(json(await answer(confirm))).toMatchObject({ duplicate: true });
    expect((await detail()).ticket.status).toBe('closed');
    expect(await reportColumns()).toMatchObject({ status: 'closed', close_reason: 'requester', closed_at: expect.anything(), reopen_count: 0 });

    const rating: FeedbackSubmission = { id: randomUUID(), kind: 'rating', rating: 4, body: 'Quick, thanks', createdAt: AT };
    expect((await answer(rating)).statusCode).toBe(200);
    expect(await reportColumns()).toMatchObject({ rating: 4, rating_comment: 'Quick, thanks' });
    const tray = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: device.auth })) as DeviceTicketList;
    expect(tray.tickets[0]?.loop).toMatchObject({ closedAt: expect.any(String), rating: 4 });

    const n = await notifications();
    expect(n.items.map((i) => i.kind)).toEqual(['requester-rated', 'requester-confirmed']);
    expect(n.unread).toBe(2);
    const actions = (await detail()).activity.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['ticket.requester-confirm', 'ticket.requester-rating']));
  });

  it('"still broken" reopens with the user\'s words, counts the reopen and marks the ticket in the queue', { timeout: 30_000 }, async () => {
    const broken: FeedbackSubmission = { id: randomUUID(), kind: 'still-broken', body: 'Still nothing comes out', createdAt: AT };
    expect((await answer(broken)).statusCode).toBe(200);
    expect((await answer(broken)).statusCode).toBe(200);
    const d = await detail();
    expect(d.ticket.status).toBe('open');
    expect(d.messages.filter((m) => m.author === 'user').map((m) => m.body)).toEqual(['Still nothing comes out']);
    expect(d.ticket.requesterRepliedAt).toEqual(expect.any(String));
    expect(await reportColumns()).toMatchObject({ reopen_count: 1 });
    const replied = json(await h.app.inject({ method: 'GET', url: api('/tickets?requesterReplied=true'), headers: tech.headers })) as TicketPage;
    expect(replied.items.map((t) => t.id)).toEqual([ticketId]);
    expect((await notifications()).items.map((i) => i.kind)).toEqual(['requester-reopened']);

    // A public answer takes the marker off; an internal note does not.
    await h.app.inject({ method: 'POST', url: api(`/tickets/${ticketId}/messages`), headers: tech.headers, payload: { body: 'checking the spooler', visibility: 'internal' } });
    expect((await detail()).ticket.requesterRepliedAt).not.toBeNull();
    await h.app.inject({ method: 'POST', url: api(`/tickets/${ticketId}/messages`), headers: tech.headers, payload: { body: 'Restarted the spooler, try again', visibility: 'public' } });
    expect((await detail()).ticket.requesterRepliedAt).toBeNull();
  });

  it('refuses answers that do not fit the ticket, with their own codes', { timeout: 30_000 }, async () => {
    // A rating before it is closed.
    const early = await answer({ id: randomUUID(), kind: 'rating', rating: 5, body: null, createdAt: AT });
    expect(early.statusCode).toBe(409);
    expect(json(early)).toMatchObject({ error: { code: 'ticket_not_closed' } });
    expect((await answer({ id: randomUUID(), kind: 'rating', rating: 9, body: null, createdAt: AT } as never)).statusCode).toBe(400);
    await patch({ status: 'open' });
    const notResolved = await answer({ id: randomUUID(), kind: 'confirm', createdAt: AT });
    expect(json(notResolved)).toMatchObject({ error: { code: 'ticket_not_resolved' } });
    await patch({ status: 'closed' });
    const closed = await answer({ id: randomUUID(), kind: 'still-broken', body: 'again', createdAt: AT });
    expect(json(closed)).toMatchObject({ error: { code: 'ticket_closed' } });
    // The technician's reopen counted; closing recorded who closed it.
    expect(await reportColumns()).toMatchObject({ reopen_count: 1, close_reason: 'technician' });
    expect((await answer({ id: randomUUID(), kind: 'confirm', createdAt: AT }, await enroll(h, { hostname: 'other' }))).statusCode).toBe(404);
  });

  const autoCloseRound = () => runAllJobs({ store: h.store }, [ticketAutoCloseJob]);

  it('closes resolved tickets left unanswered after the fleet\'s number of days, on one instance only', { timeout: 30_000 }, async () => {
    const settings = json(await h.app.inject({ method: 'GET', url: api('/settings/helpdesk'), headers: admin.headers })) as HelpdeskSettingsView;
    expect(settings.autoCloseResolvedDays).toBe(7);
    const put = await h.app.inject({ method: 'PUT', url: api('/settings/helpdesk'), headers: admin.headers, payload: { autoCloseResolvedDays: 3 } });
    expect(json(put)).toMatchObject({ autoCloseResolvedDays: 3, updatedBy: 'ROOT' });
    expect((await h.app.inject({ method: 'PUT', url: api('/settings/helpdesk'), headers: admin.headers, payload: { autoCloseResolvedDays: 0 } })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'PUT', url: api('/settings/helpdesk'), headers: tech.headers, payload: { autoCloseResolvedDays: 3 } })).statusCode).toBe(403);

    h.advance(2 * DAY);
    expect((await autoCloseRound()).autoClosed).toBe(0);
    h.advance(DAY + 1000);
    // Two instances' housekeeping at once: the ticket is closed and audited once.
    const [a, b] = await Promise.all([autoCloseRound(), autoCloseRound()]);
    expect((a.autoClosed ?? 0) + (b.autoClosed ?? 0)).toBe(1);
    expect(await reportColumns()).toMatchObject({ status: 'closed', close_reason: 'auto' });
    expect((await h.store.audit.forTarget('ticket', ticketId)).filter((x) => x.action === 'ticket.status' && x.actor.kind === 'system')).toHaveLength(1);

    // Off: nothing closes. (Days went by: sign in again.)
    tech = { ...tech, ...(await login(h, 'tina', PASSWORD)) };
    admin = { ...admin, ...(await login(h, 'root', PASSWORD)) };
    await h.app.inject({ method: 'PUT', url: api('/settings/helpdesk'), headers: admin.headers, payload: { autoCloseResolvedDays: null } });
    await patch({ status: 'resolved' });
    h.advance(400 * DAY);
    expect((await autoCloseRound()).autoClosed).toBe(0);
  });

  it('a reply from the tray notifies the assignee, who marks it read', { timeout: 30_000 }, async () => {
    await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${ticketId}/comments`, headers: device.auth, payload: { id: randomUUID(), body: 'It works on and off', createdAt: AT } });
    const n = await notifications();
    expect(n.items).toMatchObject([{ kind: 'requester-reopened', ticket: { id: ticketId }, readAt: null }]);
    expect(await reportColumns()).toMatchObject({ status: 'open', reopen_count: 1, requester_replied_at: expect.anything() });
    // Someone else's notifications are not theirs to read.
    expect((await notifications(admin)).items).toEqual([]);
    const read = await h.app.inject({ method: 'POST', url: api('/notifications/read'), headers: tech.headers, payload: { ids: [n.items[0]!.id] } });
    expect(json(read)).toEqual({ marked: 1 });
    expect(await notifications()).toMatchObject({ unread: 0, items: [{ readAt: expect.any(String) }] });
    expect((await h.app.inject({ method: 'POST', url: api('/notifications/read'), headers: tech.headers, payload: { ids: ['nope'] } })).statusCode).toBe(400);
  });
});
