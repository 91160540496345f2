import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FakeApi } from './fake-api.js';
import { DEVICE_ID, deviceDetail, devicePage, deviceSummary, me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const PENDING_ID = '10000000-0000-4000-8000-000000000009';
const pending = () => deviceSummary(9, { hostname: 'IMPOSTOR', serial: 'SN1', enrollState: 'pending', resemblesDeviceId: DEVICE_ID, keyBound: false });

describe('enrollment problems in the console', () => {
  it('flags pending devices and flapping credentials in the device list', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/devices', { body: devicePage([deviceSummary(1, { credentialFlaps: 3 }), deviceSummary(2, { credentialFlaps: 2 }), pending()]) });
    renderConsole(api, '/devices');
    const table = await screen.findByRole('table', { name: 'Devices' });
    const [, flapping, quiet, suspect] = within(table).getAllByRole('row');
    expect(within(flapping!).getByText('Credential flaps').getAttribute('title')).toBe('Re-enrolled 3 times in the last 24 hours');
    expect(within(quiet!).queryByText('Credential flaps')).toBeNull();
    expect(within(suspect!).getByText('Pending').className).toContain('warn');
  });

  it('explains a pending device on its page, naming the device it resembles', async () => {
    const detail = deviceDetail();
    const api = new FakeApi()
      .on('GET', '/me', { body: me('technician') })
      .on('GET', `/devices/${PENDING_ID}`, { body: { ...detail, device: pending() } })
      .on('GET', `/devices/${DEVICE_ID}`, { body: { ...detail, device: deviceSummary(1, { credentialFlaps: 4 }) } });
    renderConsole(api, `/devices/${PENDING_ID}`);
    const notice = await screen.findByText(/This device is pending/, {}, { timeout: 10_000 });
    expect(notice.textContent).toContain('LAPTOP-ADA');
    expect(within(notice).getByRole('link', { name: 'LAPTOP-ADA' }).getAttribute('href')).toBe(`/devices/${DEVICE_ID}`);
    cleanup();
    renderConsole(api, `/devices/${DEVICE_ID}`);
    expect(await screen.findByText(/received a new credential 4 times in the last 24 hours/, {}, { timeout: 10_000 })).toBeTruthy();
  });

  it('lets an admin merge, approve or reject a pending device, after confirming', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/technicians', { body: { items: [] } })
      .on('GET', '/enrollments/pending', { body: { items: [{ device: pending(), resembles: deviceSummary(1), matchedOn: ['hardwareUuid', 'serial'] }] } })
      .on('POST', /^\/enrollments\/[0-9a-f-]+\/(approve|merge|reject)$/, { body: { device: deviceSummary(1) } });
    renderConsole(api, '/admin?tab=pending');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Pending devices' }, { timeout: 10_000 });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('hardware UUID, serial number');
    expect(row.textContent).toContain('none (older agent)');
    const confirm = vi.fn(() => false);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true });
    await user.click(within(row).getByRole('button', { name: 'Merge' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Merge IMPOSTOR into LAPTOP-ADA?'));
    expect(api.last('POST', /merge$/)).toBeUndefined();
    confirm.mockReturnValue(true);
    await user.click(within(row).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(api.last('POST', /merge$/)?.path).toBe(`/enrollments/${PENDING_ID}/merge`));
    await user.click(within(screen.getAllByRole('row')[1]!).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(api.last('POST', /reject$/)).toBeDefined());
    expect(api.last('POST', /reject$/)?.headers['x-deskside-console']).toBe('1');
  });
});
