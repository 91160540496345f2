import type { CannedReply, SlaPolicy, Team, TicketSla } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { parseSpans, toPolicyBody, newDraft } from '../../console/src/admin/sla-policy-form.js';
import { cannedReplyText, requesterLanguage } from '../../console/src/helpdesk/canned-reply-text.js';
import { nextTone, targetTone } from '../../console/src/helpdesk/sla-status.js';
import { FakeApi } from './fake-api.js';
import { OTHER_TECH_ID, TECH_ID, TICKET_ID, me, ticketDetail, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

/** Several selects and typed fields through user-event, on a machine shared by many test runs. */
const UI_TEST_MS = 20_000;

const DESK = '60000000-0000-4000-8000-000000000001';
const NETWORK = '60000000-0000-4000-8000-000000000002';
const POLICY = '70000000-0000-4000-8000-000000000001';

const team = (id: string, name: string, members: Team['members'] = []): Team => ({ id, name, description: null, slaPolicyId: null, members, createdAt: '2026-11-01T00:00:00.000Z' });
const teams = [team(DESK, 'Service desk', [{ id: TECH_ID, displayName: 'Ada Admin' }]), team(NETWORK, 'Network', [{ id: OTHER_TECH_ID, displayName: 'Nils Net' }])];

const sla = (patch: Partial<TicketSla> = {}): TicketSla => ({
  policy: { id: POLICY, name: 'Office hours' },
  firstResponse: { dueAt: '2000-01-01T09:00:00.000Z', state: 'running', reachedAt: null },
  resolution: { dueAt: '2099-01-01T16:00:00.000Z', state: 'running', reachedAt: null },
  nextDueAt: '2000-01-01T09:00:00.000Z',
  ...patch,
});

const reply = (patch: Partial<CannedReply> = {}): CannedReply => ({
  id: '80000000-0000-4000-8000-000000000001',
  teamId: null,
  title: 'Restart',
  bodies: { en: 'Hello {{requester}}, please restart {{device}} ({{ticket}}). {{technician}}', 'zh-CN': '{{requester}}，您好：请重新启动 {{device}}（{{ticket}}）。{{technician}}' },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...patch,
});

describe('service-level display logic', () => {
  const now = Date.parse('2026-11-02T08:30:00Z');
  it('colours a running target overdue, due soon or running', () => {
    expect(targetTone({ dueAt: '2026-11-02T08:00:00.000Z', state: 'running', reachedAt: null }, now)).toBe('overdue');
    expect(targetTone({ dueAt: '2026-11-02T09:00:00.000Z', state: 'running', reachedAt: null }, now)).toBe('soon');
    expect(targetTone({ dueAt: '2026-11-02T12:00:00.000Z', state: 'running', reachedAt: null }, now)).toBe('running');
    expect(targetTone({ dueAt: '2026-11-02T08:00:00.000Z', state: 'met', reachedAt: '2026-11-02T07:00:00.000Z' }, now)).toBe('met');
  }, UI_TEST_MS);
  it('sums a ticket up by its next due time, or how its clocks ended', () => {
    expect(nextTone(sla({ nextDueAt: '2026-11-02T08:45:00.000Z' }), now)).toEqual({ tone: 'soon', dueAt: '2026-11-02T08:45:00.000Z' });
    expect(nextTone(sla({ nextDueAt: null, firstResponse: { dueAt: '2026-11-02T08:00:00.000Z', state: 'breached', reachedAt: null } }), now).tone).toBe('breached');
    expect(nextTone(sla({ nextDueAt: null, firstResponse: { dueAt: 'x', state: 'met', reachedAt: null }, resolution: { dueAt: 'x', state: 'met', reachedAt: null } }), now).tone).toBe('met');
    expect(nextTone(sla({ nextDueAt: null, firstResponse: { dueAt: 'x', state: 'met', reachedAt: null }, resolution: { dueAt: 'x', state: 'paused', reachedAt: null } }), now).tone).toBe('paused');
  }, UI_TEST_MS);
  it('reads business hours as typed, and says which day is wrong', () => {
    expect(parseSpans('8:30-12:00, 13:30 – 17:30')).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(parseSpans('')).toEqual([]);
    expect(parseSpans('nine to five')).toBeNull();
    const draft = { ...newDraft('Europe/Paris'), name: ' Office ', holidays: '2026-12-25\n2026-12-26, 2027-01-01' };
    const ok = toPolicyBody(draft);
    expect('body' in ok && ok.body).toMatchObject({ name: 'Office', timeZone: 'Europe/Paris', holidays: ['2026-12-25', '2026-12-26', '2027-01-01'] });
    expect('body' in ok && ok.body.week[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(toPolicyBody({ ...draft, days: ['', '9-5', '', '', '', '', ''] })).toEqual({ badDay: 1 });
  }, UI_TEST_MS);
  it('fills canned replies in the requester’s language, falling back to the other', () => {
    expect(requesterLanguage('zh-CN')).toBe('zh-CN');
    expect(requesterLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(requesterLanguage('fr-FR')).toBe('en');
    expect(requesterLanguage(null)).toBe('en');
    const detail = ticketDetail();
    expect(cannedReplyText(reply(), detail, 'Ada')).toBe('Grace，您好：请重新启动 LAPTOP-ADA（#1）。Ada');
    expect(cannedReplyText(reply({ bodies: { en: 'Hi {{requester}} {{unknown}}', 'zh-CN': '' } }), detail, 'Ada')).toBe('Hi Grace {{unknown}}');
  }, UI_TEST_MS);
});

describe('queue: teams and due times', () => {
  it('filters on a team and on due times through the URL, and shows overdue tickets', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/technicians', { body: { items: [me().technician] } })
      .on('GET', '/teams', { body: { items: teams } })
      .on('GET', '/tickets', { body: ticketPage([ticketSummary(1, { sla: sla(), team: { id: DESK, name: 'Service desk' } }), ticketSummary(2, { subject: 'No clock' })]) });
    renderConsole(api, '/queue?team=mine');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Tickets' });
    expect(api.last('GET', '/tickets')?.query.get('team')).toBe('mine');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.querySelector('[data-sla]')?.getAttribute('data-sla')).toBe('overdue');
    expect(within(rows[1]!).getByText(/ago/)).toBeTruthy();
    expect(rows[2]?.querySelector('[data-sla]')).toBeNull();
    expect(within(rows[1]!).getByText('Service desk')).toBeTruthy();

    await waitFor(() => expect(within(screen.getByLabelText('Team')).getByRole('option', { name: 'Network' })).toBeTruthy());
    await user.selectOptions(screen.getByLabelText('Team'), NETWORK);
    await user.selectOptions(screen.getByLabelText('Due'), 'overdue');
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('due')).toBe('overdue'));
    expect(api.last('GET', '/tickets')?.query.get('team')).toBe(NETWORK);
    // One-click views: mine, then overdue (most urgent first), and off again.
    await user.selectOptions(screen.getByLabelText('Due'), '');
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('due')).toBeNull());
    const views = screen.getByRole('group', { name: 'Views' });
    await user.click(within(views).getByRole('button', { name: 'Mine' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('assignee')).toBe('me'));
    await user.click(within(views).getByRole('button', { name: 'Mine' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('assignee')).toBeNull());
    await user.click(within(views).getByRole('button', { name: 'Overdue' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('sort')).toBe('due'));
    expect(api.last('GET', '/tickets')?.query.get('order')).toBe('asc');
    await user.click(within(views).getByRole('button', { name: 'Overdue' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('due')).toBeNull());
    // The view left the queue sorted by due time, most urgent first; the column header turns it round.
    await user.click(within(await screen.findByRole('table', { name: 'Tickets' })).getByRole('button', { name: /Due/ }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('order')).toBe('desc'));
    expect(api.last('GET', '/tickets')?.query.get('sort')).toBe('due');
  }, UI_TEST_MS);
});

describe('ticket page: team, service level, transfer, canned replies', () => {
  function api(detail = ticketDetail({ ticket: ticketSummary(1, { team: { id: DESK, name: 'Service desk' }, sla: sla({ firstResponse: { dueAt: '2026-11-02T09:00:00.000Z', state: 'met', reachedAt: '2026-11-02T08:30:00.000Z' } }) }) })) {
    return new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/technicians', { body: { items: [me().technician] } })
      .on('GET', '/teams', { body: { items: teams } })
      .on('GET', '/canned-replies', { body: { items: [reply()] } })
      .on('GET', /^\/tickets\/[0-9a-f-]+$/, { body: detail })
      .on('POST', /\/transfer$/, { body: detail });
  }

  it('shows the team and both due times with their state', async () => {
    renderConsole(api(), `/tickets/${TICKET_ID}`);
    const panel = (await screen.findByRole('heading', { name: 'Team and service level' })).closest('section')!;
    expect(within(panel).getByText('Service desk')).toBeTruthy();
    expect(within(panel).getByText('Office hours')).toBeTruthy();
    expect(within(panel).getByText('Met')).toBeTruthy();
    expect(within(panel).getByText('Running')).toBeTruthy();
    expect(panel.querySelector('time[datetime="2026-11-02T09:00:00.000Z"]')).not.toBeNull();
  }, UI_TEST_MS);

  it('transfers only with a note, to another team and optionally one of its members', async () => {
    const fake = api();
    renderConsole(fake, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Transfer' });
    await waitFor(() => expect(within(form).getByRole('option', { name: 'Network' })).toBeTruthy());
    // The ticket's own team is not offered.
    expect(within(form).queryByRole('option', { name: 'Service desk' })).toBeNull();
    await user.selectOptions(within(form).getByLabelText('Transfer to team'), NETWORK);
    const send = within(form).getByRole('button', { name: 'Transfer' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(within(form).getByLabelText('Assign to'), OTHER_TECH_ID);
    await user.type(within(form).getByLabelText('Why (internal note, required)'), 'Switch port is down');
    await user.click(send);
    await waitFor(() => expect(fake.last('POST', /\/transfer$/)).toBeDefined());
    expect(fake.last('POST', /\/transfer$/)?.body).toEqual({ teamId: NETWORK, note: 'Switch port is down', assigneeId: OTHER_TECH_ID });
  }, UI_TEST_MS);

  it('inserts a canned reply with its placeholders filled, in the requester’s language', async () => {
    renderConsole(api(), `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    const picker = await screen.findByLabelText('Insert a canned reply');
    await user.selectOptions(picker, 'Restart');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Reply to the user').value).toBe('Grace，您好：请重新启动 LAPTOP-ADA（#1）。Ada Admin');
  }, UI_TEST_MS);

  it('offers only members of the ticket’s team as assignees', async () => {
    const detail = ticketDetail({ ticket: ticketSummary(1, { team: { id: NETWORK, name: 'Network' } }) });
    const fake = api(detail).on('GET', '/technicians', {
      body: { items: [me().technician, { ...me().technician, id: OTHER_TECH_ID, username: 'nils', displayName: 'Nils Net', role: 'technician' }] },
    });
    renderConsole(fake, `/tickets/${TICKET_ID}`);
    const assignee = await screen.findByLabelText('Assignee');
    await waitFor(() => expect(within(assignee).queryByRole('option', { name: /Ada Admin/ })).toBeNull());
    expect(within(assignee).getByRole('option', { name: 'Nils Net' })).toBeTruthy();
    // Not in Network: no "assign to me".
    expect(screen.queryByRole('button', { name: 'Assign to me' })).toBeNull();
  }, UI_TEST_MS);

  it('is in Simplified Chinese too', async () => {
    renderConsole(api(), `/tickets/${TICKET_ID}`, 'zh-CN');
    expect(await screen.findByRole('heading', { name: '团队与服务级别' })).toBeTruthy();
    expect(await screen.findByText('已达成')).toBeTruthy();
  }, UI_TEST_MS);
});

describe('notifications', () => {
  it('shows the unread count, lists breaches and marks them read', async () => {
    const list = {
      items: [
        {
          id: '90000000-0000-4000-8000-000000000001',
          kind: 'sla-breach',
          ticket: { id: TICKET_ID, number: 7, subject: 'Printer' },
          target: 'first-response',
          dueAt: '2026-11-02T09:00:00.000Z',
          createdAt: '2026-11-02T09:00:30.000Z',
          readAt: null,
        },
      ],
      unread: 1,
    };
    const fake = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/tickets', { body: ticketPage([]) })
      .on('GET', '/notifications', { body: list })
      .on('POST', '/notifications/read', { body: { marked: 1 } });
    renderConsole(fake, '/queue');
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: /Notifications.*1 unread notification/ });
    await user.click(button);
    expect(screen.getByRole('link', { name: 'First response missed on #7' }).getAttribute('href')).toBe(`/tickets/${TICKET_ID}`);
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(fake.last('POST', '/notifications/read')?.body).toEqual({}));
  }, UI_TEST_MS);
});

describe('admin: teams, service levels, canned replies', () => {
  function adminApi() {
    const state = { teams: [] as Team[], policies: [] as SlaPolicy[], replies: [] as CannedReply[] };
    const fake = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/technicians', { body: { items: [me().technician] } })
      .on('GET', '/teams', () => ({ body: { items: state.teams } }))
      .on('GET', '/sla-policies', () => ({ body: { items: state.policies } }))
      .on('GET', '/routing', { body: { defaultTeamId: null, rules: [] } })
      .on('GET', '/canned-replies', () => ({ body: { items: state.replies } }))
      .on('POST', '/teams', (req) => {
        const created = team(`60000000-0000-4000-8000-00000000001${state.teams.length}`, (req.body as { name: string }).name);
        state.teams = [...state.teams, created];
        return { status: 201, body: created };
      })
      .on('PUT', '/routing', (req) => ({ body: req.body }))
      .on('POST', '/sla-policies', (req) => {
        const body = req.body as Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt'>;
        const created: SlaPolicy = { ...body, id: POLICY, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
        state.policies = [created];
        return { status: 201, body: created };
      })
      .on('POST', '/canned-replies', (req) => {
        const created = reply({ title: (req.body as { title: string }).title });
        state.replies = [created];
        return { status: 201, body: created };
      });
    return { fake, state };
  }

  it('creates the usual four teams in one click, in the admin’s language', async () => {
    const { fake } = adminApi();
    renderConsole(fake, '/admin?tab=teams', 'zh-CN');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '添加常用团队：服务台, 网络, 硬件, 应用' }));
    await waitFor(() => expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/teams')).toHaveLength(4));
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/teams').map((r) => (r.body as { name: string }).name)).toEqual(['服务台', '网络', '硬件', '应用']);
    // Once they exist the button is gone, and routing can be set.
    await waitFor(() => expect(screen.queryByRole('button', { name: /添加常用团队/ })).toBeNull());
    await user.selectOptions(screen.getByLabelText('默认团队'), '60000000-0000-4000-8000-000000000010');
    await user.click(screen.getByRole('button', { name: '保存分派规则' }));
    await waitFor(() => expect(fake.last('PUT', '/routing')?.body).toEqual({ defaultTeamId: '60000000-0000-4000-8000-000000000010', rules: [] }));
  }, UI_TEST_MS);

  it('writes a service-level policy, refusing hours it cannot read', async () => {
    const { fake } = adminApi();
    renderConsole(fake, '/admin?tab=serviceLevels');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add policy' }));
    await user.type(screen.getByLabelText('Policy name'), 'Office hours');
    const zone = screen.getByLabelText<HTMLInputElement>('Time zone (IANA, e.g. Europe/Paris)');
    await user.clear(zone);
    await user.type(zone, 'Europe/Paris');
    const saturday = screen.getByLabelText('Saturday');
    await user.type(saturday, 'mornings');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('Saturday: write hours like 09:00-17:00, separated by commas.')).toBeTruthy();
    await user.clear(saturday);
    await user.type(saturday, '09:00-12:00');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(fake.last('POST', '/sla-policies')).toBeDefined());
    expect(fake.last('POST', '/sla-policies')?.body).toMatchObject({
      name: 'Office hours',
      timeZone: 'Europe/Paris',
      week: [[], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '12:00' }]],
      targets: { high: { firstResponseMinutes: 60, resolutionMinutes: 480 } },
    });
    expect(await screen.findByText('Office hours')).toBeTruthy();
  }, UI_TEST_MS);

  it('writes a canned reply in both languages', async () => {
    const { fake } = adminApi();
    renderConsole(fake, '/admin?tab=cannedReplies');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add canned reply' }));
    await user.type(screen.getByLabelText('Title'), 'Restart');
    await user.type(screen.getByLabelText('English'), 'Please restart.');
    await user.type(screen.getByLabelText('Simplified Chinese'), '请重新启动。');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.last('POST', '/canned-replies')?.body).toEqual({ teamId: null, title: 'Restart', bodies: { en: 'Please restart.', 'zh-CN': '请重新启动。' } }));
  }, UI_TEST_MS);
});
