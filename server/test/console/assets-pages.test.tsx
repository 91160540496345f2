import type { AssetImportReport, AssetView } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { DEVICE_ID, deviceDetail, devicePage, deviceSummary, me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

function assetView(patch: Partial<AssetView> = {}): AssetView {
  return {
    fields: { assetTag: 'IT-00042', owner: 'Alice Martin', department: 'Finance', location: 'Paris', purchaseDate: '2024-03-15', supplier: null, warrantyEnd: '2027-03-14', notes: null },
    status: 'in-use',
    statusAt: '2026-11-01T09:00:00.000Z',
    staleSince: null,
    retiredContactAt: null,
    history: [{ id: '11111111-1111-4111-8111-111111111111', at: '2026-11-01T09:00:00.000Z', from: 'in-stock', to: 'in-use', by: 'TINA', reason: 'Issued' }],
    ...patch,
  };
}

describe('asset record on the device page', () => {
  it('saves only the fields changed, and warns before taking the device out of service', async () => {
    let view = assetView();
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', `/devices/${DEVICE_ID}`, { body: deviceDetail() })
      .on('GET', `/devices/${DEVICE_ID}/asset`, () => ({ body: view }))
      .on('PATCH', `/devices/${DEVICE_ID}/asset`, () => ({ body: view }))
      .on('POST', `/devices/${DEVICE_ID}/asset/status`, (req) => {
        view = assetView({ status: 'retired', history: [{ id: '22222222-2222-4222-8222-222222222222', at: '2026-11-02T09:00:00.000Z', from: 'in-use', to: 'retired', by: 'TINA', reason: (req.body as { reason?: string }).reason ?? null }, ...view.history] });
        return { body: view };
      });
    renderConsole(api, `/devices/${DEVICE_ID}?tab=asset`);
    const user = userEvent.setup();
    const owner = (await screen.findByLabelText('Owner')) as HTMLInputElement;
    expect(owner.value).toBe('Alice Martin');
    expect((screen.getByLabelText('Warranty ends') as HTMLInputElement).value).toBe('2027-03-14');
    expect((screen.getByRole('button', { name: 'Save record' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(owner);
    await user.type(owner, 'Bob Chen');
    await user.type(screen.getByLabelText('Supplier'), 'Bechtle');
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.last('PATCH', `/devices/${DEVICE_ID}/asset`)?.body).toEqual({ owner: 'Bob Chen', supplier: 'Bechtle' }));

    const history = screen.getByRole('table', { name: 'Status history' });
    expect(within(history).getByText('In stock → In use')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('New status'), 'retired');
    expect(screen.getByRole('note').textContent).toContain('revokes its credential');
    await user.type(screen.getByLabelText('Reason'), 'Replaced');
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    await waitFor(() => expect(api.last('POST', `/devices/${DEVICE_ID}/asset/status`)?.body).toEqual({ status: 'retired', reason: 'Replaced' }));
    expect(await within(screen.getByRole('table', { name: 'Status history' })).findByText('In use → Retired')).toBeTruthy();
  });

  it('says when a retired device still tries to check in, in Chinese too', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', `/devices/${DEVICE_ID}`, { body: deviceDetail() })
      .on('GET', `/devices/${DEVICE_ID}/asset`, { body: assetView({ status: 'retired', retiredContactAt: '2026-11-02T09:00:00.000Z' }) });
    renderConsole(api, `/devices/${DEVICE_ID}?tab=asset`, 'zh-CN');
    expect(await screen.findByText(/已停用，但其代理程序仍尝试签到/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: /状态/ }).textContent).toContain('已退役');
  });
});

describe('device list asset columns and filters', () => {
  it('shows asset tag, owner and status, and filters by them', async () => {
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/devices', { body: devicePage([deviceSummary(1, { assetTag: 'IT-7', owner: 'Alice Martin', department: 'Finance', assetStatus: 'in-repair' }), deviceSummary(2)]) });
    renderConsole(api, '/devices');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Devices' });
    const [, first] = within(table).getAllByRole('row');
    expect(within(first!).getByText('IT-7')).toBeTruthy();
    expect(within(first!).getByText('In repair').className).toContain('warn');
    expect(within(first!).getByText('Alice Martin')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Status'), 'retired');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('assetStatus')).toBe('retired'));
    await user.type(screen.getByLabelText('Department'), 'Finance');
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('department')).toBe('Finance'));
    await user.click(screen.getByLabelText('Not seen (flagged)'));
    await waitFor(() => expect(api.last('GET', '/devices')?.query.get('stale')).toBe('true'));
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/v1/console/assets.csv?assetStatus=retired');
  });
});

describe('asset import', () => {
  const report = (patch: Partial<AssetImportReport>): AssetImportReport => ({ dryRun: true, applied: false, rows: 2, changes: [], unchanged: 0, errors: [], ...patch });

  it('checks the file first, shows each bad row by line, and imports only a clean file', async () => {
    let clean = false;
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('POST', '/assets/import', (req) => {
        const dryRun = (req.body as { dryRun: boolean }).dryRun;
        if (!clean) return { body: report({ errors: [{ line: 3, code: 'device-not-found', column: 'serial', message: 'no device with serial "SN-X"' }] }) };
        return { body: report({ dryRun, applied: !dryRun, changes: [{ line: 2, deviceId: DEVICE_ID, hostname: 'PC-0001', changed: ['owner', 'status'] }], unchanged: 1 }) };
      });
    renderConsole(api, '/devices/import');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), new File(['serial,owner\nSN-1,Alice\nSN-X,Bob\n'], 'assets.csv', { type: 'text/csv' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const problems = await screen.findByRole('table', { name: 'Problem' });
    expect(within(problems).getAllByRole('row')[1]?.textContent).toContain('No device has this serial or host name.');
    expect(within(problems).getAllByRole('cell')[0]?.textContent).toBe('3');
    expect(api.last('POST', '/assets/import')?.body).toEqual({ csv: 'serial,owner\nSN-1,Alice\nSN-X,Bob\n', dryRun: true });
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);

    clean = true;
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText(/1 device would change/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/1 device changed/)).toBeTruthy();
    expect(api.last('POST', '/assets/import')?.body).toMatchObject({ dryRun: false });
    expect(screen.getByRole('link', { name: 'PC-0001' }).getAttribute('href')).toBe(`/devices/${DEVICE_ID}?tab=asset`);
  });
});
