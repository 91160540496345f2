import type { DeviceDetail, RemoteAccessData } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FakeApi } from './fake-api.js';
import { DEVICE_ID, TICKET_ID, deviceDetail, me, ticketDetail } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const remote: RemoteAccessData = {
  handles: [
    { tool: 'anydesk', id: '512345678', server: null, group: null, label: null, problem: null, source: '/etc/anydesk/system.conf' },
    { tool: 'teamviewer', id: '1234567890', server: null, group: null, label: null, problem: null, source: 'HKLM\\SOFTWARE\\TeamViewer (ClientID)' },
    { tool: 'rustdesk', id: '123456789', server: 'rd.example.org', group: null, label: null, problem: null, source: 'RustDesk.toml' },
    { tool: 'meshcentral', id: null, server: 'wss://mesh.example.com:443/agent.ashx', group: '0xA1B2', label: 'Laptops', problem: null, source: 'meshagent.msh' },
    { tool: 'chrome-remote-desktop', id: '5a7b3c2d-1e4f-4a6b-8c9d-0e1f2a3b4c5d', server: null, group: 'alice@example.com', label: 'ws-0042', problem: null, source: 'host.json' },
  ],
  services: [
    { service: 'rdp', enabled: true, product: 'Remote Desktop Services', source: 'fDenyTSConnections' },
    { service: 'vnc', enabled: null, product: null, source: 'systemctl' },
  ],
};

function withRemote(data: RemoteAccessData | null, error?: string): DeviceDetail {
  const detail = deviceDetail();
  const inventory = detail.inventory!;
  const remoteAccess = data === null ? { status: 'error' as const, durationMs: 3, error: error ?? 'broken', data: null } : { status: 'ok' as const, durationMs: 3, data };
  return { ...detail, inventory: { ...inventory, sections: { ...inventory.sections, remoteAccess }, sectionUpdatedAt: { ...inventory.sectionUpdatedAt, remoteAccess: '2026-11-28T08:00:00.000Z' } } };
}

const deviceApi = (detail: DeviceDetail) => new FakeApi().on('GET', '/me', { body: me() }).on('GET', `/devices/${DEVICE_ID}`, { body: detail });

describe('remote assistance on the device page', () => {
  it('lists each handle with its ID, a Connect link where the tool has a URL scheme, and the services', async () => {
    renderConsole(deviceApi(withRemote(remote)), `/devices/${DEVICE_ID}`);
    const panel = (await screen.findByRole('heading', { name: 'Remote assistance' })).closest('section')!;
    const p = within(panel);
    expect(p.getByRole('link', { name: 'Connect with AnyDesk' }).getAttribute('href')).toBe('anydesk:512345678');
    expect(p.getByRole('link', { name: 'Connect with TeamViewer' }).getAttribute('href')).toBe('teamviewer10://control?device=1234567890');
    expect(p.getByRole('link', { name: 'Connect with RustDesk' }).getAttribute('href')).toBe('rustdesk://123456789');
    expect(p.getByRole('link', { name: 'Connect with MeshCentral' }).getAttribute('href')).toBe('https://mesh.example.com/');
    // Chrome Remote Desktop hosts have no per-host link: the ID is shown and copied, nothing to click.
    expect(p.queryByRole('link', { name: 'Connect with Chrome Remote Desktop' })).toBeNull();
    expect(p.getByText('5a7b3c2d-1e4f-4a6b-8c9d-0e1f2a3b4c5d')).toBeTruthy();
    expect(p.getByText('Remote Desktop (RDP)').nextElementSibling?.textContent).toContain('On');
    expect(p.getByText('VNC').nextElementSibling?.textContent).toContain('Unknown');
  });

  it('copies an ID to the clipboard and says so; says to copy by hand when the browser refuses', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderConsole(deviceApi(withRemote(remote)), `/devices/${DEVICE_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Copy the AnyDesk ID' }));
    expect(writeText).toHaveBeenCalledWith('512345678');
    expect(await screen.findByText('Copied.')).toBeTruthy();
    writeText.mockRejectedValueOnce(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy the TeamViewer ID' }));
    expect(await screen.findByText('Could not copy; select the ID and copy it by hand.')).toBeTruthy();
  });

  it('says when nothing is installed, and why when the agent could not read it', async () => {
    renderConsole(deviceApi(withRemote({ handles: [], services: [] })), `/devices/${DEVICE_ID}`);
    expect(await screen.findByText('No remote-assistance tool found on this device.')).toBeTruthy();
    cleanup();
    renderConsole(deviceApi(withRemote(null, 'PowerShell timed out')), `/devices/${DEVICE_ID}`);
    expect(await screen.findByText('The agent could not read the remote-assistance tools: PowerShell timed out')).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    renderConsole(deviceApi(withRemote(remote)), `/devices/${DEVICE_ID}`, 'zh-CN');
    expect(await screen.findByRole('heading', { name: '远程协助' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '用 AnyDesk 连接' })).toBeTruthy();
  });

  it('never links an ID that is not one (a crafted config file)', async () => {
    const crafted: RemoteAccessData = { handles: [{ ...remote.handles[2]!, id: 'x" onclick=alert(1)' }], services: [] };
    renderConsole(deviceApi(withRemote(crafted)), `/devices/${DEVICE_ID}`);
    await screen.findByText('x" onclick=alert(1)');
    expect(screen.queryByRole('link', { name: 'Connect with RustDesk' })).toBeNull();
  });
});

describe('remote assistance on the ticket page', () => {
  const ticketApi = (remoteAccess: ReturnType<typeof ticketDetail>['remoteAccess']) =>
    new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/technicians', { body: { items: [me().technician] } })
      .on('GET', /^\/tickets\/[0-9a-f-]+$/, { body: ticketDetail({ remoteAccess }) });

  it("shows the device's handles beside the ticket", async () => {
    renderConsole(ticketApi({ collectedAt: '2026-11-28T08:00:00.000Z', data: remote }), `/tickets/${TICKET_ID}`);
    const panel = (await screen.findByRole('heading', { name: 'Remote assistance' })).closest('section')!;
    expect(within(panel).getByRole('link', { name: 'Connect with AnyDesk' }).getAttribute('href')).toBe('anydesk:512345678');
  }, 15_000);

  it('has no panel when the device never reported the section', async () => {
    renderConsole(ticketApi(null), `/tickets/${TICKET_ID}`);
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Remote assistance' })).toBeNull());
  }, 15_000);
});
