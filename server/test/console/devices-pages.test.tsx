import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { DEVICE_ID, deviceDetail, devicePage, deviceSummary, me, ticketPage, ticketSummary } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

describe('devices list', () => {
  it('searches, filters and pages on the server', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/devices', (req) => ({
        body: { ...devicePage([deviceSummary(1), deviceSummary(2, { av: 'ok', backup: 'ok', minFreeDiskPercent: 55 })], 120_000), page: Number(req.query.get('page') ?? 1) },
      }));
    renderConsole(api, '/devices');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Devices' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.replace(/[▲▼]/, '').trim());
    expect(headers).toEqual(['Name', 'User', 'OS', 'Tag', 'Asset tag', 'Owner', 'IP', 'Last seen', 'Antivirus', 'Backup', 'Free disk', 'Open tickets']);
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('Off').className).toContain('bad');
    expect(within(first).getByText('Stale')).toBeTruthy();
    expect(within(first).getByText('10.0.0.1')).toBeTruthy();
    expect(screen.getByText('120,000 devices')).toBeTruthy();

    await user.type(screen.getByLabelText('Search'), 'ada');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('q')).toBe('ada'));
    await user.selectOptions(screen.getByLabelText('Antivirus'), 'off');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('av')).toBe('off'));
    await user.selectOptions(screen.getByLabelText('Last seen'), '7');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('seenBefore')).toMatch(/^\d{4}-\d\d-\d\dT/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('page')).toBe('2'));
    expect(api.last('GET', '/devices')?.query.get('q')).toBe('ada');
    expect(api.last('GET', '/devices')?.query.get('pageSize')).toBe('50');
  });

  it('shows the installer tag and filters on it, by typing or by clicking a tag', async () => {
    const api = new FakeApi().on('GET', '/me', { body: me() }).on('GET', '/devices', { body: devicePage([deviceSummary(1), deviceSummary(2)]) });
    renderConsole(api, '/devices');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Devices' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(second!).getAllByRole('cell')[3]?.textContent).toBe('—');
    await user.click(within(first!).getByRole('button', { name: 'Show only devices tagged Lyon / Accounting' }));
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('tag')).toBe('Lyon / Accounting'));
    expect((screen.getByLabelText('Tag') as HTMLInputElement).value).toBe('Lyon / Accounting');

    // A tag the server would refuse is explained, not sent.
    await user.clear(screen.getByLabelText('Tag'));
    await user.type(screen.getByLabelText('Tag'), 'Lyon<1>');
    expect(await screen.findByText('A tag has only letters, digits, spaces and . _ : / @ -')).toBeTruthy();
    expect(screen.getByLabelText('Tag').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('tag')).toBeNull());
    await user.clear(screen.getByLabelText('Tag'));
    await user.type(screen.getByLabelText('Tag'), 'Paris');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('tag')).toBe('Paris'));
  });

  it('opens pre-filtered from a dashboard link', async () => {
    const api = new FakeApi().on('GET', '/me', { body: me() }).on('GET', '/devices', { body: devicePage([]) });
    renderConsole(api, '/devices?backup=none&maxFreeDisk=10');
    expect(await screen.findByText('No devices match these filters.')).toBeTruthy();
    const q = api.last('GET', '/devices')!.query;
    expect(q.get('backup')).toBe('none');
    expect(q.get('maxFreeDiskPercent')).toBe('10');
  });
});

describe('device page', () => {
  function deviceApi() {
    return new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', `/devices/${DEVICE_ID}`, { body: deviceDetail() })
      .on('GET', '/tickets', { body: ticketPage([ticketSummary(4, { subject: 'Screen flickers' })]) })
      .on('GET', `/devices/${DEVICE_ID}/history`, {
        body: {
          page: 1,
          pageSize: 100,
          total: 3,
          items: [
            { id: '60000000-0000-4000-8000-000000000001', at: '2026-11-28T08:00:00.000Z', kind: 'software-installed', category: 'software', subject: 'Mozilla Firefox', before: null, after: '133.0' },
            { id: '60000000-0000-4000-8000-000000000002', at: '2026-11-28T08:00:00.000Z', kind: 'software-updated', category: 'software', subject: '7-Zip', before: '23.01', after: '24.08' },
            { id: '60000000-0000-4000-8000-000000000003', at: '2026-11-20T08:00:00.000Z', kind: 'ip-changed', category: 'network', subject: 'eth0', before: '10.0.0.9', after: '10.0.0.1' },
          ],
        },
      });
  }

  it('shows protection problems on the overview and section status when a section could not be read', async () => {
    renderConsole(deviceApi(), `/devices/${DEVICE_ID}`);
    expect(await screen.findByRole('heading', { name: 'LAPTOP-ADA' })).toBeTruthy();
    const summary = screen.getByRole('heading', { name: 'Protection at a glance' }).closest('section')!;
    expect(summary.className).toContain('problem');
    expect(within(summary).getByText('Antivirus: Microsoft Defender off')).toBeTruthy();
    expect(within(summary).getByText('Backup: unknown — needs Full Disk Access')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Backup' }));
    expect(screen.getByText(/Full Disk Access needed/)).toBeTruthy();
    expect(screen.getByText(/needs permission: Full Disk Access/)).toBeTruthy();
  });

  it('shows the tag on the overview, linked to the devices that share it', async () => {
    renderConsole(deviceApi(), `/devices/${DEVICE_ID}`);
    const link = await screen.findByRole('link', { name: 'Lyon / Accounting' });
    expect(link.getAttribute('href')).toBe('/devices?tag=Lyon%20%2F%20Accounting');
  });

  it('translates the protection summary by its stable codes', async () => {
    renderConsole(deviceApi(), `/devices/${DEVICE_ID}`, 'zh-CN');
    const summary = (await screen.findByRole('heading', { name: '安全防护概览' })).closest('section')!;
    expect(within(summary).getByText('杀毒软件：Microsoft Defender 已关闭')).toBeTruthy();
    expect(within(summary).getByText('备份：未知，需要权限 Full Disk Access')).toBeTruthy();
  });

  it('searches the software list', async () => {
    renderConsole(deviceApi(), `/devices/${DEVICE_ID}?tab=software`);
    const table = await screen.findByRole('table', { name: 'Software' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await userEvent.setup().type(screen.getByLabelText('Search software'), 'fire');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Mozilla Firefox')).toBeTruthy();
  });

  it('shows what changed between inventories, grouped by inventory', async () => {
    renderConsole(deviceApi(), `/devices/${DEVICE_ID}?tab=history`);
    const group = await screen.findByRole('table', { name: '2 changes' });
    expect(within(group).getByText('7-Zip')).toBeTruthy();
    expect(within(group).getByText('23.01').className).toBe('diff-removed');
    expect(within(group).getByText('24.08').className).toBe('diff-added');
    expect(screen.getByRole('table', { name: '1 change' })).toBeTruthy();
  });

  it("lists the device's tickets", async () => {
    const api = deviceApi();
    renderConsole(api, `/devices/${DEVICE_ID}?tab=tickets`);
    expect(await screen.findByRole('link', { name: 'Screen flickers' })).toBeTruthy();
    expect(api.last('GET', '/tickets')?.query.get('deviceId')).toBe(DEVICE_ID);
  });

  it('moves between tabs with the arrow keys', async () => {
    renderConsole(deviceApi(), `/devices/${DEVICE_ID}`);
    const overview = await screen.findByRole('tab', { name: 'Overview' });
    overview.focus();
    await userEvent.setup().keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Asset' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Asset' }));
  });
});
