import type { DeviceHealth } from '@deskside/shared';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';


import { installFakeBridge } from './fake-bridge';
import { info, list, settings, status, ticket } from './fixtures';
import { renderApp } from './render-app';

const health: DeviceHealth = {
  overall: 'problem',
  items: [
    { topic: 'antivirus', level: 'problem', code: 'off', params: { product: 'Sophos Endpoint' }, asOf: '2026-11-29T08:00:00.000Z' },
    { topic: 'backup', level: 'unknown', code: 'permission', params: { permission: 'Full Disk Access' }, asOf: null },
    { topic: 'disk', level: 'attention', code: 'low', params: { volume: 'C:', freeGb: 9.5, percent: 4 }, asOf: null },
    { topic: 'inventory', level: 'ok', code: 'ok', params: { last: '2026-11-29T06:00:00.000Z' }, asOf: null },
  ],
};

function bridge(extra: Parameters<typeof installFakeBridge>[0] = {}) {
  return installFakeBridge({
    'app:get-info': () => info,
    'status:get': () => status,
    'tickets:list': () => list,
    'tickets:mark-read': () => ({ ...list, tickets: [{ ticket, unread: 0 }] }),
    'tickets:reply': () => ({ outcome: 'queued' }),
    'device:get-health': () => health,
    'sync:now': () => ({ ok: false, error: 'cannot reach https://deskside.example.org', status }),
    'settings:get': () => settings,
    'settings:update': (patch) => ({ ...settings, values: { ...settings.values, ...(patch as object) } }),
    ...extra,
  });
}

afterEach(() => cleanup());

describe('My tickets', () => {
  it('lists tickets with status and unread replies; opening one marks it read; a reply can be queued', async () => {
    const b = bridge();
    await renderApp('#/tickets');
    const user = userEvent.setup();
    expect(await screen.findByText('Printer prints blank pages')).toBeTruthy();
    expect(screen.getByText('Waiting for your answer')).toBeTruthy();
    expect(screen.getAllByText('1 new reply').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('link', { name: /Ticket #17/ }));
    expect(await screen.findByText('Try the other tray, please.')).toBeTruthy();
    await waitFor(() => expect(b.calls('tickets:mark-read')).toEqual([[ticket.id]]));
    await user.type(screen.getByLabelText('Your reply'), 'Still blank');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Reply saved; it will be sent when the connection is back.')).toBeTruthy();
    expect(b.calls('tickets:reply')).toEqual([[ticket.id, 'Still blank']]);
  });

  it('shows what waits to be sent, why the server refused it, and offers to try again', async () => {
    const pending = { id: 'c4c1b0a2-8a9f-4f0e-9d7c-1e2f3a4b5c6d', subject: 'VPN drops', createdAt: '2026-11-29T08:20:00.000Z', refused: 'the ticket is not valid' };
    const b = installFakeBridge({
      'app:get-info': () => info,
      'status:get': () => status,
      'tickets:list': () => ({ ...list, pending: [pending] }),
      'tickets:retry': () => ({ ...list, pending: [] }),
    });
    await renderApp('#/tickets');
    const user = userEvent.setup();
    expect(await screen.findByText('VPN drops')).toBeTruthy();
    expect(screen.getByText('The IT server did not accept it: the ticket is not valid')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try sending again' }));
    await waitFor(() => expect(screen.queryByText('VPN drops')).toBeNull());
    expect(b.calls('tickets:retry')).toHaveLength(1);
  });

  it('follows the main process when a notification asks to open a ticket', async () => {
    const b = bridge();
    await renderApp('#/about');
    await screen.findByRole('heading', { level: 1, name: 'About Deskside' });
    act(() => b.emit('navigate', { view: 'tickets', ticketId: ticket.id }));
    expect(await screen.findByText('Try the other tray, please.')).toBeTruthy();
  });
});

describe('My device', () => {
  it('says what is wrong in plain words with what to do, and never calls unknown "off"', async () => {
    bridge();
    await renderApp('#/device');
    expect(await screen.findByText('Sophos Endpoint is turned off.')).toBeTruthy();
    expect(screen.getByText('Turn it back on, or report a problem so IT can.')).toBeTruthy();
    expect(screen.getByText('Deskside is not allowed to check this.')).toBeTruthy();
    expect(screen.getByText('Ask IT to grant Deskside "Full Disk Access".')).toBeTruthy();
    expect(screen.getByText('Only 9.5 GB free on C: (4%).')).toBeTruthy();
    expect(screen.getByText('Something needs fixing.')).toBeTruthy();
    expect(screen.getByText(/^Last report sent Nov 29, 2026/)).toBeTruthy();
  });

  it('speaks Simplified Chinese', async () => {
    bridge();
    await renderApp('#/device', 'zh-CN');
    expect(await screen.findByText('Sophos Endpoint 已关闭。')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '我的设备' })).toBeTruthy();
  });

  it('reports a failed sync in words', async () => {
    bridge();
    await renderApp('#/device');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText('Could not reach IT: cannot reach https://deskside.example.org')).toBeTruthy();
  });
});

describe('Settings and About', () => {
  it('shows settings set by policy as locked', async () => {
    const b = bridge();
    await renderApp('#/settings');
    const user = userEvent.setup();
    const login = (await screen.findByRole('checkbox', { name: /Start Deskside when I sign in/ })) as HTMLInputElement;
    expect(login.disabled).toBe(true);
    expect(screen.getByText(/Set by your organisation/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Notify me/ }));
    expect(b.calls('settings:update')).toEqual([[{ notifications: false }]]);
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('About names versions, server, device id and explains what is collected', async () => {
    bridge();
    await renderApp('#/about');
    expect(await screen.findByText('https://deskside.example.org')).toBeTruthy();
    expect(screen.getByText('7d1c1f0e-4c5a-4b8e-9a57-5d6a0d8d2b11')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What Deskside collects and why' })).toBeTruthy();
    expect(screen.getByText(/never reads your documents/)).toBeTruthy();
  });

  it('About shows the support ID the agent found, with the tool, in English and Chinese', async () => {
    bridge({ 'app:get-info': () => ({ ...info, supportId: { tool: 'anydesk', id: '512345678' } }) });
    await renderApp('#/about');
    expect(await screen.findByText('Your support ID')).toBeTruthy();
    expect(screen.getByText('512345678 (AnyDesk)')).toBeTruthy();
    cleanup();
    bridge({ 'app:get-info': () => ({ ...info, supportId: { tool: 'teamviewer', id: '1234567890' } }) });
    await renderApp('#/about', 'zh-CN');
    expect(await screen.findByText('您的支持 ID')).toBeTruthy();
    expect(screen.getByText('1234567890（TeamViewer）')).toBeTruthy();
  });

  it('About has no support ID line when no remote-assistance tool is installed', async () => {
    bridge();
    await renderApp('#/about');
    await screen.findByText('https://deskside.example.org');
    expect(screen.queryByText('Your support ID')).toBeNull();
  });

  it('navigation marks the current page for assistive technology', async () => {
    bridge();
    await renderApp('#/settings');
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('navigation', { name: 'Deskside sections' })).toBeTruthy();
  });
});
