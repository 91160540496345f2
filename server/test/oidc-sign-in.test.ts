import { CONSOLE_API_BASE, CONSOLE_SESSION_COOKIE, type AuditPage, type MeResponse, type SignInSettingsView } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, json, technician, type Harness, type Session } from './helpers/harness.js';
import { startTestOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.js';

const PUBLIC_URL = 'http://desk.test';
const CALLBACK = `${PUBLIC_URL}${CONSOLE_API_BASE}/sso/oidc/callback`;
const STATE_COOKIE = 'deskside_sso_state';

const account = (login: string, groups: string[]) => ({ sub: `sub-${login}`, preferred_username: login, name: `${login[0]!.toUpperCase()}${login.slice(1)} Example`, email: `${login}@example.com`, groups });

describe.each(DATABASES)('OpenID Connect sign-in on %s', (kind) => {
  let h: Harness;
  let idp: TestOidcProvider;
  let admin: Session;
  let helpdeskTeam: string;

  beforeAll(async () => {
    idp = await startTestOidcProvider(
      [account('alice', ['Deskside-Admins', 'helpdesk']), account('bob', ['helpdesk']), account('carol', ['sales']), account('dave', ['helpdesk'])],
      CALLBACK,
    );
    h = await createHarness(kind, { publicUrl: PUBLIC_URL });
    admin = await technician(h, 'root', 'admin');
    helpdeskTeam = (json(await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/teams`, headers: admin.headers, payload: { name: 'Helpdesk' } })) as { id: string }).id;
    const dave = await technician(h, 'dave');
    await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/technicians/${dave.id}`, headers: admin.headers, payload: { disabled: true } });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await idp?.close();
  }, 30_000);

  const configure = async (body: Record<string, unknown>) => h.app.inject({ method: 'PUT', url: `${CONSOLE_API_BASE}/settings/sign-in`, headers: admin.headers, payload: body });
  // The test provider releases the groups claim only for the `groups` scope, as Okta's custom servers do.
  const connected = () => ({ enabled: true, displayName: 'Example ID', issuer: idp.issuer, clientId: idp.clientId, scopes: 'openid profile email groups' });
  const policy = () => ({
    createTechnicians: true,
    defaultRole: null,
    mappings: [
      { group: 'deskside-admins', role: 'admin', teamIds: [] },
      { group: 'helpdesk', role: 'technician', teamIds: [helpdeskTeam] },
    ],
  });

  /** Start at Deskside, sign in at the provider, come back; `tamper` runs between start and callback. */
  const signIn = async (login: string, tamper: (flow: { state: string; cookie: string; callback: URL }) => Promise<{ cookie: string; callback: URL }> | void = () => undefined) => {
    const start = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/sso/oidc/start?returnTo=${encodeURIComponent('/queue?status=open')}` });
    expect(start.statusCode, start.body).toBe(302);
    const authorization = new URL(String(start.headers.location));
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    const state = authorization.searchParams.get('state')!;
    const cookie = start.cookies.find((c) => c.name === STATE_COOKIE);
    expect(cookie).toMatchObject({ value: state, httpOnly: true, sameSite: 'Lax' });
    const callback = await idp.authorize(authorization.href, login);
    const changed = (await tamper({ state, cookie: state, callback })) ?? { cookie: state, callback };
    const res = await h.app.inject({ method: 'GET', url: changed.callback.pathname + changed.callback.search, cookies: { [STATE_COOKIE]: changed.cookie } });
    expect(res.statusCode, res.body).toBe(303);
    const session = res.cookies.find((c) => c.name === CONSOLE_SESSION_COOKIE);
    return { location: String(res.headers.location), headers: session === undefined ? null : { cookie: `${CONSOLE_SESSION_COOKIE}=${session.value}` } };
  };
  const me = async (headers: { cookie: string } | null) => json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: headers ?? {} })) as MeResponse;

  it('is off until configured: no button on the sign-in page, no start', async () => {
    expect(json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/sign-in/options` }))).toEqual({ oidc: null, ldap: false });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/sso/oidc/start` })).statusCode).toBe(404);
  });

  it('settings are checked, keep the client secret to themselves, and are audited', async () => {
    const base = { enabled: true, displayName: 'Example ID', issuer: idp.issuer, clientId: idp.clientId };
    const wrongTeam = await configure({ oidc: { ...base, clientSecret: idp.clientSecret }, policy: { ...policy(), mappings: [{ group: 'x', role: null, teamIds: ['00000000-0000-4000-8000-000000000000'] }] } });
    expect(wrongTeam.statusCode).toBe(400);
    expect(json(wrongTeam)).toMatchObject({ error: { message: 'a mapping names a team that does not exist' } });
    const plainHttp = await configure({ oidc: { ...base, issuer: 'http://idp.example.com' }, policy: policy() });
    expect(plainHttp.statusCode).toBe(400);
    const ok = await configure({ oidc: { ...base, clientSecret: idp.clientSecret }, policy: policy() });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = json(ok) as SignInSettingsView;
    expect(view.oidc).toMatchObject({ clientSecretSet: true, scopes: 'openid profile email', usernameClaim: 'preferred_username', groupsClaim: 'groups' });
    // Saving again without a secret keeps the stored one.
    const again = json(await configure({ oidc: { ...base, scopes: 'openid profile email groups' }, policy: policy() })) as SignInSettingsView;
    expect(again.oidc?.clientSecretSet).toBe(true);
    const read = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/settings/sign-in`, headers: admin.headers });
    expect(read.body).not.toContain(idp.clientSecret);
    const audit = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit?action=settings.sign-in`, headers: admin.headers });
    expect((json(audit) as AuditPage).total).toBe(2);
    expect(audit.body).not.toContain(idp.clientSecret);
    expect(json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/sign-in/options` }))).toEqual({ oidc: { displayName: 'Example ID', startUrl: `${CONSOLE_API_BASE}/sso/oidc/start` }, ldap: false });
  });

  it('creates a technician on first sign-in, maps groups to the highest role and to teams, and returns to the page', async () => {
    const alice = await signIn('alice');
    expect(alice.location).toBe('/queue?status=open');
    const who = await me(alice.headers);
    expect(who.technician).toMatchObject({ username: 'alice', displayName: 'Alice Example', role: 'admin' });
    const bob = await signIn('bob');
    const bobMe = await me(bob.headers);
    expect(bobMe.technician.role).toBe('technician');
    expect(await h.store.teams.teamIdsOf(bobMe.technician.id)).toEqual([helpdeskTeam]);
    // A directory account has no local password: the break-glass path stays with local accounts.
    const local = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, payload: { username: 'bob', password: 'anything at all, long enough' } });
    expect(local.statusCode).toBe(401);
    // Signing in again links the same technician, no duplicate.
    const again = await me((await signIn('bob')).headers);
    expect(again.technician.id).toBe(bobMe.technician.id);
    const audit = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit?action=technician.create`, headers: admin.headers })) as AuditPage;
    expect(audit.items.filter((e) => e.details.via === 'oidc').map((e) => e.details.username).sort()).toEqual(['alice', 'bob']);
  });

  it('a group change at the provider changes the role and teams at the next sign-in', async () => {
    const mappings = policy().mappings.map((m) => (m.group === 'helpdesk' ? { ...m, role: 'admin' as const, teamIds: [] } : m));
    expect((await configure({ oidc: connected(), policy: { ...policy(), mappings } })).statusCode).toBe(200);
    const bob = await me((await signIn('bob')).headers);
    expect(bob.technician.role).toBe('admin');
    expect(await h.store.teams.teamIdsOf(bob.technician.id)).toEqual([helpdeskTeam]);
    expect((await configure({ oidc: connected(), policy: policy() })).statusCode).toBe(200);
    expect((await me((await signIn('bob')).headers)).technician.role).toBe('technician');
  });

  it('refuses people in no mapped group, and disabled technicians', async () => {
    const carol = await signIn('carol');
    expect(carol).toEqual({ location: '/?sso_error=not-allowed', headers: null });
    expect(await h.store.technicians.byUsername('carol')).toBeNull();
    const dave = await signIn('dave');
    expect(dave).toEqual({ location: '/?sso_error=disabled', headers: null });
  });

  it('refuses a callback whose state is not the one this browser started, and a state used twice', async () => {
    const foreign = await signIn('alice', async ({ callback }) => ({ cookie: 'some-other-state', callback }));
    expect(foreign).toEqual({ location: '/?sso_error=state', headers: null });
    let replay: URL | null = null;
    const first = await signIn('alice', async ({ callback, cookie }) => {
      replay = callback;
      return { cookie, callback };
    });
    expect(first.headers).not.toBeNull();
    const state = replay!.searchParams.get('state')!;
    const second = await h.app.inject({ method: 'GET', url: replay!.pathname + replay!.search, cookies: { [STATE_COOKIE]: state } });
    expect(second.headers.location).toBe('/?sso_error=state');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const res = await signIn('alice', async ({ state, cookie, callback }) => {
      await h.store.db.updateTable('sso_flows').set({ nonce: 'a-nonce-the-provider-never-saw' }).where('state', '=', state).execute();
      return { cookie, callback };
    });
    expect(res).toEqual({ location: '/?sso_error=failed', headers: null });
    const failures = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit?action=session.login-failed&pageSize=100`, headers: admin.headers })) as AuditPage;
    const detail = failures.items.find((e) => e.details.via === 'oidc' && e.details.reason === 'failed')?.details.detail;
    expect(String(detail)).toMatch(/nonce/);
  });

  it('refuses a returnTo that leaves this server', async () => {
    for (const returnTo of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const res = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/sso/oidc/start?returnTo=${encodeURIComponent(returnTo)}` });
      expect(res.statusCode, returnTo).toBe(400);
    }
  });
});
