import { randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  CONSOLE_API_BASE,
  type AuditPage,
  type CannedReply,
  type CannedReplyList,
  type DeviceTicketList,
  type NotificationList,
  type Routing,
  type SlaPolicy,
  type SlaPolicyCreate,
  type Team,
  type TeamList,
  type TicketDetail,
  type TicketPage,
} from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, PASSWORD, createHarness, enroll, fileTicket, json, login, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;
const HOUR = 3_600_000;
/** Each test signs in several technicians (scrypt) and, on PostgreSQL, runs a few hundred statements. */
const TEST_MS = 60_000;
/** The harness clock ticks a millisecond per reading: due times are compared to the minute. */
const minute = (iso: string | null | undefined): string | undefined => iso?.slice(0, 16);

/** Monday to Friday 09:00-17:00 in Paris; the harness clock starts on Sunday 1 November 2026, 09:00 UTC. */
const parisOffice = (patch: Partial<SlaPolicyCreate> = {}): SlaPolicyCreate => {
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    name: 'Office hours',
    timeZone: 'Europe/Paris',
    week: [[], day, day, day, day, day, []],
    holidays: [],
    targets: {
      low: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
      medium: { firstResponseMinutes: 240, resolutionMinutes: 960 },
      high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      critical: { firstResponseMinutes: 15, resolutionMinutes: 240 },
    },
    isDefault: true,
    ...patch,
  };
};

