import { randomUUID } from 'node:crypto';

import { AGENT_API_BASE, CONSOLE_API_BASE, type SlaPolicyCreate, type Team, type TicketCreated, type TicketDetail } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runAllJobs, ticketAutoCloseJob } from '../src/housekeeping/jobs.js';
import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;
const MIN = 60_000;
const DAY = 86_400_000;
const HOOKS_MS = 30_000;
const TEST_MS = 60_000;
const AT = '2026-11-01T10:00:00.000Z';

/** Round the clock in UTC, so due times are plain arithmetic: a high-priority ticket is answered within an hour. */
const roundTheClock: SlaPolicyCreate = {
  name: 'Round the clock',
  timeZone: 'UTC',
  week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
  holidays: [],
  targets: {
    low: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
    medium: { firstResponseMinutes: 240, resolutionMinutes: 960 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    critical: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  },
  isDefault: true,
};

/**
 * The requester's loop and the technicians' shortcuts change tickets outside the usual update path:
 * each must route new tickets, keep the service-level clock right and respect team membership.
 */
describe.each(DATABASES)('the requester loop and the helpdesk workflow on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tech: Session;
  let outsider: Session;
  let device: EnrolledDevice;
  let printing: Team;

  beforeEach(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    outsider = await technician(h, 'omar');
    device = await enroll(h, { hostname: 'reception-pc' });
    expect((await send(admin, 'POST', '/sla-policies', roundTheClock)).statusCode).toBe(201);
    printing = json(await send(admin, 'POST', '/teams', { name: 'Printing' })) as Team;
    expect((await send(admin, 'PUT', `/teams/${printing.id}/members`, { technicianIds: [tech.id] })).statusCode).toBe(200);
    expect((await send(admin, 'PUT', '/routing', { defaultTeamId: null, rules: [{ category: 'printing', teamId: printing.id }] })).statusCode).toBe(200);
  }, HOOKS_MS);
  afterEach(async () => {
    await h.close();
  }, HOOKS_MS);

  const send = (s: Session, method: 'POST' | 'PUT' | 'PATCH', path: string, payload: object) => h.app.inject({ method, url: api(path), headers: s.headers, payload });
  const detail = async (id: string) => json(await h.app.inject({ method: 'GET', url: api(`/tickets/${id}`), headers: tech.headers })) as TicketDetail;
  const clock = (id: string) => h.store.db.selectFrom('tickets').select(['status', 'team_id', 'sla_pauses', 'sla_next_due_at', 'sla_resolution_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const openPause = async (id: string) => (JSON.parse((await clock(id)).sla_pauses) as { from: number; to: number | null }[]).some((p) => p.to === null);
  const record = (assigneeId: string | null) =>
    send(tech, 'POST', '/tickets', {
      channel: 'phone',
      deviceId: device.deviceId,
      subject: 'Cannot print to the 2nd floor printer',
      description: 'Called at 9:10.',
      category: 'printing',
      urgency: 'high',
      impact: 'team',
      contact: { name: 'Bob Chen', email: null, phone: null },
      requesterAccount: null,
      assigneeId,
    });
  async function deviceTicket(): Promise<string> {
    const t = ticketSubmission({ category: 'printing' });
    expect((await fileTicket(h, device, t)).statusCode).toBe(200);
    return t.id;
  }
  const answer = (ticketId: string, body: object) => h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${ticketId}/feedback`, headers: device.auth, payload: { id: randomUUID(), createdAt: AT, ...body } });

  it('routes a ticket a technician records and starts its clock; its assignee must be in the team it is routed to', { timeout: TEST_MS }, async () => {
    const res = await record('me');
    expect(res.statusCode, res.body).toBe(201);
    const { id } = json(res) as TicketCreated;
    const d = await detail(id);
    expect(d.ticket.team?.id).toBe(printing.id);
    const created = Date.parse(d.ticket.createdAt);
    expect(Date.parse(d.ticket.sla?.firstResponse.dueAt ?? '')).toBe(created + 60 * MIN);
    expect(Date.parse(d.ticket.sla?.resolution.dueAt ?? '')).toBe(created + 480 * MIN);
    expect((await h.store.db.selectFrom('ticket_team_changes').select('kind').where('ticket_id', '=', id).execute()).map((c) => c.kind)).toEqual(['routed']);

    const before = (await h.store.db.selectFrom('tickets').select('id').execute()).length;
    const refused = await record(outsider.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/OMAR is not a member of Printing/);
    // Refused whole: no ticket half-created.
    expect((await h.store.db.selectFrom('tickets').select('id').execute()).length).toBe(before);
  });

  it('"still broken" resumes the clock resolving paused; "it is fixed" and the auto-close stop it', { timeout: TEST_MS }, async () => {
    const id = await deviceTicket();
    const due = (await clock(id)).sla_resolution_due_at;
    expect(due).not.toBeNull();
    expect((await send(tech, 'PATCH', `/tickets/${id}`, { assigneeId: tech.id, status: 'resolved' })).statusCode).toBe(200);
    expect(await openPause(id)).toBe(true);
    expect((await clock(id)).sla_next_due_at).toBeNull();

    h.advance(30 * MIN);
    expect((await answer(id, { kind: 'still-broken', body: 'Still nothing comes out' })).statusCode).toBe(200);
    const resumed = await clock(id);
    expect(resumed.status).toBe('open');
    expect(await openPause(id)).toBe(false);
    // The time spent resolved (the half hour) does not count: the resolution target moved later by exactly that.
    const [pause] = JSON.parse(resumed.sla_pauses) as { from: number; to: number }[];
    expect(pause!.to - pause!.from).toBeGreaterThanOrEqual(30 * MIN);
    expect(resumed.sla_resolution_due_at).toBe((due ?? 0) + (pause!.to - pause!.from));
    expect(resumed.sla_next_due_at).not.toBeNull();

    expect((await send(tech, 'PATCH', `/tickets/${id}`, { status: 'resolved' })).statusCode).toBe(200);
    expect((await answer(id, { kind: 'confirm' })).statusCode).toBe(200);
    expect(await clock(id)).toMatchObject({ status: 'closed', sla_next_due_at: null });
    expect(await openPause(id)).toBe(true);

    // Unanswered: the housekeeping job closes it, and the clock stays stopped.
    const quiet = await deviceTicket();
    expect((await send(tech, 'PATCH', `/tickets/${quiet}`, { status: 'resolved' })).statusCode).toBe(200);
    h.advance(8 * DAY);
    expect((await runAllJobs({ store: h.store }, [ticketAutoCloseJob])).autoClosed).toBe(1);
    expect(await clock(quiet)).toMatchObject({ status: 'closed', sla_next_due_at: null });
    expect(await openPause(quiet)).toBe(true);
  });

  it('merging stops the duplicate\'s clock; a bulk assignee must be in each ticket\'s team', { timeout: TEST_MS }, async () => {
    const survivor = await deviceTicket();
    const duplicate = await deviceTicket();
    expect((await clock(duplicate)).sla_next_due_at).not.toBeNull();
    expect((await send(tech, 'POST', `/tickets/${duplicate}/merge`, { into: survivor })).statusCode).toBe(200);
    expect(await clock(duplicate)).toMatchObject({ status: 'closed', sla_next_due_at: null });
    expect(await openPause(duplicate)).toBe(true);
    expect((await clock(survivor)).sla_next_due_at).not.toBeNull();

    const refused = await send(tech, 'POST', '/tickets/bulk', { ids: [survivor], assigneeId: outsider.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/OMAR is not a member of Printing/);
    expect((await detail(survivor)).ticket.assignee).toBeNull();
    const ok = await send(tech, 'POST', '/tickets/bulk', { ids: [survivor], assigneeId: 'me', status: 'waiting-on-user' });
    expect(json(ok)).toEqual({ updated: 1, missing: [] });
    // Waiting on the user pauses the clock, as any status change does.
    expect(await openPause(survivor)).toBe(true);
  });
});
