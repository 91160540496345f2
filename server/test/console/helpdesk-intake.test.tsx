import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { DEVICE_ID, TICKET_ID, devicePage, deviceSummary, diagnostics, me, ticketDetail, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(() => {
  cleanup();
});

const REQUEST_ID = '30000000-0000-4000-8000-000000000001';
const NOTE_ID = '40000000-0000-4000-8000-000000000001';

function baseApi() {
  return new FakeApi()
    .on('GET', '/me', { body: me('technician') })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', '/notifications', { body: { items: [], unread: 0 } });
}

describe('new ticket for a phone call', () => {
  it('finds the requester\'s device, prefills its signed-in user, records the channel and asks for diagnostics', { timeout: 20_000 }, async () => {
    const api = baseApi()
      .on('GET', '/devices', (req) => ({ body: devicePage(req.query.get('q')?.startsWith('10.0') ? [deviceSummary(1, { loggedInUser: 'CORP\\bchen', ip: '10.0.4.17' })] : []) }))
      .on('POST', '/tickets', { status: 201, body: { id: TICKET_ID, number: 42 } })
      .on('GET', `/tickets/${TICKET_ID}`, { body: ticketDetail() })
      .on('GET', `/tickets/${TICKET_ID}/diagnostics-requests`, { body: { items: [] } });
    renderConsole(api, '/tickets/new');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New ticket' });
    // Searched on the server by IP (host name, user and serial work the same way).
    await user.type(within(form).getByLabelText("Requester's device"), '10.0.4');
    await waitFor(() => expect(document.querySelector('datalist option')?.getAttribute('value')).toBe('LAPTOP-ADA'));
    await user.clear(within(form).getByLabelText("Requester's device"));
    await user.type(within(form).getByLabelText("Requester's device"), 'LAPTOP-ADA');
    await screen.findByText('Device: LAPTOP-ADA');
    expect((within(form).getByLabelText('Account on that device') as HTMLInputElement).value).toBe('CORP\\bchen');
    await user.selectOptions(within(form).getByLabelText('Channel'), 'walk-up');
    await user.type(within(form).getByLabelText('Phone'), '+33 1 23 45 67 89');
    await user.type(within(form).getByLabelText('Subject'), 'Cannot print');
    await user.type(within(form).getByLabelText('What happens, since when, what triggered it'), 'Since the printer moved');
    await user.selectOptions(within(form).getByLabelText('Category'), 'printing');
    await user.selectOptions(within(form).getByLabelText('Urgency'), 'high');
    await user.click(within(form).getByRole('button', { name: 'Create ticket' }));
    await waitFor(() => expect(api.last('POST', '/tickets')).toBeDefined());
    expect(api.last('POST', '/tickets')?.body).toEqual({
      channel: 'walk-up',
      deviceId: DEVICE_ID,
      subject: 'Cannot print',
      description: 'Since the printer moved',
      category: 'printing',
      urgency: 'high',
      impact: 'me',
      contact: { name: 'bchen', email: null, phone: '+33 1 23 45 67 89' },
      requesterAccount: { id: null, name: 'CORP\\bchen' },
      requestDiagnostics: true,
      assigneeId: 'me',
    });
    // Then the new ticket opens.
    await screen.findByRole('heading', { name: 'Fresh diagnostics' });
  });

  it('says what the server refused and keeps the form', { timeout: 20_000 }, async () => {
    const api = baseApi()
      .on('GET', '/devices', { body: devicePage([deviceSummary(1)]) })
      .on('POST', '/tickets', { status: 400, body: { error: { code: 'validation_failed', message: 'the device is pending approval' } } });
    renderConsole(api, '/tickets/new');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New ticket' });
    await user.type(within(form).getByLabelText('Subject'), 'x');
    await user.click(within(form).getByRole('button', { name: 'Create ticket' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Find the device first');
    expect(api.last('POST', '/tickets')).toBeUndefined();
    await user.type(within(form).getByLabelText("Requester's device"), 'LAPTOP');
    await waitFor(() => expect(document.querySelector('datalist option')?.getAttribute('value')).toBe('LAPTOP-ADA'));
    await user.type(within(form).getByLabelText("Requester's device"), '-ADA');
    await screen.findByText('Device: LAPTOP-ADA');
    await user.click(within(form).getByRole('button', { name: 'Create ticket' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('the device is pending approval');
  });

  it('is in Simplified Chinese too', async () => {
    renderConsole(baseApi(), '/tickets/new', 'zh-CN');
    expect(await screen.findByRole('form', { name: '新建工单' })).toBeTruthy();
    expect(screen.getByLabelText('渠道')).toBeTruthy();
  });
});

describe('fresh diagnostics, requester replies and notifications', () => {
  it('shows fresh diagnostics as they arrive and asks for more', async () => {
    const state = { items: [{ id: REQUEST_ID, requestedAt: '2026-11-28T08:00:00.000Z', requestedBy: 'Sam', fulfilledAt: '2026-11-28T08:05:00.000Z', diagnostics: diagnostics() }] };
    const api = baseApi()
      .on('GET', `/tickets/${TICKET_ID}`, { body: ticketDetail() })
      .on('GET', `/tickets/${TICKET_ID}/diagnostics-requests`, () => ({ body: state }))
      .on('POST', `/tickets/${TICKET_ID}/diagnostics-requests`, () => {
        state.items = [{ id: '30000000-0000-4000-8000-000000000002', requestedAt: '2026-11-28T09:00:00.000Z', requestedBy: 'Tina', fulfilledAt: null, diagnostics: null }, ...state.items] as typeof state.items;
        return { body: state };
      });
    renderConsole(api, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    const panel = (await screen.findByRole('heading', { name: 'Fresh diagnostics' })).closest('section')!;
    await within(panel).findByText(/Asked by Sam; arrived/);
    await user.click(within(panel).getByRole('button', { name: 'Ask the device for fresh diagnostics' }));
    await within(panel).findByText(/Asked by Tina; waiting for the device to check in/);
    // One pending request at a time.
    expect((within(panel).getByRole('button', { name: 'Ask the device for fresh diagnostics' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks tickets the requester answered and recorded channels in the queue, and the assignee\'s notifications', async () => {
    const api = baseApi()
      .on('GET', '/tickets', { body: ticketPage([ticketSummary(1, { requesterRepliedAt: '2026-11-28T09:00:00.000Z', channel: 'tray' }), ticketSummary(2, { channel: 'phone', subject: 'Phone call' })]) })
      .on('GET', '/notifications', () => ({
        body: { items: [{ id: NOTE_ID, kind: 'requester-reopened', ticket: { id: TICKET_ID, number: 1, subject: 'Printer' }, createdAt: '2026-11-28T09:00:00.000Z', readAt: null }], unread: 1 },
      }))
      .on('POST', '/notifications/read', { body: { marked: 1 } });
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Tickets' });
    expect(within(table).getAllByText('Requester replied')).toHaveLength(1);
    expect(within(table).getByText('Phone')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New ticket' }).getAttribute('href')).toBe('/tickets/new');
    await user.click(await screen.findByRole('button', { name: /1 unread notification/ }));
    await user.click(screen.getByRole('link', { name: 'Reopened by the requester: #1' }));
    await waitFor(() => expect(api.last('POST', '/notifications/read')?.body).toEqual({ ids: [NOTE_ID] }));
  });
});
