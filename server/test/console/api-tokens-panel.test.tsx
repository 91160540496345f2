import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FakeApi } from './fake-api.js';
import { OTHER_TECH_ID, me } from './fixtures.js';
import { renderConsole } from './render-console.js';

afterEach(cleanup);

const TOKEN = `dsk_${'Q'.repeat(43)}`;

function tokensApi() {
  const tokens: Record<string, unknown>[] = [
    {
      id: '71000000-0000-4000-8000-000000000001',
      name: 'Nightly export',
      scope: 'read',
      technician: { id: OTHER_TECH_ID, username: 'bob', displayName: 'Bob Tech' },
      hint: 'dsk_AbCdEf',
      createdAt: '2026-11-20T09:00:00.000Z',
      createdBy: 'Ada Admin',
      expiresAt: null,
      lastUsedAt: '2026-11-28T08:00:00.000Z',
      lastUsedIp: '10.1.2.3',
      revokedAt: null,
    },
  ];
  return new FakeApi()
    .on('GET', '/me', { body: me() })
    .on('GET', '/technicians', { body: { items: [me().technician, { ...me().technician, id: OTHER_TECH_ID, username: 'bob', displayName: 'Bob Tech', role: 'technician' }] } })
    .on('GET', '/api-tokens', () => ({ body: { items: tokens } }))
    .on('POST', '/api-tokens', (req) => {
      const body = req.body as { name: string; technicianId: string; scope: string; expiresAt: string | null };
      const apiToken = { ...tokens[0], id: '71000000-0000-4000-8000-000000000002', name: body.name, scope: body.scope, hint: TOKEN.slice(0, 10), expiresAt: body.expiresAt, lastUsedAt: null, lastUsedIp: null };
      tokens.unshift(apiToken);
      return { status: 201, body: { token: TOKEN, apiToken } };
    })
    .on('POST', /^\/api-tokens\/[0-9a-f-]+\/revoke$/, () => ({ body: { ...tokens[0], revokedAt: '2026-11-28T10:00:00.000Z' } }));
}

describe('API tokens panel', () => {
  it('lists tokens with owner, scope and last use, issues one shown once, and revokes', async () => {
    const api = tokensApi();
    renderConsole(api, '/admin?tab=apiTokens');
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'API tokens' }, { timeout: 10_000 });
    const row = within(table).getByText('Nightly export').closest('tr')!;
    expect(within(row).getByText('Bob Tech')).toBeTruthy();
    expect(within(row).getByText('Read only')).toBeTruthy();
    expect(within(row).getByText('10.1.2.3')).toBeTruthy();
    expect(within(row).getByText('dsk_AbCdEf…')).toBeTruthy();

    await user.type(screen.getByLabelText('Name'), 'Backlog script');
    await user.selectOptions(screen.getByLabelText('Acts as'), OTHER_TECH_ID);
    await user.selectOptions(screen.getByLabelText('Scope'), 'read-write');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(api.last('POST', '/api-tokens')?.body).toEqual({ name: 'Backlog script', technicianId: OTHER_TECH_ID, scope: 'read-write', expiresAt: null }));
    expect((await screen.findByLabelText<HTMLInputElement>('New API token')).value).toBe(TOKEN);
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('New API token')).toBeNull();
    expect(screen.queryByDisplayValue(TOKEN)).toBeNull();

    const confirm = vi.fn(() => true);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true });
    const fresh = (await screen.findByText('Backlog script')).closest('tr')!;
    await user.click(within(fresh).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(api.last('POST', /revoke$/)?.path).toBe('/api-tokens/71000000-0000-4000-8000-000000000002/revoke'));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Backlog script'));
  });
});
