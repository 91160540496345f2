import type { DeviceDetail } from '@deskside/shared';
import { DeviceDetailSchema } from '@deskside/shared';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { sampleUserScopeEntry } from '../../../test/shared/user-scope-samples.js';
import { FakeApi } from './fake-api.js';
import { DEVICE_ID, deviceDetail, me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const ANNA = 'S-1-5-21-1004336348-1177238915-682003330-1001';

function withUsers(): DeviceDetail {
  const detail = deviceDetail();
  const jdoe = sampleUserScopeEntry(undefined, '2026-11-28T07:00:00.000Z');
  const anna = sampleUserScopeEntry(ANNA, '2026-11-20T07:00:00.000Z', 'DESKTOP-7Q2M\\anna');
  anna.sections.oneDrive = { status: 'timeout', durationMs: 60000, error: 'did not finish within 60000 ms', data: null };
  return DeviceDetailSchema.parse({ ...detail, inventory: { ...detail.inventory, users: [jdoe, anna] } });
}

const api = (detail: DeviceDetail) => new FakeApi().on('GET', '/me', { body: me() }).on('GET', `/devices/${DEVICE_ID}`, { body: detail });

describe('device page, users tab', () => {
  it("shows each user's own sections with the report's age, and why a section is missing", async () => {
    renderConsole(api(withUsers()), `/devices/${DEVICE_ID}?tab=users`);
    const jdoe = (await screen.findByRole('heading', { name: 'CONTOSO\\jdoe' })).closest('section')!;
    expect(within(jdoe).getByText('Collected').parentElement?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T07:00:00.000Z');
    const rows = within(jdoe).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual([
      expect.stringContaining('Setting'),
      expect.stringContaining('ProxyConfiguration script (PAC)'),
      expect.stringMatching(/^OneDrive Known Folder MoveFailingOneDrive is not running/),
      expect.stringMatching(/^File HistoryOKlast success 3 days ago/),
    ]);
    // Déjà Dup does not apply on Windows: not listed rather than shown as "off".
    expect(within(jdoe).queryByText('Déjà Dup')).toBeNull();
    const anna = screen.getByRole('heading', { name: 'DESKTOP-7Q2M\\anna' }).closest('section')!;
    expect(within(anna).getByText('Timed out')).toBeTruthy();
    expect(within(anna).getByText('did not finish within 60000 ms')).toBeTruthy();
  });

  it('says that no user has reported rather than showing an empty table', async () => {
    renderConsole(api(deviceDetail()), `/devices/${DEVICE_ID}?tab=users`);
    expect(await screen.findByText(/No signed-in user has reported yet/)).toBeTruthy();
  });

  it('reads in Simplified Chinese', async () => {
    renderConsole(api(withUsers()), `/devices/${DEVICE_ID}?tab=users`, 'zh-CN');
    expect(await screen.findByRole('tab', { name: '用户' })).toBeTruthy();
    const jdoe = screen.getByRole('heading', { name: 'CONTOSO\\jdoe' }).closest('section')!;
    expect(within(jdoe).getByText('采集于')).toBeTruthy();
    expect(within(jdoe).getByText('OneDrive 已知文件夹移动')).toBeTruthy();
    expect(within(jdoe).getByText('文件历史记录')).toBeTruthy();
  });
});
