import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { QUEUE_POLL_MS } from '../../console/src/pages/queue-page.js';
import { FakeApi } from './fake-api.js';
import { DEVICE_ID, devicePage, deviceSummary, me, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function queueApi(items = [ticketSummary(1), ticketSummary(2, { priority: 'critical', status: 'open', subject: 'Laptop will not boot' })]) {
  const state = { items };
  const api = new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', '/tickets', () => ({ body: ticketPage(state.items) }));
  return { api, state };
}

describe('queue', () => {
  it('lists active tickets with counts per status, age and links', async () => {
    const { api } = queueApi();
    renderConsole(api, '/queue');
    const table = await screen.findByRole('table', { name: 'Tickets' });
    expect(within(table).getByRole('link', { name: 'Laptop will not boot' }).getAttribute('href')).toMatch(/^\/tickets\//);
    expect(api.last('GET', '/tickets')?.query.get('status')).toBe('new,open,waiting-on-user');
    expect(api.last('GET', '/tickets')?.query.get('sort')).toBe('priority');
    const counts = screen.getByRole('group', { name: 'Tickets per status' });
    expect(within(counts).getByRole('button', { name: /Closed\s*7/ })).toBeTruthy();
    expect(within(table).getAllByRole('row')[1]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T08:00:00.000Z');
  });

  it('sends every filter to the server and keeps them in the URL', async () => {
    const { api } = queueApi();
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Tickets' });
    await user.selectOptions(screen.getByLabelText('Priority'), 'high+');
    await user.selectOptions(screen.getByLabelText('Assignee'), 'me');
    await user.selectOptions(screen.getByLabelText('Category'), 'printing');
    await user.selectOptions(screen.getByLabelText('Status'), 'open');
    await user.type(screen.getByLabelText('Search'), 'printer');
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('q')).toBe('printer'));
    const q = api.last('GET', '/tickets')!.query;
    expect(q.get('priority')).toBe('high,critical');
    expect(q.get('assignee')).toBe('me');
    expect(q.get('category')).toBe('printing');
    expect(q.get('status')).toBe('open');
  });

  it('opens on the days a dashboard link names, as UTC instants, and drops them on request', async () => {
    const { api } = queueApi();
    renderConsole(api, '/queue?status=all&openedFrom=2026-11-27&openedTo=2026-11-28');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Tickets' });
    const q = api.last('GET', '/tickets')!.query;
    expect(q.get('openedFrom')).toBe('2026-11-27T00:00:00.000Z');
    expect(q.get('openedTo')).toBe('2026-11-29T00:00:00.000Z');
    expect(q.get('status')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Stop filtering on Opened (UTC) Nov 27, 2026 – Nov 28, 2026' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('openedFrom')).toBeNull());
    expect(api.last('GET', '/tickets')?.query.get('openedTo')).toBeNull();
  });

  it('filters on a device picked by name, found by a server-side search', async () => {
    const { api } = queueApi();
    api.on('GET', '/devices', (req) => ({ body: devicePage(req.query.get('q') === 'LAPTOP' || req.query.get('q') === 'LAPTOP-ADA' ? [deviceSummary(1)] : []) }));
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Tickets' });
    await user.type(screen.getByLabelText('Device'), 'LAPTOP');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('q')).toBe('LAPTOP'));
    await waitFor(() => expect(document.querySelector('datalist option')?.getAttribute('value')).toBe('LAPTOP-ADA'));
    await user.type(screen.getByLabelText('Device'), '-ADA');
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('deviceId')).toBe(DEVICE_ID));
    await user.click(screen.getByRole('button', { name: 'Stop filtering on device LAPTOP-ADA' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('deviceId')).toBeNull());
  });

  it('sorts by age with the oldest first, and by priority', async () => {
    const { api } = queueApi();
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Tickets' });
    await user.click(screen.getByRole('button', { name: 'Age' }));
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('sort')).toBe('created'));
    expect(api.last('GET', '/tickets')?.query.get('order')).toBe('asc');
    expect(screen.getByRole('columnheader', { name: /Age/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('shows new tickets without a reload (polling) and marks them', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api, state } = queueApi([ticketSummary(1)]);
    renderConsole(api, '/queue');
    await screen.findByText('Printer jams on floor 1');
    state.items = [ticketSummary(3, { subject: 'Outlook keeps asking for a password' }), ...state.items];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(QUEUE_POLL_MS);
    });
    const row = (await screen.findByText('Outlook keeps asking for a password')).closest('tr')!;
    expect(within(row).getByText('new')).toBeTruthy();
    expect(screen.getByText('1 new ticket arrived')).toBeTruthy();
  });

  it('does not mark tickets as new when the filters change, only when they arrive', async () => {
    const resolved = ticketSummary(9, { status: 'resolved', subject: 'Old resolved ticket' });
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/tickets', (req) => ({ body: ticketPage(req.query.get('status') === null ? [ticketSummary(1), resolved] : [ticketSummary(1)]) }));
    renderConsole(api, '/queue');
    await screen.findByText('Printer jams on floor 1');
    await userEvent.setup().selectOptions(screen.getByLabelText('Status'), 'all');
    const row = (await screen.findByText('Old resolved ticket')).closest('tr')!;
    expect(within(row).queryByText('new')).toBeNull();
    expect(screen.queryByText(/new tickets? arrived/)).toBeNull();
  });

  it('moves through the queue with the keyboard and opens a ticket with Enter', async () => {
    const { api } = queueApi();
    api.on('GET', /^\/tickets\/[0-9a-f-]+$/, { status: 404, body: { error: { code: 'not_found', message: 'x' } } });
    renderConsole(api, '/queue');
    await screen.findByRole('table', { name: 'Tickets' });
    const rows = () => screen.getAllByRole('row').slice(1);
    expect(rows()[0]?.getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(window, { key: 'j' });
    expect(rows()[1]?.getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(window, { key: '/' });
    expect(document.activeElement).toBe(screen.getByLabelText('Search'));
    // Typing in the search box must not move the selection.
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    expect(rows()[1]?.getAttribute('aria-current')).toBe('true');
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(window, { key: 'Enter' });
    await waitFor(() => expect(api.last('GET', /^\/tickets\/20000000-0000-4000-8000-000000000002$/)).toBeDefined());
  });

  it('has loading, empty and error states', async () => {
    const api = new FakeApi().on('GET', '/me', { body: me() }).on('GET', '/tickets', { body: ticketPage([]) });
    renderConsole(api, '/queue');
    expect(screen.getByRole('status')).toBeTruthy();
    // The default view of an empty installation explains where tickets come from (no filter was set).
    expect(await screen.findByText(/No tickets yet/)).toBeTruthy();
    cleanup();
    const failing = new FakeApi().on('GET', '/me', { body: me() }).on('GET', '/tickets', { status: 500, body: { error: { code: 'internal', message: 'boom' } } });
    renderConsole(failing, '/queue');
    expect(await screen.findByText('The server had a problem handling this. Try again shortly.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
