import { DashboardSchema } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FakeApi } from './fake-api.js';
import { OTHER_TECH_ID, me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const dashboard = DashboardSchema.parse({
  generatedAt: '2026-11-28T09:00:00.000Z',
  devices: {
    total: 12,
    byPlatform: { win32: 7, darwin: 3, linux: 2 },
    byOs: [{ osName: 'Windows 11 Pro', osVersion: '23H2', count: 7 }],
    antivirus: { ok: 8, off: 2, outdated: 1, unknown: 1 },
    backup: { ok: 5, stale: 3, failing: 1, none: 2, unknown: 1 },
    diskOver90Percent: 2,
    notSeen7Days: 1,
    seenLast24Hours: 10,
  },
  tickets: {
    byStatus: { new: 2, open: 3, 'waiting-on-user': 1, resolved: 4, closed: 9 },
    unassignedOpen: 2,
    perDay: [
      { date: '2026-11-27', opened: 2, resolved: 1 },
      { date: '2026-11-28', opened: 3, resolved: 2 },
    ],
  },
});

describe('fleet health', () => {
  it('links every number to the filtered list behind it', async () => {
    const api = new FakeApi().on('GET', '/me', { body: me() }).on('GET', '/dashboard', { body: dashboard });
    renderConsole(api, '/fleet');
    // The dashboard and its chart library load on demand; a busy machine may need more than a second.
    const av = (await screen.findByRole('heading', { name: 'Antivirus' }, { timeout: 10_000 })).closest('section')!;
    expect(within(av).getByRole('link', { name: 'Off: 2' }).getAttribute('href')).toBe('/devices?av=off');
    const backup = screen.getByRole('heading', { name: 'Backup' }).closest('section')!;
    expect(within(backup).getByRole('link', { name: 'None: 2' }).getAttribute('href')).toBe('/devices?backup=none');
    const os = screen.getByRole('heading', { name: 'Devices by OS' }).closest('section')!;
    expect(within(os).getByRole('link', { name: 'macOS: 3' }).getAttribute('href')).toBe('/devices?platform=darwin');
    expect(screen.getByRole('link', { name: /Disk over 90 % full\s*2/ }).getAttribute('href')).toBe('/devices?maxFreeDisk=10');
    expect(screen.getByRole('link', { name: /Not seen for 7 days\s*1/ }).getAttribute('href')).toBe('/devices?notSeenDays=7');
    expect(screen.getByRole('link', { name: 'Opened: 5' }).getAttribute('href')).toBe('/queue?status=all&openedFrom=2026-11-27&openedTo=2026-11-28&sort=age&order=asc');
    expect(screen.getByRole('link', { name: 'Resolved: 3' }).getAttribute('href')).toBe('/queue?status=all&resolvedFrom=2026-11-27&resolvedTo=2026-11-28');
    expect(api.last('GET', '/dashboard')?.query.get('days')).toBe('30');
  });
});

describe('admin', () => {
  function adminApi() {
    const secrets: unknown[] = [];
    return new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/technicians', {
        body: {
          items: [
            me().technician,
            { ...me().technician, id: OTHER_TECH_ID, username: 'bob', displayName: 'Bob Tech', role: 'technician' },
          ],
        },
      })
      .on('PATCH', /^\/technicians\//, (req) => {
        // The server never echoes a password back.
        const { password: _password, ...changes } = req.body as { password?: string };
        return { body: { ...me().technician, id: OTHER_TECH_ID, username: 'bob', displayName: 'Bob Tech', ...changes } };
      })
      .on('GET', '/enroll-secrets', () => ({ body: { items: secrets } }))
      .on('POST', '/enroll-secrets', (req) => {
        const secret = {
          id: '70000000-0000-4000-8000-000000000001',
          label: (req.body as { label: string }).label,
          prefix: 'dsk_9f2a',
          state: 'active',
          createdAt: '2026-11-28T09:00:00.000Z',
          createdBy: 'Ada Admin',
          expiresAt: null,
          revokedAt: null,
          maxUses: null,
          uses: 0,
          lastUsedAt: null,
        };
        secrets.push(secret);
        return { status: 201, body: { secret, value: 'dsk_9f2a-very-secret-value' } };
      })
      .on('POST', /^\/enroll-secrets\/[0-9a-f-]+\/revoke$/, () => ({ body: { ...(secrets[0] as object), state: 'revoked', revokedAt: '2026-11-28T10:00:00.000Z' } }))
      .on('GET', '/settings', { body: { settings: { inventoryIntervalHours: 12 }, updatedAt: null, updatedBy: null } })
      .on('PUT', '/settings', (req) => ({ body: { settings: req.body, updatedAt: '2026-11-28T09:00:00.000Z', updatedBy: 'Ada Admin' } }));
  }

  it('changes a role and disables a technician, but not yourself', async () => {
    const api = adminApi();
    renderConsole(api, '/admin');
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Role of Bob Tech', {}, { timeout: 10_000 }), 'admin');
    await waitFor(() => expect(api.last('PATCH', /technicians/)?.body).toEqual({ role: 'admin' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Role of Ada Admin').disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(api.last('PATCH', /technicians/)?.body).toEqual({ disabled: true }));
  });

  it("sets a technician's password", async () => {
    const api = adminApi();
    renderConsole(api, '/admin');
    const user = userEvent.setup();
    await screen.findByLabelText('Role of Bob Tech', {}, { timeout: 10_000 });
    const bobRow = screen.getByLabelText('Role of Bob Tech').closest('tr')!;
    await user.click(within(bobRow).getByRole('button', { name: 'Set password' }));
    await user.type(within(bobRow).getByLabelText('New password for Bob Tech (12+ characters)'), 'a new long passphrase');
    await user.click(within(bobRow).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.last('PATCH', /technicians/)?.body).toEqual({ password: 'a new long passphrase' }));
    expect(await within(bobRow).findByText('Password changed; their open sessions were ended.')).toBeTruthy();
  });

  it('creates an enrollment secret, shows it once with copy, and revokes it', async () => {
    const api = adminApi();
    renderConsole(api, '/admin?tab=enrollment');
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.type(await screen.findByLabelText('Label', {}, { timeout: 10_000 }), 'Berlin laptops');
    await user.click(screen.getByRole('button', { name: 'Create secret' }));
    const value = await screen.findByLabelText<HTMLInputElement>('New enrollment secret');
    expect(value.value).toBe('dsk_9f2a-very-secret-value');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('dsk_9f2a-very-secret-value');
    expect(screen.getByText('Copied to the clipboard.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('New enrollment secret')).toBeNull();
    const confirm = vi.fn(() => true);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true });
    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(api.last('POST', /revoke$/)).toBeDefined());
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Berlin laptops'));
  });

  it('pushes fleet settings, leaving empty fields to the agent default', async () => {
    const api = adminApi();
    renderConsole(api, '/admin?tab=settings');
    const user = userEvent.setup();
    const backupDays = await screen.findByLabelText('Backup stale after (days)', {}, { timeout: 10_000 });
    expect(screen.getByLabelText<HTMLInputElement>('Inventory every (hours)').value).toBe('12');
    await user.type(backupDays, '14');
    await user.click(screen.getByRole('checkbox', { name: 'Peripherals' }));
    await user.selectOptions(screen.getByLabelText('Screenshots allowed'), 'no');
    await user.click(screen.getByRole('button', { name: 'Save and push' }));
    await waitFor(() =>
      expect(api.last('PUT', '/settings')?.body).toEqual({
        inventoryIntervalHours: 12,
        backupStaleDays: 14,
        disabledCategories: ['peripherals'],
        screenshotsAllowed: false,
      }),
    );
  });
});
