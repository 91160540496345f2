import type { DeviceTicketView, ReplyResult, TicketList } from '@deskside/shared';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { installFakeBridge } from './fake-bridge';
import { info, list, status, ticket } from './fixtures';
import { renderApp } from './render-app';

afterEach(() => cleanup());

function withTicket(t: DeviceTicketView, answer: ReplyResult = { outcome: 'sent' }) {
  const l: TicketList = { ...list, tickets: [{ ticket: t, unread: 0 }] };
  return installFakeBridge({
    'app:get-info': () => info,
    'status:get': () => status,
    'tickets:list': () => l,
    'tickets:mark-read': () => l,
    'tickets:feedback': () => answer,
  });
}

const resolved: DeviceTicketView = { ...ticket, status: 'resolved', channel: 'phone', requesterAccountName: null, loop: { resolvedAt: '2026-11-29T08:00:00.000Z', closedAt: null, rating: null } };
const closed: DeviceTicketView = { ...resolved, status: 'closed', loop: { resolvedAt: '2026-11-29T08:00:00.000Z', closedAt: '2026-11-29T09:00:00.000Z', rating: null } };

describe('the requester\'s answer in the tray', () => {
  it('asks "Did this fix it?" on a resolved ticket; "fixed" confirms it', async () => {
    const b = withTicket(resolved);
    await renderApp(`#/tickets/${ticket.id}`);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'Did this fix it?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, it is fixed' }));
    expect(await screen.findByText('Thank you: IT has your answer.')).toBeTruthy();
    expect(b.calls('tickets:feedback')).toEqual([[ticket.id, { kind: 'confirm' }]]);
    expect(screen.queryByRole('button', { name: 'Yes, it is fixed' })).toBeNull();
  });

  it('"still broken" needs the user\'s words and says when it is only queued', async () => {
    const b = withTicket(resolved, { outcome: 'queued' });
    await renderApp(`#/tickets/${ticket.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'No, it is still broken' }));
    const send = screen.getByRole('button', { name: 'Send and reopen the ticket' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await user.type(screen.getByLabelText('What still does not work?'), 'Still blank pages');
    await user.click(send);
    expect(await screen.findByText('Saved; it will be sent when the connection is back.')).toBeTruthy();
    expect(b.calls('tickets:feedback')).toEqual([[ticket.id, { kind: 'still-broken', body: 'Still blank pages' }]]);
  });

  it('offers a 1–5 rating with a comment once closed, and shows a rating already given', async () => {
    const b = withTicket(closed, { outcome: 'refused', message: 'a ticket is rated once it is closed' });
    await renderApp(`#/tickets/${ticket.id}`);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'How did IT handle this?' })).toBeTruthy();
    await user.click(screen.getByLabelText('4 stars'));
    await user.type(screen.getByLabelText('Comment (optional)'), 'Quick');
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    await waitFor(() => expect(b.calls('tickets:feedback')).toEqual([[ticket.id, { kind: 'rating', rating: 4, body: 'Quick' }]]));
    expect(await screen.findByText(/did not accept your answer \(a ticket is rated once it is closed\)/)).toBeTruthy();
    cleanup();

    withTicket({ ...closed, loop: { ...closed.loop!, rating: 5 } });
    await renderApp(`#/tickets/${ticket.id}`);
    expect(await screen.findByText('You rated this 5 out of 5. Thank you.')).toBeTruthy();
  });

  it('speaks Simplified Chinese', async () => {
    withTicket(resolved);
    await renderApp(`#/tickets/${ticket.id}`, 'zh-CN');
    expect(await screen.findByRole('heading', { name: '问题解决了吗？' })).toBeTruthy();
  });
});
