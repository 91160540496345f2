import { CONSOLE_API_BASE, type AuditPage, type LoginResponse } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, PASSWORD, createHarness, json, technician, type Harness, type Session } from './helpers/harness.js';
import { BASE, HAVE_SLAPD, SERVICE_DN, SERVICE_PASSWORD, startOpenLdap, type TestDirectory } from './helpers/openldap.js';

if (!HAVE_SLAPD) console.log('note: slapd is not installed; the LDAP sign-in suite is skipped (scripts/ci/install-debian-packages.sh installs it)');

describe.skipIf(!HAVE_SLAPD)('LDAP sign-in against OpenLDAP', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await startOpenLdap(
      [
        { uid: 'alice', cn: 'Alice Admin', password: 'alice-directory-password' },
        { uid: 'bob', cn: 'Bob Builder', password: 'bob-directory-password' },
        { uid: 'carol', cn: 'Carol Sales', password: 'carol-directory-password' },
        { uid: 'dave', cn: 'Dave Leaver', password: 'dave-directory-password' },
      ],
      { 'deskside-admins': ['alice'], helpdesk: ['bob', 'dave', 'alice'], sales: ['carol'] },
    );
  }, 30_000);
  afterAll(async () => {
    await directory?.close();
  }, 15_000);

  describe.each(DATABASES)('on %s', (kind) => {
    let h: Harness;
    let admin: Session;
    let helpdeskTeam: string;

    beforeAll(async () => {
      h = await createHarness(kind);
      admin = await technician(h, 'root', 'admin');
      helpdeskTeam = (json(await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/teams`, headers: admin.headers, payload: { name: 'Helpdesk' } })) as { id: string }).id;
      const dave = await technician(h, 'dave');
      await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/technicians/${dave.id}`, headers: admin.headers, payload: { disabled: true } });
    }, 60_000);
    afterAll(async () => {
      await h?.close();
    }, 30_000);

    const ldap = (over: Record<string, unknown> = {}) => ({
      enabled: true,
      url: directory.url,
      bindDn: SERVICE_DN,
      bindPassword: SERVICE_PASSWORD,
      userBase: `ou=people,${BASE}`,
      groupBase: `ou=groups,${BASE}`,
      ...over,
    });
    const configure = (l: Record<string, unknown> | null) =>
      h.app.inject({
        method: 'PUT',
        url: `${CONSOLE_API_BASE}/settings/sign-in`,
        headers: admin.headers,
        payload: {
          oidc: null,
          ldap: l,
          policy: { createTechnicians: true, defaultRole: null, mappings: [{ group: 'deskside-admins', role: 'admin', teamIds: [] }, { group: 'helpdesk', role: 'technician', teamIds: [helpdeskTeam] }] },
        },
      });
    const login = (username: string, password: string) => h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, payload: { username, password } });

    it('settings refuse clear-text LDAP to another host and keep the service password to themselves', async () => {
      const clear = await configure(ldap({ url: 'ldap://dc1.example.com' }));
      expect(clear.statusCode).toBe(400);
      expect(json(clear)).toMatchObject({ error: { message: expect.stringContaining('StartTLS') } });
      const ok = await configure(ldap());
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.body).not.toContain(SERVICE_PASSWORD);
      expect(json(ok)).toMatchObject({ ldap: { bindPasswordSet: true, usernameAttribute: 'uid' } });
      expect(json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/sign-in/options` }))).toEqual({ oidc: null, ldap: true });
    });

    it('binds as the user, creates the technician, and maps group search results to role and teams', async () => {
      const alice = await login('alice', 'alice-directory-password');
      expect(alice.statusCode, alice.body).toBe(200);
      expect((json(alice) as LoginResponse).technician).toMatchObject({ username: 'alice', displayName: 'Alice Admin', role: 'admin' });
      const bob = await login('Bob', 'bob-directory-password');
      expect(bob.statusCode, bob.body).toBe(200);
      const bobTech = (json(bob) as LoginResponse).technician;
      expect(bobTech.role).toBe('technician');
      expect(await h.store.teams.teamIdsOf(bobTech.id)).toEqual([helpdeskTeam]);
      const audit = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit?action=session.login&pageSize=100`, headers: admin.headers })) as AuditPage;
      expect(audit.items.filter((e) => e.details.via === 'ldap').length).toBe(2);
    });

    it('reads memberOf when no group base is set', async () => {
      expect((await configure(ldap({ groupBase: null }))).statusCode).toBe(200);
      const alice = await login('alice', 'alice-directory-password');
      expect((json(alice) as LoginResponse).technician.role).toBe('admin');
    });

    it('refuses a wrong password, an unknown name, a filter injection, a person in no mapped group and a disabled technician', async () => {
      expect((await login('alice', 'not-her-password')).statusCode).toBe(401);
      expect((await login('nobody', 'whatever-password')).statusCode).toBe(401);
      expect((await login('a*', 'alice-directory-password')).statusCode).toBe(401);
      expect((await login('*)(uid=*', 'alice-directory-password')).statusCode).toBe(401);
      const carol = await login('carol', 'carol-directory-password');
      expect(carol.statusCode).toBe(403);
      expect(await h.store.technicians.byUsername('carol')).toBeNull();
      expect((await login('dave', 'dave-directory-password')).statusCode).toBe(401);
    });

    it('keeps local accounts working when the directory is unreachable, and says when it is', async () => {
      const port = new URL(directory.url).port;
      expect((await configure(ldap({ url: `ldap://127.0.0.1:${Number(port) === 1 ? 2 : 1}` }))).statusCode).toBe(200);
      expect((await login('root', PASSWORD)).statusCode).toBe(200);
      const down = await login('alice', 'alice-directory-password');
      expect(down.statusCode).toBe(503);
      expect((await configure(ldap({ bindPassword: 'wrong-service-password' }))).statusCode).toBe(200);
      expect((await login('alice', 'alice-directory-password')).statusCode).toBe(503);
      expect((await configure(null)).statusCode).toBe(200);
      expect((await login('alice', 'alice-directory-password')).statusCode).toBe(401);
    });
  });
});