describe.each(DATABASES)('teams, service levels and canned replies on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tech: Session;
  let other: Session;
  let device: EnrolledDevice;
  beforeEach(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    other = await technician(h, 'omar');
    device = await enroll(h, { hostname: 'pc-042' });
  }, 60_000);
  afterEach(async () => {
    await h.close();
  }, 60_000);

  const get = (s: Session, path: string) => h.app.inject({ method: 'GET', url: api(path), headers: s.headers });
  const send = (s: Session, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, payload?: object) =>
    h.app.inject({ method, url: api(path), headers: { ...s.headers, 'x-deskside-console': '1' }, ...(payload === undefined ? {} : { payload }) });
  const newTeam = async (name: string, members: readonly Session[] = []): Promise<Team> => {
    const res = await send(admin, 'POST', '/teams', { name });
    expect(res.statusCode, res.body).toBe(201);
    const team = json(res) as Team;
    if (members.length === 0) return team;
    const withMembers = await send(admin, 'PUT', `/teams/${team.id}/members`, { technicianIds: members.map((m) => m.id) });
    expect(withMembers.statusCode, withMembers.body).toBe(200);
    return json(withMembers) as Team;
  };
  const newTicket = async (patch: Parameters<typeof ticketSubmission>[0] = {}): Promise<string> => {
    const t = ticketSubmission(patch);
    const res = await fileTicket(h, device, t);
    expect(res.statusCode, res.body).toBe(200);
    return t.id;
  };
  /** Moves the clock; sessions end after 12 hours, so everyone signs in again. */
  const advance = async (ms: number) => {
    h.advance(ms);
    admin = { ...admin, ...(await login(h, 'root', PASSWORD)) };
    tech = { ...tech, ...(await login(h, 'tina', PASSWORD)) };
    other = { ...other, ...(await login(h, 'omar', PASSWORD)) };
  };
  const detail = async (id: string): Promise<TicketDetail> => json(await get(tech, `/tickets/${id}`)) as TicketDetail;
  const audit = async (query: string): Promise<AuditPage> => json(await get(admin, `/audit?${query}`)) as AuditPage;

  describe('teams', () => {
    it('are created, listed with members, renamed and deleted by admins, and audited', async () => {
      const desk = await newTeam('Service desk', [tech, other]);
      expect(desk.members.map((m) => m.displayName).sort()).toEqual(['OMAR', 'TINA']);
      // Names are unique whatever their case.
      const dup = await send(admin, 'POST', '/teams', { name: 'service DESK' });
      expect(dup.statusCode).toBe(409);
      expect(json(dup)).toMatchObject({ error: { code: 'conflict', message: 'a team named "service DESK" already exists' } });
      const blank = await send(admin, 'POST', '/teams', { name: '   ' });
      expect(blank.statusCode).toBe(400);
      const unknownMember = await send(admin, 'PUT', `/teams/${desk.id}/members`, { technicianIds: [randomUUID()] });
      expect(unknownMember.statusCode).toBe(400);
      expect(json(unknownMember)).toMatchObject({ error: { message: 'some members are not technicians' } });

      // Every technician reads the list (queue filters, transfers).
      const list = json(await get(tech, '/teams')) as TeamList;
      expect(list.items.map((t) => t.name)).toEqual(['Service desk']);

      const renamed = await send(admin, 'PATCH', `/teams/${desk.id}`, { name: 'Help desk', description: 'First line' });
      expect(json(renamed)).toMatchObject({ name: 'Help desk', description: 'First line' });
      const removed = await send(admin, 'PUT', `/teams/${desk.id}/members`, { technicianIds: [tech.id] });
      expect((json(removed) as Team).members.map((m) => m.id)).toEqual([tech.id]);

      const spare = await newTeam('Spare');
      expect((await send(admin, 'DELETE', `/teams/${spare.id}`)).statusCode).toBe(200);
      expect((await send(admin, 'DELETE', `/teams/${spare.id}`)).statusCode).toBe(404);

      const actions = (await audit('targetKind=team&pageSize=50')).items.map((e) => e.action).sort();
      expect(actions).toEqual(['team.create', 'team.create', 'team.delete', 'team.members', 'team.members', 'team.update']);
      const members = (await audit(`targetKind=team&targetId=${desk.id}&action=team.members`)).items;
      expect(members[0]?.details).toEqual({ added: [], removed: [other.id] });
    }, TEST_MS);

    it('route new tickets by category, else to the default team, and record it', async () => {
      const desk = await newTeam('Service desk', [tech]);
      const network = await newTeam('Network', [other]);
      const badTeam = await send(admin, 'PUT', '/routing', { defaultTeamId: randomUUID(), rules: [] });
      expect(badTeam.statusCode).toBe(400);
      const twice = await send(admin, 'PUT', '/routing', { defaultTeamId: null, rules: [{ category: 'network', teamId: network.id }, { category: 'network', teamId: desk.id }] });
      expect(twice.statusCode).toBe(400);
      const routing: Routing = { defaultTeamId: desk.id, rules: [{ category: 'network', teamId: network.id }] };
      const set = await send(admin, 'PUT', '/routing', routing);
      expect(set.statusCode, set.body).toBe(200);
      expect(json(await get(admin, '/routing'))).toEqual(routing);
      expect((await audit('action=routing.update')).total).toBe(1);

      const wifi = await newTicket({ category: 'network', subject: 'Wi-Fi drops' });
      const printer = await newTicket({ category: 'printing' });
      expect((await detail(wifi)).ticket.team).toEqual({ id: network.id, name: 'Network' });
      expect((await detail(printer)).ticket.team).toEqual({ id: desk.id, name: 'Service desk' });
      expect((await detail(wifi)).teamHistory).toEqual([{ at: expect.any(String), kind: 'routed', from: null, to: { id: network.id, name: 'Network' }, by: null, note: null }]);

      // Queue views: one team, "my teams", no team.
      const byTeam = json(await get(tech, `/tickets?team=${network.id}`)) as TicketPage;
      expect(byTeam.items.map((t) => t.id)).toEqual([wifi]);
      const mine = json(await get(tech, '/tickets?team=mine')) as TicketPage;
      expect(mine.items.map((t) => t.id)).toEqual([printer]);
      const lonely = await technician(h, 'nobody');
      expect((json(await get(lonely, '/tickets?team=mine')) as TicketPage).items).toEqual([]);
      expect((json(await get(tech, '/tickets?team=none')) as TicketPage).items).toEqual([]);
      expect((await get(tech, '/tickets?team=everyone')).statusCode).toBe(400);

      // A team with tickets keeps its history: rename it instead.
      const del = await send(admin, 'DELETE', `/teams/${network.id}`);
      expect(del.statusCode).toBe(409);
      expect(json(del)).toMatchObject({ error: { message: 'Network has 1 ticket(s); transfer them or rename the team instead' } });
    }, TEST_MS);

    it('assign only members of the ticket\u2019s team', async () => {
      const desk = await newTeam('Service desk', [tech]);
      await send(admin, 'PUT', '/routing', { defaultTeamId: desk.id, rules: [] });
      const id = await newTicket();
      const outsider = await send(tech, 'PATCH', `/tickets/${id}`, { assigneeId: other.id });
      expect(outsider.statusCode).toBe(400);
      expect(json(outsider)).toMatchObject({ error: { message: 'OMAR is not a member of Service desk: add them to the team, or transfer the ticket to a team of theirs' } });
      const member = await send(tech, 'PATCH', `/tickets/${id}`, { assigneeId: tech.id });
      expect(member.statusCode).toBe(200);
      expect((json(member) as TicketDetail).ticket.assignee?.id).toBe(tech.id);
    }, TEST_MS);
  });

  describe('escalation', () => {
    it('transfers to another team with a required note, kept in the conversation, history and audit', async () => {
      const desk = await newTeam('Service desk', [tech]);
      const network = await newTeam('Network', [other]);
      await send(admin, 'PUT', '/routing', { defaultTeamId: desk.id, rules: [] });
      const id = await newTicket();
      await send(tech, 'PATCH', `/tickets/${id}`, { assigneeId: tech.id });

      const noNote = await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: network.id });
      expect(noNote.statusCode).toBe(400);
      const blank = await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: network.id, note: '   ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.body).toContain('say why the ticket moves to another team');
      expect((await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: randomUUID(), note: 'x' })).statusCode).toBe(400);
      const same = await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: desk.id, note: 'x' });
      expect(json(same)).toMatchObject({ error: { message: 'the ticket is already with Service desk' } });
      const wrongAssignee = await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: network.id, note: 'x', assigneeId: tech.id });
      expect(wrongAssignee.statusCode).toBe(400);
      expect((await send(tech, 'POST', `/tickets/${randomUUID()}/transfer`, { teamId: network.id, note: 'x' })).statusCode).toBe(404);

      const res = await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: network.id, note: 'Switch port 12 is down, needs the network team' });
      expect(res.statusCode, res.body).toBe(200);
      const d = json(res) as TicketDetail;
      expect(d.ticket.team).toEqual({ id: network.id, name: 'Network' });
      // The assignee was not in Network: the ticket waits in Network's queue unassigned.
      expect(d.ticket.assignee).toBeNull();
      const note = d.messages.at(-1);
      expect(note).toMatchObject({ visibility: 'internal', author: 'technician', technicianId: tech.id, body: 'Switch port 12 is down, needs the network team' });
      expect(d.teamHistory.map((c) => [c.kind, c.from?.name ?? null, c.to?.name ?? null, c.by, c.note])).toEqual([
        ['routed', null, 'Service desk', null, null],
        ['transferred', 'Service desk', 'Network', 'TINA', 'Switch port 12 is down, needs the network team'],
      ]);
      const transfer = d.activity.find((a) => a.action === 'ticket.transfer');
      expect(transfer?.details).toMatchObject({ team: { before: desk.id, after: network.id }, note: 'Switch port 12 is down, needs the network team' });
      expect(d.activity.some((a) => a.action === 'ticket.assignee' && a.details.before === tech.id && a.details.after === null)).toBe(true);

      // The note is internal: the user's tray never sees it.
      const own = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: device.auth })) as DeviceTicketList;
      expect(own.tickets[0]?.messages ?? []).toEqual([]);

      // Straight to a member of the new team.
      const back = await send(other, 'POST', `/tickets/${id}/transfer`, { teamId: desk.id, note: 'Port fixed; back to the desk to confirm with the user', assigneeId: tech.id });
      expect((json(back) as TicketDetail).ticket.assignee?.id).toBe(tech.id);
    }, TEST_MS);
  });

  describe('service levels', () => {
    it('validate policies: zone, hours and targets', async () => {
      const badZone = await send(admin, 'POST', '/sla-policies', parisOffice({ timeZone: 'Europe/Atlantis' }));
      expect(badZone.statusCode).toBe(400);
      expect(json(badZone)).toMatchObject({ error: { message: '"Europe/Atlantis" is not an IANA time zone (for example Europe/Paris, Asia/Shanghai)' } });
      const backwards = await send(admin, 'POST', '/sla-policies', parisOffice({ week: [[], [{ start: '17:00', end: '09:00' }], [], [], [], [], []] }));
      expect(backwards.statusCode).toBe(400);
      expect(backwards.body).toContain('a span ends after it starts');
      const closed = await send(admin, 'POST', '/sla-policies', parisOffice({ week: [[], [], [], [], [], [], []] }));
      expect(closed.body).toContain('at least one day needs business hours');
      const inverted = parisOffice();
      const targets = { ...inverted.targets, high: { firstResponseMinutes: 600, resolutionMinutes: 60 } };
      expect((await send(admin, 'POST', '/sla-policies', { ...inverted, targets })).body).toContain('resolution cannot be due before the first response');
      const ok = await send(admin, 'POST', '/sla-policies', parisOffice({ holidays: ['2026-12-25', '2026-12-25', '2026-11-11'] }));
      expect(ok.statusCode, ok.body).toBe(201);
      expect((json(ok) as SlaPolicy).holidays).toEqual(['2026-11-11', '2026-12-25']);
      // One default at a time.
      const second = json(await send(admin, 'POST', '/sla-policies', parisOffice({ name: 'Round the clock' }))) as SlaPolicy;
      const all = (json(await get(admin, '/sla-policies')) as { items: SlaPolicy[] }).items;
      expect(all.filter((p) => p.isDefault).map((p) => p.id)).toEqual([second.id]);
      expect((await audit('targetKind=sla-policy')).total).toBe(2);
    }, TEST_MS);

    it('show due times, pause while waiting on the user, resume on the reply, and correct on reopen', async () => {
      const policy = json(await send(admin, 'POST', '/sla-policies', parisOffice())) as SlaPolicy;
      // Filed on a Sunday (priority high: 1 h to respond, 8 h to resolve): the clock starts Monday 09:00 Paris = 08:00Z.
      const id = await newTicket();
      let d = await detail(id);
      expect(d.ticket.priority).toBe('high');
      expect(d.ticket.sla).toEqual({
        policy: { id: policy.id, name: 'Office hours' },
        firstResponse: { dueAt: '2026-11-02T09:00:00.000Z', state: 'running', reachedAt: null },
        resolution: { dueAt: '2026-11-02T16:00:00.000Z', state: 'running', reachedAt: null },
        nextDueAt: '2026-11-02T09:00:00.000Z',
      });

      // Monday 09:30 Paris: the first public reply, in time, asking the user something.
      await advance(Date.parse('2026-11-02T08:30:00Z') - Date.parse('2026-11-01T09:00:00Z'));
      const reply = await send(tech, 'POST', `/tickets/${id}/messages`, { body: 'Which tray is jammed?', visibility: 'public', status: 'waiting-on-user' });
      expect(reply.statusCode, reply.body).toBe(200);
      d = json(reply) as TicketDetail;
      expect(d.ticket.sla?.firstResponse).toMatchObject({ state: 'met', dueAt: '2026-11-02T09:00:00.000Z' });
      expect(d.ticket.sla?.firstResponse.reachedAt?.startsWith('2026-11-02T08:30')).toBe(true);
      expect(d.ticket.sla?.resolution.state).toBe('paused');
      expect(d.ticket.sla?.nextDueAt).toBeNull();

      // The user answers Tuesday 10:30 Paris (09:30Z): paused 08:30Z Mon → 09:30Z Tue = 7.5 h Monday + 1.5 h Tuesday of business time.
      await advance(25 * HOUR);
      const comment = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${id}/comments`, headers: device.auth, payload: { id: randomUUID(), body: 'Tray 2', createdAt: '2026-11-03T09:30:00.000Z' } });
      expect(comment.statusCode).toBe(200);
      d = await detail(id);
      expect(d.ticket.status).toBe('open');
      // 0.5 h ran before the pause; 7.5 h left from Tuesday 09:30Z: 6.5 h until 17:00 Paris (16:00Z), 1 h on Wednesday → 09:00Z.
      expect(d.ticket.sla?.resolution.state).toBe('running');
      expect(minute(d.ticket.sla?.resolution.dueAt)).toBe('2026-11-04T09:00');
      expect(minute(d.ticket.sla?.nextDueAt)).toBe('2026-11-04T09:00');

      // Resolved Tuesday 11:30Z (2 h more used), reopened by the user Thursday 08:00Z: 5.5 h left → Thursday 13:30Z.
      await advance(2 * HOUR);
      d = json(await send(tech, 'PATCH', `/tickets/${id}`, { status: 'resolved' })) as TicketDetail;
      expect(d.ticket.sla?.resolution.state).toBe('met');
      await advance(Date.parse('2026-11-05T08:00:00Z') - Date.parse('2026-11-03T11:30:00Z'));
      await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${id}/comments`, headers: device.auth, payload: { id: randomUUID(), body: 'It jams again', createdAt: '2026-11-05T08:00:00.000Z' } });
      d = await detail(id);
      expect(d.ticket.sla?.resolution).toMatchObject({ state: 'running', reachedAt: null });
      expect(minute(d.ticket.sla?.resolution.dueAt)).toBe('2026-11-05T13:30');
      // Raised to critical (4 h to resolve) with 2.5 h already used: due 1.5 h after the reopening.
      await advance(2 * HOUR);
      const raised = await send(tech, 'PATCH', `/tickets/${id}`, { priorityOverride: 'critical' });
      expect(raised.statusCode, raised.body).toBe(200);
      d = json(raised) as TicketDetail;
      expect(d.ticket.sla?.resolution.state).toBe('breached');
      expect(minute(d.ticket.sla?.resolution.dueAt)).toBe('2026-11-05T09:30');
    }, TEST_MS);

    it('record a breach once, notify the team, and let the queue find overdue and soon-due tickets', async () => {
      await send(admin, 'POST', '/sla-policies', parisOffice());
      const desk = await newTeam('Service desk', [tech, other]);
      await send(admin, 'PUT', '/routing', { defaultTeamId: desk.id, rules: [] });
      const late = await newTicket({ subject: 'Late one' });
      const calm = await newTicket({ subject: 'Calm one', urgency: 'low', impact: 'me' });

      // Monday 08:30Z: the high ticket's first response falls due at 09:00Z, within the hour.
      await advance(Date.parse('2026-11-02T08:30:00Z') - Date.parse('2026-11-01T09:00:00Z'));
      const soon = json(await get(tech, '/tickets?due=soon')) as TicketPage;
      expect(soon.items.map((t) => t.id)).toEqual([late]);
      const byDue = json(await get(tech, '/tickets?sort=due&order=asc')) as TicketPage;
      expect(byDue.items.map((t) => t.id)).toEqual([late, calm]);

      await advance(HOUR);
      expect(await h.store.workflow.watchBreaches()).toBe(1);
      // Again, or from another instance: nothing new.
      expect(await h.store.workflow.watchBreaches()).toBe(0);
      expect((await h.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^deskside_tickets_overdue 1$/m);
      const overdue = json(await get(tech, '/tickets?due=overdue')) as TicketPage;
      expect(overdue.items.map((t) => t.id)).toEqual([late]);
      expect(overdue.items[0]?.sla?.firstResponse.state).toBe('breached');
      expect((json(await get(tech, '/tickets?due=breached')) as TicketPage).items.map((t) => t.id)).toEqual([late]);
      const breaches = await h.store.db.selectFrom('sla_breaches').selectAll().execute();
      expect(breaches.map((b) => [b.ticket_id, b.target, b.due_at, b.team_id, b.priority])).toEqual([[late, 'first-response', Date.parse('2026-11-02T09:00:00Z'), desk.id, 'high']]);

      // Both members of the team hear of it; an admin outside the team does not.
      const tina = json(await get(tech, '/notifications')) as NotificationList;
      expect(tina.unread).toBe(1);
      expect(tina.items[0]).toMatchObject({ kind: 'sla-breach', target: 'first-response', dueAt: '2026-11-02T09:00:00.000Z', readAt: null, ticket: { id: late, subject: 'Late one' } });
      expect((json(await get(other, '/notifications?unread=true')) as NotificationList).unread).toBe(1);
      expect((json(await get(admin, '/notifications')) as NotificationList).items).toEqual([]);
      // Each marks only their own as read.
      const foreign = await send(admin, 'POST', '/notifications/read', { ids: [tina.items[0]!.id] });
      expect(json(foreign)).toEqual({ marked: 0 });
      expect(json(await send(tech, 'POST', '/notifications/read', {}))).toEqual({ marked: 1 });
      expect((json(await get(tech, '/notifications?unread=true')) as NotificationList)).toEqual({ items: [], unread: 0 });
      expect((json(await get(other, '/notifications')) as NotificationList).unread).toBe(1);

      // Replying late records nothing new: the breach stands, once.
      const replied = json(await send(tech, 'POST', `/tickets/${late}/messages`, { body: 'Looking now', visibility: 'public' })) as TicketDetail;
      expect(replied.ticket.sla?.firstResponse.state).toBe('breached');
      expect(await h.store.db.selectFrom('sla_breaches').selectAll().execute()).toHaveLength(1);

      // An assigned ticket's breach goes to its assignee alone; the team hears of the unassigned one's.
      expect((await send(tech, 'PATCH', `/tickets/${calm}`, { assigneeId: other.id })).statusCode).toBe(200);
      await advance(8 * HOUR);
      expect(await h.store.workflow.watchBreaches()).toBe(2);
      const omar = json(await get(other, '/notifications')) as NotificationList;
      expect(omar.items.map((n) => [n.ticket.subject, n.kind === 'sla-breach' ? n.target : n.kind]).sort()).toEqual([
        ['Calm one', 'first-response'],
        ['Late one', 'first-response'],
        ['Late one', 'resolution'],
      ]);
      const tina2 = json(await get(tech, '/notifications')) as NotificationList;
      expect(tina2.items.map((n) => [n.ticket.subject, n.kind === 'sla-breach' ? n.target : n.kind]).sort()).toEqual([
        ['Late one', 'first-response'],
        ['Late one', 'resolution'],
      ]);
      expect(tina2.unread).toBe(1);
    }, TEST_MS);

    it('follows the team: its own policy, recomputed when a policy changes', async () => {
      await send(admin, 'POST', '/sla-policies', parisOffice());
      const shanghai = json(
        await send(admin, 'POST', '/sla-policies', parisOffice({ name: 'Shanghai', timeZone: 'Asia/Shanghai', isDefault: false })),
      ) as SlaPolicy;
      const apps = await newTeam('Applications');
      await send(admin, 'PATCH', `/teams/${apps.id}`, { slaPolicyId: shanghai.id });
      const desk = await newTeam('Service desk');
      await send(admin, 'PUT', '/routing', { defaultTeamId: desk.id, rules: [{ category: 'software', teamId: apps.id }] });
      const id = await newTicket({ category: 'software' });
      // Monday 09:00 in Shanghai is 01:00Z; +1 h.
      expect((await detail(id)).ticket.sla?.firstResponse.dueAt).toBe('2026-11-02T02:00:00.000Z');
      // Transferred to a team on the default policy: Paris hours apply.
      await send(tech, 'POST', `/tickets/${id}/transfer`, { teamId: desk.id, note: 'Not an application problem' });
      expect((await detail(id)).ticket.sla?.policy.name).toBe('Office hours');
      expect((await detail(id)).ticket.sla?.firstResponse.dueAt).toBe('2026-11-02T09:00:00.000Z');
      // The policy's targets change: open tickets follow.
      const policies = (json(await get(admin, '/sla-policies')) as { items: SlaPolicy[] }).items;
      const office = policies.find((p) => p.name === 'Office hours')!;
      const patched = await send(admin, 'PATCH', `/sla-policies/${office.id}`, { targets: { ...office.targets, high: { firstResponseMinutes: 120, resolutionMinutes: 480 } } });
      expect(patched.statusCode, patched.body).toBe(200);
      expect((await detail(id)).ticket.sla?.firstResponse.dueAt).toBe('2026-11-02T10:00:00.000Z');
      // Without any policy, tickets have no due times.
      expect((await send(admin, 'DELETE', `/sla-policies/${office.id}`)).statusCode).toBe(200);
      expect((await detail(id)).ticket.sla).toBeNull();
    }, TEST_MS);
  });

  describe('canned replies', () => {
    it('are written by admins in both languages, per team or global, and read by technicians', async () => {
      const network = await newTeam('Network');
      const empty = await send(admin, 'POST', '/canned-replies', { title: 'Nothing', bodies: { en: ' ', 'zh-CN': '' } });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('write the reply in at least one language');
      expect((await send(admin, 'POST', '/canned-replies', { teamId: randomUUID(), title: 'x', bodies: { en: 'x' } })).statusCode).toBe(400);
      const global = json(
        await send(admin, 'POST', '/canned-replies', { title: 'Restart', bodies: { en: 'Hello {{requester}}, please restart {{device}}.', 'zh-CN': '{{requester}}，您好：请重新启动 {{device}}。' } }),
      ) as CannedReply;
      const forNetwork = await send(admin, 'POST', '/canned-replies', { teamId: network.id, title: 'Cable', bodies: { en: 'Please check the cable.' } });
      expect(forNetwork.statusCode, forNetwork.body).toBe(201);
      const other = await newTeam('Hardware');
      await send(admin, 'POST', '/canned-replies', { teamId: other.id, title: 'Battery', bodies: { 'zh-CN': '请检查电池。' } });

      const forTicket = json(await get(tech, `/canned-replies?teamId=${network.id}`)) as CannedReplyList;
      expect(forTicket.items.map((r) => r.title)).toEqual(['Cable', 'Restart']);
      expect((json(await get(tech, '/canned-replies')) as CannedReplyList).items).toHaveLength(3);
      expect(global.bodies['zh-CN']).toBe('{{requester}}，您好：请重新启动 {{device}}。');

      const edited = await send(admin, 'PATCH', `/canned-replies/${global.id}`, { title: 'Restart first' });
      expect(json(edited)).toMatchObject({ title: 'Restart first', bodies: global.bodies });
      expect((await send(admin, 'DELETE', `/canned-replies/${global.id}`)).statusCode).toBe(200);
      expect((await send(admin, 'PATCH', `/canned-replies/${global.id}`, { title: 'again' })).statusCode).toBe(404);
      const actions = (await audit('targetKind=canned-reply')).items.map((e) => e.action).sort();
      expect(actions).toEqual(['canned-reply.create', 'canned-reply.create', 'canned-reply.create', 'canned-reply.delete', 'canned-reply.update']);
    }, TEST_MS);
  });
});
