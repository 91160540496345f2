import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { TICKET_ID, me, ticketDetail, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

function api() {
  return new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', '/tickets', { body: ticketPage([ticketSummary(7, { subject: 'VPN drops every hour' })]) })
    .on('GET', /^\/tickets\/[0-9a-f-]+$/, { body: ticketDetail() })
    .on('GET', '/devices', { body: { items: [], total: 0, page: 1, pageSize: 50 } });
}

describe('keyboard navigation', () => {
  it('offers a skip link to the content as the first stop', async () => {
    renderConsole(api(), '/queue');
    await screen.findByText('VPN drops every hour');
    await userEvent.setup().tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(document.activeElement).toBe(skip);
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')?.tagName).toBe('MAIN');
  });

  it('moves focus to the new page after navigating, not leaving it on the body', async () => {
    renderConsole(api(), '/queue');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Devices' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('main'));
  });

  it('reaches the reply box in a few Tab presses from the content', async () => {
    renderConsole(api(), `/tickets/${TICKET_ID}`);
    const box = await screen.findByLabelText('Reply to the user');
    const user = userEvent.setup();
    // Where the skip link lands (a browser moves focus to the #main target; happy-dom does not follow it).
    document.getElementById('main')!.focus();
    let presses = 0;
    while (document.activeElement !== box && presses < 40) {
      await user.tab();
      presses += 1;
    }
    expect(document.activeElement).toBe(box);
    // The back link, the public/internal choice, then the box: the conversation comes before diagnostics.
    expect(presses).toBeLessThanOrEqual(4);
  });
});
