import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { FakeApi } from './fake-api.js';
import { me } from './fixtures.js';
import { renderConsole } from './render-console.js';

const unauthorized = { status: 401, body: { error: { code: 'unauthorized', message: 'sign in' } } };

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('single sign-on', () => {
  it('offers "Sign in with <provider>" returning to the page, and says why a sign-in came back refused', async () => {
    window.history.replaceState(null, '', '/queue?status=open&sso_error=not-allowed');
    const api = new FakeApi().on('GET', '/me', unauthorized).on('GET', '/sign-in/options', { body: { oidc: { displayName: 'Contoso ID', startUrl: '/api/v1/console/sso/oidc/start' }, ldap: false } });
    renderConsole(api, '/queue?status=open');
    const button = await screen.findByRole('link', { name: 'Sign in with Contoso ID' }, { timeout: 10_000 });
    expect(button.getAttribute('href')).toBe(`/api/v1/console/sso/oidc/start?returnTo=${encodeURIComponent('/queue?status=open')}`);
    expect(screen.getByRole('alert').textContent).toBe('Your directory account is not in a group that may use Deskside. Ask an administrator.');
    // The local form stays: it is the break-glass way in.
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('in Chinese too, and shows no button when single sign-on is off', async () => {
    const api = new FakeApi().on('GET', '/me', unauthorized).on('GET', '/sign-in/options', { body: { oidc: null, ldap: false } });
    renderConsole(api, '/', 'zh-CN');
    expect(await screen.findByLabelText('密码', {}, { timeout: 10_000 })).toBeTruthy();
    await waitFor(() => expect(api.last('GET', '/sign-in/options')).toBeDefined());
    expect(screen.queryByRole('link', { name: /登录/ })).toBeNull();
  });

  it('saves the provider, LDAP and group mappings without echoing stored secrets', async () => {
    const team = { id: '72000000-0000-4000-8000-000000000001', name: 'Helpdesk' };
    const view = {
      oidc: { enabled: true, displayName: 'Contoso ID', issuer: 'https://login.example.com/v2.0', clientId: 'deskside', scopes: 'openid profile email', usernameClaim: 'preferred_username', groupsClaim: 'groups', clientSecretSet: true },
      ldap: null,
      policy: { createTechnicians: true, defaultRole: null, mappings: [] },
      updatedAt: null,
      updatedBy: null,
    };
    const api = new FakeApi()
      .on('GET', '/me', { body: me() })
      .on('GET', '/settings/sign-in', { body: view })
      .on('GET', '/teams', { body: { items: [{ ...team, description: null, slaPolicyId: null, members: [], createdAt: '2026-11-01T00:00:00.000Z' }] } })
      .on('PUT', '/settings/sign-in', (req) => ({ body: { ...view, ...(req.body as object), oidc: view.oidc, ldap: null } }));
    renderConsole(api, '/admin?tab=signIn');
    const user = userEvent.setup();
    expect((await screen.findByLabelText<HTMLInputElement>('Client secret', {}, { timeout: 10_000 })).placeholder).toBe('Stored; leave empty to keep it');
    await user.type(screen.getByLabelText('Server URL'), 'ldaps://dc1.example.com');
    await user.type(screen.getByLabelText('Service account DN'), 'cn=deskside,dc=example,dc=com');
    await user.type(screen.getByLabelText('Service account password'), 'service secret');
    await user.type(screen.getByLabelText('User search base'), 'ou=people,dc=example,dc=com');
    await user.click(screen.getByRole('button', { name: 'Add mapping' }));
    await user.type(screen.getByLabelText('Group of mapping 1'), 'helpdesk');
    await user.click(screen.getByRole('checkbox', { name: 'Helpdesk' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.last('PUT', '/settings/sign-in')).toBeDefined());
    const body = api.last('PUT', '/settings/sign-in')!.body as { oidc: Record<string, unknown>; ldap: Record<string, unknown>; policy: { mappings: unknown[] } };
    expect(body.oidc).not.toHaveProperty('clientSecret');
    expect(body.ldap).toMatchObject({ url: 'ldaps://dc1.example.com', bindDn: 'cn=deskside,dc=example,dc=com', bindPassword: 'service secret', userBase: 'ou=people,dc=example,dc=com', groupBase: null });
    expect(body.policy.mappings).toEqual([{ group: 'helpdesk', role: 'technician', teamIds: [team.id] }]);
  }, 30_000);
});
