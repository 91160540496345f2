import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { TICKET_ID, me, ticketDetail, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

/** A ticket opened by a mail from an address no device is known for. */
const fromMail = ticketSummary(3, { subject: '邮箱无法同步', channel: 'mail', device: null, requester: 'zhu@example.cn' });

const api = () =>
  new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', '/tickets', { body: ticketPage([ticketSummary(1), fromMail]) })
    .on('GET', /^\/tickets\/[0-9a-f-]+$/, { body: ticketDetail({ ticket: { ...ticketDetail().ticket, ...fromMail, id: TICKET_ID } }) });

describe('tickets without a device', () => {
  it('say "No device linked" in the queue instead of a device link', { timeout: 30_000 }, async () => {
    renderConsole(api(), '/queue');
    const table = await screen.findByRole('table', { name: 'Tickets' });
    const row = within(table).getByRole('link', { name: '邮箱无法同步' }).closest('tr');
    expect(row).not.toBeNull();
    expect(within(row!).getAllByText('No device linked').length).toBeGreaterThan(0);
    expect(within(row!).queryByRole('link', { name: 'LAPTOP-ADA' })).toBeNull();
    // The other ticket still links its device.
    expect(within(table).getAllByRole('link', { name: 'LAPTOP-ADA' }).length).toBeGreaterThan(0);
  });

  it('say "No device linked" on the ticket page', { timeout: 30_000 }, async () => {
    renderConsole(api(), `/tickets/${TICKET_ID}`);
    expect(await screen.findByText('No device linked')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'LAPTOP-ADA' })).toBeNull();
  });
});
