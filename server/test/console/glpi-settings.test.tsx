import { GlpiForwardingViewSchema, type GlpiForwardingView } from '@deskside/shared';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const stored: GlpiForwardingView = GlpiForwardingViewSchema.parse({
  enabled: true,
  url: 'https://glpi.example/front/inventory.php',
  username: 'deskside',
  passwordSet: true,
  compress: false,
  tag: null,
  updatedAt: '2026-11-28T09:00:00.000Z',
  updatedBy: 'Ada Admin',
  status: { lastSuccessAt: '2026-11-28T09:30:00.000Z', lastErrorAt: '2026-11-28T09:10:00.000Z', lastError: 'GLPI answered HTTP 503: maintenance', pending: 3, failing: 1, dead: 2 },
});

function api(): FakeApi {
  return new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/settings', { body: { settings: {}, updatedAt: null, updatedBy: null } })
    .on('GET', '/settings/helpdesk', { body: { autoCloseResolvedDays: 7, updatedAt: null, updatedBy: null } })
    .on('GET', '/settings/glpi', { body: stored })
    .on('PUT', '/settings/glpi', { body: stored });
}

describe('GLPI forwarding settings in the admin page', () => {
  it('shows how forwarding goes, keeps the password write-only and sends what the administrator changed', { timeout: 30_000 }, async () => {
    const fake = api();
    renderConsole(fake, '/admin?tab=settings');
    const user = userEvent.setup();
    const url = await screen.findByLabelText<HTMLInputElement>('Inventory endpoint', {}, { timeout: 10_000 });
    expect(url.value).toBe('https://glpi.example/front/inventory.php');
    expect(screen.getByLabelText<HTMLInputElement>('Password').placeholder).toBe('Set; leave empty to keep it');
    expect(screen.getByText('GLPI answered HTTP 503: maintenance', { exact: false })).toBeTruthy();
    expect(screen.getByText('3 devices waiting to be sent', { exact: false })).toBeTruthy();
    expect(screen.getByText('1 of them retrying after an error', { exact: false })).toBeTruthy();
    expect(screen.getByText('2 inventories refused by GLPI for good', { exact: false })).toBeTruthy();

    await user.type(screen.getByLabelText('Inventory tag'), 'paris');
    await user.click(screen.getByRole('checkbox', { name: 'Compress with zlib' }));
    await user.click(within(screen.getByRole('form', { name: 'GLPI' })).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(fake.last('PUT', '/settings/glpi')?.body).toEqual({
        enabled: true,
        url: 'https://glpi.example/front/inventory.php',
        username: 'deskside',
        compress: true,
        tag: 'paris',
      }),
    );

    await user.type(screen.getByLabelText('Password'), 'n3w-secret');
    await user.click(within(screen.getByRole('form', { name: 'GLPI' })).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.last('PUT', '/settings/glpi')?.body).toMatchObject({ password: 'n3w-secret' }));
  });
});
