import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { DEVICE_ID, TICKET_ID, deviceSummary, me, ticketDetail } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

function api(device: ReturnType<typeof deviceSummary> | null, detail = ticketDetail()) {
  const fake = new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/technicians', { body: { items: [me().technician] } })
    .on('GET', /^\/tickets\/[0-9a-f-]+$/, { body: detail });
  return device === null ? fake : fake.on('GET', `/devices/${DEVICE_ID}/summary`, { body: device });
}

describe("the ticket's device at the top of the ticket", () => {
  it('says at once that the machine has been silent for two hours, with its protection and disk', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const device = deviceSummary(1, { id: DEVICE_ID, lastSeenAt: twoHoursAgo, firewall: 'off', encryption: 'unknown', minFreeDiskPercent: 4, loggedInUser: 'CORP\\alice' });
    renderConsole(api(device), `/tickets/${TICKET_ID}`);
    const strip = await screen.findByRole('group', { name: "The ticket's device" });
    const silent = within(strip).getByText(/Silent, last seen/);
    expect(silent.className).toContain('warn');
    expect(silent.textContent).toMatch(/2 hours ago/);
    expect(within(strip).getByText('CORP\\alice', { exact: false })).toBeTruthy();
    const firewall = within(strip).getByText('Firewall', { exact: false });
    expect(within(firewall).getByText('Off').className).toContain('bad');
    expect(within(strip).getByText('Unknown').classList.contains('bad')).toBe(false);
    expect(within(strip).getByText('4%', { exact: false }).className).toContain('bad');
    expect(within(strip).getByRole('link').getAttribute('href')).toBe(`/devices/${DEVICE_ID}`);
  });

  it('shows a device that checked in a minute ago as online, in Chinese too', async () => {
    const device = deviceSummary(1, { id: DEVICE_ID, lastSeenAt: new Date(Date.now() - 60_000).toISOString() });
    renderConsole(api(device), `/tickets/${TICKET_ID}`, 'zh-CN');
    const strip = await screen.findByRole('group', { name: '工单的设备' });
    expect(within(strip).getByText('在线').className).toContain('ok');
  });
});
