import {
  CONSOLE_API_BASE,
  type BacklogReport,
  type SatisfactionReport,
  type SatisfactionRow,
  type ServiceReport,
  type ServiceRow,
  type TicketSubmission,
  type VolumeReport,
} from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;
const MIN = 60_000;
/** The reported period: October 2026 (the harness clock reads 1 November 2026, 09:00 UTC). */
const FROM = '2026-10-01T00:00:00.000Z';
const TO = '2026-11-01T00:00:00.000Z';
const OCT = (day: number, hour = 0) => Date.parse(`2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`);
const TEST_MS = 60_000;

interface Seed {
  readonly subject?: string;
  readonly category?: TicketSubmission['category'];
  readonly device: 'laptop' | 'desktop';
  readonly team: 'network' | 'hardware' | null;
  readonly assignee: 'tina' | 'omar' | null;
  readonly status: 'new' | 'open' | 'waiting-on-user' | 'resolved' | 'closed';
  readonly createdAt: number;
  readonly firstResponseMin?: number;
  readonly resolvedMin?: number;
  readonly breached?: readonly ('first-response' | 'resolution')[];
  /** Recorded by a technician (tickets filed on a device are `tray`). */
  readonly channel?: 'phone' | 'walk-up';
  readonly rating?: { readonly stars: number; readonly comment: string | null; readonly at: number };
  readonly closeReason?: 'requester' | 'auto';
  readonly reopenCount?: number;
}

/**
 * Known tickets, so every median, p90 and compliance below is worked out by hand.
 * Network (Tina): first responses 10, 20, 30, 40, 50 min; resolutions 60, 120, 240 min; the 50-min
 * response and the 240-min resolution breached. Hardware (Omar): first responses 5 and 15 min, one
 * open ticket past its resolution target. One ticket without team or assignee; one from September.
 * Satisfaction: Network's tickets rated 5, 2 and 4 (two with comments), one confirmed by its requester,
 * one reopened; Hardware's unrated, one reopened; the September ticket rated 1, closed unanswered and
 * reopened. Channels: one phone and one walk-up ticket, the rest from the tray.
 */
const SEEDS: readonly Seed[] = [
  { device: 'laptop', team: 'network', assignee: 'tina', status: 'resolved', createdAt: OCT(1), firstResponseMin: 10, resolvedMin: 60, category: 'network', subject: '=HYPERLINK("http://evil")', channel: 'phone', rating: { stars: 5, comment: null, at: OCT(2) } },
  {
    device: 'laptop',
    team: 'network',
    assignee: 'tina',
    status: 'resolved',
    createdAt: OCT(2),
    firstResponseMin: 20,
    resolvedMin: 120,
    category: 'network',
    subject: '打印机无法打印, "三楼"',
    rating: { stars: 2, comment: 'Took three calls', at: OCT(3, 12) },
    reopenCount: 1,
  },
  {
    device: 'laptop',
    team: 'network',
    assignee: 'tina',
    status: 'closed',
    createdAt: OCT(3),
    firstResponseMin: 30,
    resolvedMin: 240,
    breached: ['resolution'],
    rating: { stars: 4, comment: '很快，谢谢', at: OCT(4) },
    closeReason: 'requester',
  },
  { device: 'laptop', team: 'network', assignee: 'tina', status: 'open', createdAt: OCT(4), firstResponseMin: 40 },
  { device: 'laptop', team: 'network', assignee: 'tina', status: 'open', createdAt: OCT(5), firstResponseMin: 50, breached: ['first-response'] },
  { device: 'desktop', team: 'hardware', assignee: 'omar', status: 'new', createdAt: OCT(30), firstResponseMin: 5 },
  { device: 'desktop', team: 'hardware', assignee: 'omar', status: 'open', createdAt: OCT(27), firstResponseMin: 15, breached: ['resolution'], channel: 'walk-up', reopenCount: 2 },
  { device: 'desktop', team: null, assignee: null, status: 'waiting-on-user', createdAt: OCT(31, 20) },
  {
    device: 'laptop',
    team: 'network',
    assignee: 'tina',
    status: 'open',
    createdAt: Date.parse('2026-09-01T00:00:00.000Z'),
    firstResponseMin: 1,
    rating: { stars: 1, comment: null, at: Date.parse('2026-09-10T00:00:00.000Z') },
    closeReason: 'auto',
    reopenCount: 1,
  },
];

