import type { BacklogReport, SatisfactionReport, SatisfactionRow, ServiceReport, ServiceRow, Team, VolumeReport } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { queueCsvUrl, reportCsvUrl } from '../../console/src/api/reports-client.js';
import { toApiQuery, filtersFromParams, toExportQuery } from '../../console/src/pages/queue-filters.js';
import { paramsFromReportFilters, periodQueueLink, reportFiltersFromParams, reportQuery } from '../../console/src/pages/report-filters.js';
import { FakeApi } from './fake-api.js';
import { TECH_ID, me, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const UI_TEST_MS = 20_000;
const NETWORK = '60000000-0000-4000-8000-000000000002';
const MIN = 60_000;
const team: Team = { id: NETWORK, name: 'Network', description: null, slaPolicyId: null, members: [], createdAt: '2026-11-01T00:00:00.000Z' };

const row = (patch: Partial<ServiceRow> = {}): ServiceRow => ({
  id: null,
  name: null,
  tickets: 8,
  firstResponse: { count: 7, medianMs: 20 * MIN, p90Ms: 44 * MIN },
  resolution: { count: 3, medianMs: 120 * MIN, p90Ms: 216 * MIN },
  firstResponseSla: { met: 6, breached: 1, compliance: 6 / 7 },
  resolutionSla: { met: 0, breached: 0, compliance: null },
  ...patch,
});
const service: ServiceReport = {
  from: '2026-10-01T00:00:00.000Z',
  to: '2026-11-01T00:00:00.000Z',
  teamId: null,
  overall: row(),
  byTeam: [row({ id: NETWORK, name: 'Network', tickets: 5 }), row({ tickets: 3 })],
  byTechnician: [row({ id: TECH_ID, name: 'Ada Admin', tickets: 5 })],
};
const backlog: BacklogReport = {
  at: '2026-11-01T09:00:00.000Z',
  teamId: null,
  total: 6,
  buckets: [
    { key: 'under1d', count: 1 },
    { key: '1to3d', count: 1 },
    { key: '3to7d', count: 1 },
    { key: '7to30d', count: 2 },
    { key: 'over30d', count: 1 },
  ],
};
const volume: VolumeReport = {
  from: service.from,
  to: service.to,
  teamId: null,
  total: 8,
  byCategory: [
    { key: 'printing', count: 6 },
    { key: 'network', count: 2 },
  ],
  byModel: [
    { key: 'Latitude 7440', count: 5 },
    { key: null, count: 3 },
  ],
  byOs: [{ key: 'Windows 11 Pro', count: 8 }],
  byChannel: [
    { key: 'tray', count: 5 },
    { key: 'phone', count: 3 },
  ],
};
const satisfactionRow = (patch: Partial<SatisfactionRow> = {}): SatisfactionRow => ({
  id: null,
  name: null,
  tickets: 8,
  rated: 4,
  averageRating: 3.75,
  stars: [0, 1, 0, 2, 1],
  confirmed: 3,
  autoClosed: 1,
  reopened: 2,
  ...patch,
});
const satisfaction: SatisfactionReport = {
  from: service.from,
  to: service.to,
  teamId: null,
  overall: satisfactionRow(),
  byTeam: [satisfactionRow({ id: NETWORK, name: 'Network' })],
  byTechnician: [satisfactionRow({ rated: 0, averageRating: null, stars: [0, 0, 0, 0, 0] })],
  comments: [{ ticketId: '70000000-0000-4000-8000-000000000001', number: 12, rating: 2, comment: 'Took three calls', ratedAt: '2026-10-20T10:00:00.000Z' }],
};

const api = () =>
  new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/teams', { body: { items: [team] } })
    .on('GET', '/reports/service-levels', { body: service })
    .on('GET', '/reports/backlog', { body: backlog })
    .on('GET', '/reports/volume', { body: volume })
    .on('GET', '/reports/satisfaction', { body: satisfaction });

describe('report filters', () => {
  const now = Date.parse('2026-11-15T10:00:00Z');
  it('default to the last 30 days and turn inclusive days into a half-open period', () => {
    const f = reportFiltersFromParams(new URLSearchParams(), now);
    expect(f).toEqual({ from: '2026-10-17', to: '2026-11-15', teamId: '' });
    expect(reportQuery(f)).toEqual({ from: '2026-10-17T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' });
    const chosen = reportFiltersFromParams(new URLSearchParams('from=2026-10-01&to=2026-10-31&team=' + NETWORK), now);
    expect(reportQuery(chosen)).toEqual({ from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', teamId: NETWORK });
    expect(paramsFromReportFilters(chosen).toString()).toBe(`from=2026-10-01&to=2026-10-31&team=${NETWORK}`);
    // A start after the end, or a date that does not exist, falls back to the default.
    expect(reportFiltersFromParams(new URLSearchParams('from=2026-12-01&to=2026-02-30'), now)).toEqual({ from: '2026-10-17', to: '2026-11-15', teamId: '' });
    expect(periodQueueLink(chosen, { category: 'printing' })).toBe(`/queue?status=all&openedFrom=2026-10-01&openedTo=2026-10-31&category=printing&team=${NETWORK}`);
  });

  it('build CSV addresses with the same filters as the page and the queue', () => {
    expect(reportCsvUrl('volume', { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })).toBe(
      '/api/v1/console/reports/volume.csv?from=2026-10-01T00%3A00%3A00.000Z&to=2026-11-01T00%3A00%3A00.000Z',
    );
    const q = toExportQuery(toApiQuery(filtersFromParams(new URLSearchParams('team=mine&status=open&page=3'))));
    expect(q).not.toHaveProperty('page');
    expect(q).not.toHaveProperty('pageSize');
    expect(queueCsvUrl(q)).toMatch(/^\/api\/v1\/console\/tickets\.csv\?.*status=open.*team=mine/);
  });
});

describe('reports page', () => {
  it('shows times, compliance, backlog and volume, with a CSV link per report', async () => {
    const fake = api();
    renderConsole(fake, '/reports?from=2026-10-01&to=2026-10-31');
    const overall = await screen.findByRole('table', { name: 'All tickets' });
    const cells = within(overall).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['8', '20m', '44m', '2h 0m', '3h 36m', '85.7%', '—']);
    expect(fake.last('GET', '/reports/service-levels')?.query.get('from')).toBe('2026-10-01T00:00:00.000Z');
    expect(fake.last('GET', '/reports/service-levels')?.query.get('to')).toBe('2026-11-01T00:00:00.000Z');
    const perTeam = screen.getByRole('table', { name: 'Team' });
    expect(within(perTeam).getByRole('rowheader', { name: 'Network' })).toBeTruthy();
    expect(within(perTeam).getByRole('rowheader', { name: 'No team' })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Technician' })).getByRole('rowheader', { name: 'Ada Admin' })).toBeTruthy();

    const age = await screen.findByRole('table', { name: 'Backlog by age' });
    expect(within(age).getAllByRole('row').map((r) => r.textContent)).toEqual(['Under a day1', '1 to 3 days1', '3 to 7 days1', '7 to 30 days2', 'Over 30 days1']);
    const categories = await screen.findByRole('table', { name: 'Per category' });
    expect(within(categories).getByRole('link', { name: 'Printing' }).getAttribute('href')).toBe('/queue?status=all&openedFrom=2026-10-01&openedTo=2026-10-31&category=printing');
    expect(within(screen.getByRole('table', { name: 'Per device model' })).getByRole('rowheader', { name: 'Not known' })).toBeTruthy();

    const channels = await screen.findByRole('table', { name: 'Per channel' });
    expect(within(channels).getAllByRole('row').map((r) => r.textContent)).toEqual(['Tray5', 'Phone3']);

    const rated = await screen.findByRole('table', { name: 'Satisfaction, all tickets' });
    expect(within(rated).getAllByRole('cell').map((c) => c.textContent)).toEqual(['8', '4', '3.75', '1★ 0 · 2★ 1 · 3★ 0 · 4★ 2 · 5★ 1', '3', '1', '2']);
    expect(within(screen.getByRole('table', { name: 'Satisfaction per technician' })).getAllByRole('cell')[2]?.textContent).toBe('—');
    expect(screen.getByRole('link', { name: '#12' }).getAttribute('href')).toBe('/tickets/70000000-0000-4000-8000-000000000001');
    expect(screen.getByText('Took three calls')).toBeTruthy();

    const links = screen.getAllByRole('link', { name: 'Download CSV' }).map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/api/v1/console/reports/service-levels.csv?from=2026-10-01T00%3A00%3A00.000Z&to=2026-11-01T00%3A00%3A00.000Z',
      '/api/v1/console/reports/backlog.csv',
      '/api/v1/console/reports/volume.csv?from=2026-10-01T00%3A00%3A00.000Z&to=2026-11-01T00%3A00%3A00.000Z',
      '/api/v1/console/reports/satisfaction.csv?from=2026-10-01T00%3A00%3A00.000Z&to=2026-11-01T00%3A00%3A00.000Z',
    ]);
  }, UI_TEST_MS);

  it('filters by team through the URL and reaches the page from the navigation', async () => {
    const fake = api();
    renderConsole(fake, '/queue');
    const user = userEvent.setup();
    fake.on('GET', '/tickets', { body: ticketPage([ticketSummary(1)]) });
    await user.click(await screen.findByRole('link', { name: 'Reports' }));
    await screen.findByRole('heading', { name: 'Reports', level: 1 });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Network' })).toBeTruthy());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), NETWORK);
    await waitFor(() => expect(fake.last('GET', '/reports/volume')?.query.get('teamId')).toBe(NETWORK));
    expect(fake.last('GET', '/reports/backlog')?.query.get('teamId')).toBe(NETWORK);
    expect(screen.getAllByRole('link', { name: 'Download CSV' })[1]?.getAttribute('href')).toBe(`/api/v1/console/reports/backlog.csv?teamId=${NETWORK}`);
  }, UI_TEST_MS);

  it('speaks Chinese', async () => {
    renderConsole(api(), '/reports?from=2026-10-01&to=2026-10-31', 'zh-CN');
    expect(await screen.findByRole('heading', { name: '报表', level: 1 })).toBeTruthy();
    expect(await screen.findByRole('table', { name: '积压工单（按时长）' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: '下载 CSV' })).toHaveLength(4);
    expect(await screen.findByRole('table', { name: '满意度（全部工单）' })).toBeTruthy();
  }, UI_TEST_MS);
});

describe('queue export', () => {
  it('offers the queue as CSV with its current filters', async () => {
    const fake = api().on('GET', '/tickets', { body: ticketPage([ticketSummary(1)]) }).on('GET', '/technicians', { body: { items: [me().technician] } });
    renderConsole(fake, '/queue?status=open&team=mine');
    const link = await screen.findByRole('link', { name: 'Export CSV' });
    const href = new URL(link.getAttribute('href') ?? '', 'http://x');
    expect(href.pathname).toBe('/api/v1/console/tickets.csv');
    expect(href.searchParams.get('status')).toBe('open');
    expect(href.searchParams.get('team')).toBe('mine');
    expect(href.searchParams.has('page')).toBe(false);
  }, UI_TEST_MS);
});
