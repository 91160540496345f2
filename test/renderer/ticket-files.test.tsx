import type { DeviceTicketView, SaveFileResult, TicketList } from '@deskside/shared';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { installFakeBridge } from './fake-bridge';
import { info, list, status, ticket } from './fixtures';
import { renderApp } from './render-app';

afterEach(() => cleanup());

const withFiles: DeviceTicketView = {
  ...ticket,
  description: '打印机没有反应 — nothing comes out',
  attachments: [{ id: '30000000-0000-4000-8000-0000000000c1', name: 'spool.log', type: 'text/plain', size: 2048, role: 'file' }],
  messages: [
    ...ticket.messages,
    {
      id: '40000000-0000-4000-8000-0000000000c2',
      author: 'technician',
      authorName: 'Nina Net',
      body: 'Follow the attached steps.',
      createdAt: '2026-11-29T09:00:00.000Z',
      attachments: [{ id: '30000000-0000-4000-8000-0000000000c3', name: '步骤.pdf', type: 'application/pdf', size: 3 * 1024 * 1024 }],
    },
  ],
};

function bridge(answer: SaveFileResult) {
  const l: TicketList = { ...list, tickets: [{ ticket: withFiles, unread: 0 }] };
  return installFakeBridge({
    'app:get-info': () => info,
    'status:get': () => status,
    'tickets:list': () => l,
    'tickets:mark-read': () => l,
    'tickets:save-file': () => answer,
  });
}

describe('My tickets shows what the user wrote and every file, each saved on request', () => {
  it('shows the first message and the filed log, and saves the technician’s file to Downloads', async () => {
    const b = bridge({ outcome: 'saved', fileName: '步骤 (2).pdf' });
    await renderApp(`#/tickets/${ticket.id}`);
    const mine = await screen.findByRole('region', { name: 'What you wrote' });
    expect(within(mine).getByText('打印机没有反应 — nothing comes out')).toBeTruthy();
    expect(within(mine).getByText('spool.log')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save 步骤.pdf to Downloads' }));
    expect(await screen.findByText('Saved in your Downloads folder as 步骤 (2).pdf.')).toBeTruthy();
    expect(b.calls('tickets:save-file')).toEqual([[ticket.id, '30000000-0000-4000-8000-0000000000c3']]);
  });

  it('says plainly when the file cannot be fetched', async () => {
    bridge({ outcome: 'unavailable', message: 'the server could not be reached' });
    await renderApp(`#/tickets/${ticket.id}`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Save spool.log to Downloads' }));
    expect(await screen.findByText(/This file could not be fetched \(the server could not be reached\)/)).toBeTruthy();
  });
});