describe.each(DATABASES)('reports on %s', (kind) => {
  let h: Harness;
  let tech: Session;
  let omar: Session;
  const teamIds: Record<'network' | 'hardware', string> = { network: '', hardware: '' };

  beforeAll(async () => {
    h = await createHarness(kind);
    tech = await technician(h, 'tina');
    omar = await technician(h, 'omar');
    const laptop = await enroll(h, { hostname: 'pc-laptop' });
    const desktop = await enroll(h, { hostname: 'pc-desktop' });
    await h.store.db.updateTable('devices').set({ model: 'Latitude 7440', os_name: 'Windows 11 Pro' }).where('id', '=', laptop.deviceId).execute();
    await h.store.db.updateTable('devices').set({ model: null, os_name: 'Ubuntu' }).where('id', '=', desktop.deviceId).execute();
    for (const name of ['network', 'hardware'] as const) {
      const team = await h.store.teams.create({ name: name === 'network' ? 'Network' : '硬件组' });
      teamIds[name] = team.id;
    }
    const technicians = { tina: tech.id, omar: omar.id };
    for (const [i, s] of SEEDS.entries()) {
      const submission = ticketSubmission({ subject: s.subject ?? `Ticket ${i + 1}`, category: s.category ?? 'printing' });
      const res = await fileTicket(h, s.device === 'laptop' ? laptop : desktop, submission);
      expect(res.statusCode).toBe(200);
      await h.store.db
        .updateTable('tickets')
        .set({
          team_id: s.team === null ? null : teamIds[s.team],
          assignee_id: s.assignee === null ? null : technicians[s.assignee],
          status: s.status,
          created_at: s.createdAt,
          first_response_at: s.firstResponseMin === undefined ? null : s.createdAt + s.firstResponseMin * MIN,
          resolved_at: s.resolvedMin === undefined ? null : s.createdAt + s.resolvedMin * MIN,
          sla_first_response_due_at: s.team === null ? null : s.createdAt + 45 * MIN,
          sla_resolution_due_at: s.team === null ? null : s.createdAt + 200 * MIN,
          channel: s.channel ?? 'tray',
          rating: s.rating?.stars ?? null,
          rating_comment: s.rating?.comment ?? null,
          rated_at: s.rating?.at ?? null,
          close_reason: s.closeReason ?? null,
          reopen_count: s.reopenCount ?? 0,
        })
        .where('id', '=', submission.id)
        .execute();
      for (const target of s.breached ?? []) {
        await h.store.db
          .insertInto('sla_breaches')
          .values({ id: crypto.randomUUID(), ticket_id: submission.id, target, due_at: s.createdAt, recorded_at: s.createdAt, policy_id: null, team_id: null, assignee_id: null, priority: 'high' })
          .execute();
      }
    }
  }, TEST_MS);
  afterAll(async () => {
    await h.close();
  }, TEST_MS);

  const get = (path: string, s: Session = tech) => h.app.inject({ method: 'GET', url: api(path), headers: s.headers });
  const period = (extra = '') => `from=${FROM}&to=${TO}${extra}`;
  const rowOf = (rows: readonly ServiceRow[], id: string | null) => rows.find((r) => r.id === id);

  it('gives first-response and resolution medians and p90s, and compliance, overall, per team and per technician', async () => {
    const res = await get(`/reports/service-levels?${period()}`);
    expect(res.statusCode).toBe(200);
    const r = json(res) as ServiceReport;
    // Overall first responses 5, 10, 15, 20, 30, 40, 50: median the 4th, p90 at rank 5.4 = 40 + 0.4 × 10.
    expect(r.overall).toEqual({
      id: null,
      name: null,
      tickets: 8,
      firstResponse: { count: 7, medianMs: 20 * MIN, p90Ms: 44 * MIN },
      resolution: { count: 3, medianMs: 120 * MIN, p90Ms: 216 * MIN },
      firstResponseSla: { met: 6, breached: 1, compliance: 6 / 7 },
      resolutionSla: { met: 2, breached: 2, compliance: 0.5 },
    });
    const network = rowOf(r.byTeam, teamIds.network);
    expect(network).toEqual({
      id: teamIds.network,
      name: 'Network',
      tickets: 5,
      // 10…50: median 30, p90 at rank 3.6 = 40 + 0.6 × 10; resolutions 60, 120, 240: p90 at rank 1.8 = 120 + 0.8 × 120.
      firstResponse: { count: 5, medianMs: 30 * MIN, p90Ms: 46 * MIN },
      resolution: { count: 3, medianMs: 120 * MIN, p90Ms: 216 * MIN },
      firstResponseSla: { met: 4, breached: 1, compliance: 0.8 },
      resolutionSla: { met: 2, breached: 1, compliance: 2 / 3 },
    });
    const hardware = rowOf(r.byTeam, teamIds.hardware);
    expect(hardware).toMatchObject({
      name: '硬件组',
      tickets: 2,
      firstResponse: { count: 2, medianMs: 10 * MIN, p90Ms: 14 * MIN },
      resolution: { count: 0, medianMs: null, p90Ms: null },
      firstResponseSla: { met: 2, breached: 0, compliance: 1 },
      resolutionSla: { met: 0, breached: 1, compliance: 0 },
    });
    expect(rowOf(r.byTeam, null)).toMatchObject({ tickets: 1, firstResponse: { count: 0 }, firstResponseSla: { met: 0, breached: 0, compliance: null } });
    expect(r.byTeam.map((t) => t.tickets)).toEqual([5, 2, 1]);
    expect(rowOf(r.byTechnician, tech.id)).toMatchObject({ name: 'TINA', tickets: 5, firstResponse: network?.firstResponse });
    expect(rowOf(r.byTechnician, omar.id)).toMatchObject({ name: 'OMAR', tickets: 2, firstResponse: hardware?.firstResponse });
    expect(rowOf(r.byTechnician, null)).toMatchObject({ tickets: 1 });
  });

  it('filters every report by team', async () => {
    const r = json(await get(`/reports/service-levels?${period(`&teamId=${teamIds.hardware}`)}`)) as ServiceReport;
    expect(r.teamId).toBe(teamIds.hardware);
    expect(r.overall).toMatchObject({ tickets: 2, firstResponse: { count: 2, medianMs: 10 * MIN, p90Ms: 14 * MIN } });
    expect(r.byTeam.map((t) => t.id)).toEqual([teamIds.hardware]);
    expect(r.byTechnician.map((t) => t.id)).toEqual([omar.id]);
    const v = json(await get(`/reports/volume?${period(`&teamId=${teamIds.network}`)}`)) as VolumeReport;
    expect(v.total).toBe(5);
    const b = json(await get(`/reports/backlog?teamId=${teamIds.network}`)) as BacklogReport;
    // Network's open tickets: two from early October and the one from September.
    expect(b.buckets).toEqual([
      { key: 'under1d', count: 0 },
      { key: '1to3d', count: 0 },
      { key: '3to7d', count: 0 },
      { key: '7to30d', count: 2 },
      { key: 'over30d', count: 1 },
    ]);
  });

  it('counts the backlog by age and the period’s tickets per category, device model and OS', async () => {
    const b = json(await get('/reports/backlog')) as BacklogReport;
    expect(b).toMatchObject({ teamId: null, total: 6 });
    expect(b.buckets.map((x) => x.count)).toEqual([1, 1, 1, 2, 1]);
    const v = json(await get(`/reports/volume?${period()}`)) as VolumeReport;
    expect(v.total).toBe(8);
    expect(v.byCategory).toEqual([
      { key: 'printing', count: 6 },
      { key: 'network', count: 2 },
    ]);
    expect(v.byModel).toEqual([
      { key: 'Latitude 7440', count: 5 },
      { key: null, count: 3 },
    ]);
    expect(v.byOs).toEqual([
      { key: 'Windows 11 Pro', count: 5 },
      { key: 'Ubuntu', count: 3 },
    ]);
    expect(v.byChannel).toEqual([
      { key: 'tray', count: 6 },
      { key: 'phone', count: 1 },
      { key: 'walk-up', count: 1 },
    ]);
  });

  it('reports requesters’ ratings and how tickets ended, overall, per team and per technician, with the newest comments', async () => {
    const res = await get(`/reports/satisfaction?${period()}`);
    expect(res.statusCode).toBe(200);
    const r = json(res) as SatisfactionReport;
    const none = { rated: 0, averageRating: null, stars: [0, 0, 0, 0, 0], confirmed: 0, autoClosed: 0 };
    // October: ratings 5, 2 and 4 (mean 11/3); the September ticket's rating is outside the period.
    expect(r.overall).toEqual({ id: null, name: null, tickets: 8, rated: 3, averageRating: 11 / 3, stars: [0, 1, 0, 1, 1], confirmed: 1, autoClosed: 0, reopened: 2 });
    const network: SatisfactionRow = { id: teamIds.network, name: 'Network', tickets: 5, rated: 3, averageRating: 11 / 3, stars: [0, 1, 0, 1, 1], confirmed: 1, autoClosed: 0, reopened: 1 };
    expect(r.byTeam).toEqual([network, { id: teamIds.hardware, name: '硬件组', tickets: 2, ...none, reopened: 1 }, { id: null, name: null, tickets: 1, ...none, reopened: 0 }]);
    expect(r.byTechnician).toEqual([
      { ...network, id: tech.id, name: 'TINA' },
      { id: omar.id, name: 'OMAR', tickets: 2, ...none, reopened: 1 },
      { id: null, name: null, tickets: 1, ...none, reopened: 0 },
    ]);
    expect(r.comments).toEqual([
      { ticketId: expect.any(String), number: 3, rating: 4, comment: '很快，谢谢', ratedAt: new Date(OCT(4)).toISOString() },
      { ticketId: expect.any(String), number: 2, rating: 2, comment: 'Took three calls', ratedAt: new Date(OCT(3, 12)).toISOString() },
    ]);

    // September and October: the September ticket's rating of 1, its closing unanswered and its reopening count too.
    const both = json(await get(`/reports/satisfaction?from=2026-09-01T00:00:00.000Z&to=${TO}`)) as SatisfactionReport;
    expect(both.overall).toEqual({ id: null, name: null, tickets: 9, rated: 4, averageRating: 3, stars: [1, 1, 0, 1, 1], confirmed: 1, autoClosed: 1, reopened: 3 });

    const hardware = json(await get(`/reports/satisfaction?${period(`&teamId=${teamIds.hardware}`)}`)) as SatisfactionReport;
    expect(hardware.overall).toEqual({ id: null, name: null, tickets: 2, ...none, reopened: 1 });
    expect(hardware.comments).toEqual([]);
  });

  it('says what is wrong with a period or a team', async () => {
    const cases: [string, RegExp][] = [
      [`/reports/service-levels?to=${TO}`, /from/],
      [`/reports/service-levels?from=${TO}&to=${FROM}`, /after/],
      [`/reports/volume?from=2024-01-01T00:00:00.000Z&to=${TO}`, /367 days/],
      [`/reports/volume?${period('&teamId=not-a-uuid')}`, /teamId/],
      [`/reports/service-levels?${period(`&teamId=${crypto.randomUUID()}`)}`, /no team has this id/],
      [`/reports/backlog?teamId=${crypto.randomUUID()}`, /no team has this id/],
      [`/reports/backlog?${period()}`, /from|unrecognized/i],
      [`/reports/satisfaction?from=${TO}&to=${FROM}`, /after/],
      [`/reports/satisfaction?${period(`&teamId=${crypto.randomUUID()}`)}`, /no team has this id/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.body, path).toMatch(message);
    }
  });

  it('exports each report as CSV: BOM, quoting, minutes and fractions', async () => {
    const res = await get(`/reports/service-levels.csv?${period()}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="service-levels.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^group,id,name,tickets,first_responses,first_response_median_minutes,/);
    expect(lines[1]).toBe('overall,,,8,7,20,44,3,120,216,6,1,0.8571428571428571,2,2,0.5');
    expect(lines).toContain(`team,${teamIds.hardware},硬件组,2,2,10,14,0,,,2,0,1,0,1,0`);
    expect(lines.at(-1)).toBe('');
    const backlog = await get('/reports/backlog.csv');
    expect(backlog.body).toBe('\uFEFFage,tickets\r\nunder1d,1\r\n1to3d,1\r\n3to7d,1\r\n7to30d,2\r\nover30d,1\r\n');
    const volume = await get(`/reports/volume.csv?${period()}`);
    expect(volume.body).toBe(
      [
        '\uFEFFdimension,value,tickets',
        'total,,8',
        'category,printing,6',
        'category,network,2',
        'model,Latitude 7440,5',
        'model,,3',
        'os,Windows 11 Pro,5',
        'os,Ubuntu,3',
        'channel,tray,6',
        'channel,phone,1',
        'channel,walk-up,1',
        '',
      ].join('\r\n'),
    );
    const satisfaction = await get(`/reports/satisfaction.csv?${period()}`);
    expect(satisfaction.headers['content-disposition']).toBe('attachment; filename="satisfaction.csv"');
    expect(satisfaction.body).toBe(
      [
        '\uFEFFgroup,id,name,tickets,rated,average_rating,stars_1,stars_2,stars_3,stars_4,stars_5,confirmed,auto_closed,reopened',
        'overall,,,8,3,3.67,0,1,0,1,1,1,0,2',
        `team,${teamIds.network},Network,5,3,3.67,0,1,0,1,1,1,0,1`,
        `team,${teamIds.hardware},硬件组,2,0,,0,0,0,0,0,0,0,1`,
        'team,,,1,0,,0,0,0,0,0,0,0,0',
        `technician,${tech.id},TINA,5,3,3.67,0,1,0,1,1,1,0,1`,
        `technician,${omar.id},OMAR,2,0,,0,0,0,0,0,0,0,1`,
        'technician,,,1,0,,0,0,0,0,0,0,0,0',
        '',
      ].join('\r\n'),
    );
  });

  it('exports the queue as CSV with the queue’s filters, quoted and formula-safe', async () => {
    const res = await get(`/tickets.csv?team=${teamIds.network}&sort=number&order=asc`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="tickets.csv"');
    expect(res.headers['x-deskside-truncated']).toBeUndefined();
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'number,subject,status,priority,category,team,assignee,requester,device,created_at,updated_at,first_response_due_at,first_response_state,resolution_due_at,resolution_state',
    );
    // Network's five October tickets and the September one, in number order.
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^1,"'=HYPERLINK\(""http:\/\/evil""\)",resolved,\w+,network,Network,TINA,/);
    expect(lines[2]).toMatch(/^2,"打印机无法打印, ""三楼""",resolved,/);
    const mine = await get('/tickets.csv?assignee=me&status=open', omar);
    expect(mine.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toHaveLength(2);
    const bad = await get('/tickets.csv?page=2');
    expect(bad.statusCode).toBe(400);
  });
});
