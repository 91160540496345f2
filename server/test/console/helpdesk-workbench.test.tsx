import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { TICKET_ID, me, ticketDetail, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(() => {
  cleanup();
});

const VIEW_ID = '50000000-0000-4000-8000-000000000001';
const OTHER_ID = '20000000-0000-4000-8000-000000000009';

function baseApi() {
  return new FakeApi()
    .on('GET', '/me', { body: me('technician') })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', '/notifications', { body: { items: [], unread: 0 } });
}

describe('working the queue faster', () => {
  it('changes the status and assignee of the ticked tickets at once', { timeout: 20_000 }, async () => {
    const api = baseApi()
      .on('GET', '/saved-views', { body: { items: [] } })
      .on('GET', '/tickets', { body: ticketPage([ticketSummary(1), ticketSummary(2, { subject: 'Second' })]) })
      .on('POST', '/tickets/bulk', { body: { updated: 2, missing: [] } });
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Tickets' });
    await user.click(screen.getByLabelText('Select all on this page'));
    const bar = screen.getByRole('group', { name: '2 selected' });
    await user.selectOptions(within(bar).getByLabelText('Set status'), 'waiting-on-user');
    await user.selectOptions(within(bar).getByLabelText('Assign to'), me().technician.id);
    await user.click(within(bar).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.last('POST', '/tickets/bulk')?.body).toMatchObject({ status: 'waiting-on-user', assigneeId: me().technician.id }));
    expect((api.last('POST', '/tickets/bulk')?.body as { ids: string[] }).ids).toHaveLength(2);
    expect(await screen.findByText('2 tickets changed.')).toBeTruthy();
  });

  it('opens, saves and deletes the technician\'s own views of the queue', { timeout: 20_000 }, async () => {
    const state = { items: [{ id: VIEW_ID, name: 'Phone, mine', query: 'channel=phone&assignee=me', createdAt: '2026-11-28T08:00:00.000Z' }] };
    const api = baseApi()
      .on('GET', '/saved-views', () => ({ body: state }))
      .on('POST', '/saved-views', { status: 201, body: { id: '50000000-0000-4000-8000-000000000002', name: 'Urgent', query: '', createdAt: '2026-11-28T08:00:00.000Z' } })
      .on('DELETE', `/saved-views/${VIEW_ID}`, () => {
        state.items = [];
        return { body: { ok: true } };
      })
      .on('GET', '/tickets', { body: ticketPage([ticketSummary(1)]) });
    renderConsole(api, '/queue');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Open a saved view'), VIEW_ID);
    await waitFor(() => expect(api.last('GET', '/tickets')?.query.get('assignee')).toBe('me'));
    await user.type(screen.getByLabelText('Name of this view'), 'Urgent');
    await user.click(screen.getByRole('button', { name: 'Save this view' }));
    await waitFor(() => expect(api.last('POST', '/saved-views')?.body).toMatchObject({ name: 'Urgent', query: expect.stringContaining('assignee=me') }));
    await user.click(screen.getByRole('button', { name: 'Delete view "Phone, mine"' }));
    await waitFor(() => expect(screen.queryByLabelText('Open a saved view')).toBeNull());
  });

  it('merges a duplicate into the ticket its number names, and shows the link', { timeout: 20_000 }, async () => {
    const relations = { parent: null, children: [], mergedInto: null as null | object, merged: [] };
    const api = baseApi()
      .on('GET', `/tickets/${TICKET_ID}`, { body: ticketDetail() })
      .on('GET', `/tickets/${TICKET_ID}/diagnostics-requests`, { body: { items: [] } })
      .on('GET', `/tickets/${TICKET_ID}/relations`, () => ({ body: relations }))
      .on('GET', '/tickets', (req) => ({ body: ticketPage(req.query.get('q') === '#9' ? [ticketSummary(9, { id: OTHER_ID, subject: 'Floor printer' })] : []) }))
      .on('POST', `/tickets/${TICKET_ID}/merge`, () => {
        relations.mergedInto = { id: OTHER_ID, number: 9, subject: 'Floor printer', status: 'open' };
        return { body: relations };
      });
    renderConsole(api, `/tickets/${TICKET_ID}`);
    const user = userEvent.setup();
    const panel = (await screen.findByRole('heading', { name: 'Related tickets' })).closest('section')!;
    await user.type(within(panel).getByLabelText('Merge this ticket into'), '404');
    await user.click(within(panel).getByRole('button', { name: 'Merge' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe('There is no ticket #404.');
    await user.clear(within(panel).getByLabelText('Merge this ticket into'));
    await user.type(within(panel).getByLabelText('Merge this ticket into'), '#9');
    await user.click(within(panel).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(api.last('POST', `/tickets/${TICKET_ID}/merge`)?.body).toEqual({ into: OTHER_ID }));
    expect(await within(panel).findByRole('link', { name: /#9 Floor printer/ })).toBeTruthy();
  });
});
