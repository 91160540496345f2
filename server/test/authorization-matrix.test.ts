import { randomUUID } from 'node:crypto';

import { AGENT_API_BASE, CONSOLE_API_BASE, CONSOLE_SESSION_COOKIE } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, PASSWORD, checkin, login, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { fullInventory, upload } from './helpers/inventory.js';
import { documentedRoutes } from './helpers/routes.js';

describe.each(DATABASES)('authorization matrix on %s', (kind) => {
  let h: Harness;
  let a: EnrolledDevice;
  let b: EnrolledDevice;
  let admin: Session;
  let tech: Session;
  let ticketOfB: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    a = await enroll(h, { hostname: 'device-a' });
    b = await enroll(h, { hostname: 'device-b' });
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    const t = ticketSubmission();
    await fileTicket(h, b, t);
    ticketOfB = t.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const writeHeaders = { 'x-deskside-console': '1' };
  const routes = () => documentedRoutes(h.app);
  // Enrollment, its challenge and key recovery are the routes a device reaches without a credential.
  const UNAUTHENTICATED = ['/enroll', '/challenge', '/recover'];
  const agentRoutes = () => routes().filter((r) => r.url.startsWith(AGENT_API_BASE) && !UNAUTHENTICATED.some((p) => r.url.endsWith(p)));
  // Signing in (locally or through single sign-on) is what a visitor without a session does.
  const SIGN_IN = ['/login', '/sign-in/options', '/sso/oidc/start', '/sso/oidc/callback'].map((p) => `${CONSOLE_API_BASE}${p}`);
  const consoleRoutes = () => routes().filter((r) => r.url.startsWith(CONSOLE_API_BASE) && !SIGN_IN.includes(r.template));
  // Webhooks and connectors: subscriptions, credentials and delivery logs are for administrators only.
  const ADMIN_PATHS = ['/technicians', '/enroll-secrets', '/settings', '/audit', '/enrollments', '/routing', '/sla-policies', '/api-tokens', '/webhooks', '/connectors'];
  // Teams and canned replies: every technician reads them (queue views, transfers, the reply box); only admins change them.
  const ADMIN_WRITES = ['/teams', '/canned-replies'];
  // Listing colleagues is open to every technician (ticket assignment needs it).
  // Deleting a knowledge-base article (and its history) is for administrators; writing one is for every technician.
  const ADMIN_ONLY = [`DELETE ${CONSOLE_API_BASE}/kb/articles/{id}`];
  const isAdminRoute = (r: { method: string; template: string }) =>
    ADMIN_ONLY.includes(`${r.method} ${r.template}`) ||
    (!(r.method === 'GET' && r.template === `${CONSOLE_API_BASE}/technicians`) &&
      (ADMIN_PATHS.some((p) => r.template.startsWith(`${CONSOLE_API_BASE}${p}`)) || (r.method !== 'GET' && ADMIN_WRITES.some((p) => r.template.startsWith(`${CONSOLE_API_BASE}${p}`)))));

  it('the sign-in routes are exactly the ones open without a session', () => {
    expect(routes().filter((r) => SIGN_IN.includes(r.template)).map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      `GET ${CONSOLE_API_BASE}/sign-in/options`,
      `GET ${CONSOLE_API_BASE}/sso/oidc/callback`,
      `GET ${CONSOLE_API_BASE}/sso/oidc/start`,
      `POST ${CONSOLE_API_BASE}/login`,
    ]);
  });

  it('documents every API route (the matrix below walks them all)', () => {
    expect(agentRoutes().length).toBeGreaterThanOrEqual(5);
    expect(consoleRoutes().length).toBeGreaterThanOrEqual(17);
  });

  it('device routes refuse a missing, malformed or foreign-kind credential with 401', async () => {
    const credentials = [undefined, 'Bearer', 'Bearer nonsense', `Bearer dsd_${'A'.repeat(43)}`, `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${admin.cookie}`];
    for (const r of agentRoutes()) {
      for (const authorization of credentials) {
        const res = await h.app.inject({ method: r.method, url: r.url, headers: authorization === undefined ? {} : { authorization }, payload: r.method === 'GET' ? undefined : {} });
        expect(res.statusCode, `${r.method} ${r.url} with ${authorization}`).toBe(401);
        expect(json(res)).toMatchObject({ error: { code: 'unauthorized' } });
      }
    }
  });

  it('a revoked credential is refused everywhere', async () => {
    const c = await enroll(h, { hardwareUuid: 'C0FFEE00-1111-2222-3333-444455556666' });
    await h.store.devices.revokeCredentials(c.deviceId);
    for (const r of agentRoutes()) {
      const res = await h.app.inject({ method: r.method, url: r.url, headers: c.auth, payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
    await h.store.devices.revokeCredentials(a.deviceId);
    expect((await checkin(h, a)).statusCode).toBe(401);
    a = await enroll(h, { hostname: 'device-a', hardwareUuid: null, serial: null });
  });

  it('device A cannot see or touch device B data', async () => {
    const list = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: a.auth })) as { tickets: unknown[] };
    expect(list.tickets).toEqual([]);
    const comment = await h.app.inject({
      method: 'POST',
      url: `${AGENT_API_BASE}/tickets/${ticketOfB}/comments`,
      headers: a.auth,
      payload: { id: randomUUID(), body: 'hi', createdAt: '2026-11-01T10:00:00.000Z' },
    });
    expect(comment.statusCode).toBe(404);
    // Nor answer "Did this fix it?", rate it, or upload diagnostics on it.
    const feedback = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${ticketOfB}/feedback`, headers: a.auth, payload: { id: randomUUID(), kind: 'confirm', createdAt: '2026-11-01T10:00:00.000Z' } });
    expect(feedback.statusCode).toBe(404);
    const diagnostics = await h.app.inject({
      method: 'POST',
      url: `${AGENT_API_BASE}/tickets/${ticketOfB}/diagnostics`,
      headers: a.auth,
      payload: { id: randomUUID(), diagnostics: { collectedAt: '2026-11-01T10:00:00.000Z', items: [], redactions: 0, omitted: [], agentVersion: '0.1.0' }, collectedAt: '2026-11-01T10:00:00.000Z' },
    });
    expect(diagnostics.statusCode).toBe(404);
    // Re-using B's ticket id or upload id is refused rather than merged.
    expect((await fileTicket(h, a, ticketSubmission({ id: ticketOfB }))).statusCode).toBe(409);
    const body = upload(fullInventory());
    expect((await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: b.auth, payload: body })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: a.auth, payload: body })).statusCode).toBe(409);
  });

  it('console routes refuse requests without a valid session with 401', async () => {
    const cookies = [undefined, `${CONSOLE_SESSION_COOKIE}=nope`, `${CONSOLE_SESSION_COOKIE}=dss_${'A'.repeat(43)}`];
    for (const r of consoleRoutes()) {
      for (const cookie of cookies) {
        const res = await h.app.inject({ method: r.method, url: r.url, headers: { ...writeHeaders, ...(cookie ? { cookie } : {}), authorization: a.auth.authorization } });
        expect(res.statusCode, `${r.method} ${r.url} with ${cookie}`).toBe(401);
      }
    }
  });

  it('a technician gets 403 on every admin route, an admin gets through', async () => {
    const adminRoutes = consoleRoutes().filter((r) => isAdminRoute(r));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(7);
    const colleagues = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/technicians`, headers: tech.headers });
    expect(colleagues.statusCode).toBe(200);
    expect(colleagues.body).not.toContain('scrypt');
    for (const r of adminRoutes) {
      const res = await h.app.inject({ method: r.method, url: r.url, headers: { ...tech.headers, ...writeHeaders } });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      const asAdmin = await h.app.inject({ method: r.method, url: r.url, headers: { ...admin.headers, ...writeHeaders } });
      expect([200, 201, 400, 404], `${r.method} ${r.url} as admin`).toContain(asAdmin.statusCode);
    }
  });

  it('webhook subscriptions, their secrets, tests, logs and redeliveries are for administrators alone', async () => {
    const hookRoutes = consoleRoutes().filter((r) => r.template.startsWith(`${CONSOLE_API_BASE}/webhooks`));
    expect(hookRoutes.map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      `DELETE ${CONSOLE_API_BASE}/webhooks/{id}`,
      `GET ${CONSOLE_API_BASE}/webhooks`,
      `GET ${CONSOLE_API_BASE}/webhooks/{id}/deliveries`,
      `PATCH ${CONSOLE_API_BASE}/webhooks/{id}`,
      `POST ${CONSOLE_API_BASE}/webhooks`,
      `POST ${CONSOLE_API_BASE}/webhooks/deliveries/{id}/redeliver`,
      `POST ${CONSOLE_API_BASE}/webhooks/{id}/secret`,
      `POST ${CONSOLE_API_BASE}/webhooks/{id}/test`,
    ]);
    for (const r of hookRoutes) {
      expect(isAdminRoute(r), `${r.method} ${r.template}`).toBe(true);
      expect((await h.app.inject({ method: r.method, url: r.url, headers: { ...tech.headers, ...writeHeaders } })).statusCode, `${r.method} ${r.url} as technician`).toBe(403);
      expect((await h.app.inject({ method: r.method, url: r.url, headers: writeHeaders })).statusCode, `${r.method} ${r.url} without a session`).toBe(401);
    }
  });

  it('connectors are for administrators; every technician reads a ticket\'s remote links', async () => {
    const connectorRoutes = consoleRoutes().filter((r) => r.template.startsWith(`${CONSOLE_API_BASE}/connectors`));
    expect(connectorRoutes.map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      `DELETE ${CONSOLE_API_BASE}/connectors/{id}`,
      `GET ${CONSOLE_API_BASE}/connectors`,
      `GET ${CONSOLE_API_BASE}/connectors/{id}/deliveries`,
      `PATCH ${CONSOLE_API_BASE}/connectors/{id}`,
      `POST ${CONSOLE_API_BASE}/connectors`,
    ]);
    for (const r of connectorRoutes) {
      expect(isAdminRoute(r), `${r.method} ${r.template}`).toBe(true);
      expect((await h.app.inject({ method: r.method, url: r.url, headers: { ...tech.headers, ...writeHeaders } })).statusCode, `${r.method} ${r.url} as technician`).toBe(403);
    }
    const links = `${CONSOLE_API_BASE}/tickets/${ticketOfB}/remote-links`;
    expect(isAdminRoute({ method: 'GET', template: `${CONSOLE_API_BASE}/tickets/{id}/remote-links` })).toBe(false);
    for (const s of [tech, admin]) expect((await h.app.inject({ method: 'GET', url: links, headers: s.headers })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: links })).statusCode).toBe(401);
  });

  it('every technician reaches the team work routes: team list, transfers, canned replies, their notifications', async () => {
    const workRoutes = consoleRoutes().filter(
      (r) => !isAdminRoute(r) && ['/teams', '/canned-replies', '/notifications', '/transfer'].some((p) => r.template.startsWith(`${CONSOLE_API_BASE}${p}`) || r.template.endsWith(p)),
    );
    expect(workRoutes.map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      `GET ${CONSOLE_API_BASE}/canned-replies`,
      `GET ${CONSOLE_API_BASE}/notifications`,
      `GET ${CONSOLE_API_BASE}/teams`,
      `POST ${CONSOLE_API_BASE}/notifications/read`,
      `POST ${CONSOLE_API_BASE}/tickets/{id}/transfer`,
    ]);
    for (const r of workRoutes) {
      const url = r.url.replace(/tickets\/[^/]+\/transfer$/, `tickets/${ticketOfB}/transfer`);
      const res = await h.app.inject({ method: r.method, url, headers: { ...tech.headers, ...writeHeaders }, ...(r.method === 'POST' ? { payload: {} } : {}) });
      // Through the role check: answered, or refused for what the body lacks.
      expect([200, 400], `${r.method} ${r.url}`).toContain(res.statusCode);
    }
  });

  it('every technician reaches the knowledge-base routes that are not admin-only', async () => {
    const kbRoutes = consoleRoutes().filter((r) => (r.template.includes('/kb/') || r.template.endsWith('/articles') || r.template.includes('/articles/')) && !isAdminRoute(r));
    expect(kbRoutes.length).toBeGreaterThanOrEqual(11);
    for (const r of kbRoutes) {
      const res = await h.app.inject({ method: r.method, url: r.url, headers: { ...tech.headers, ...writeHeaders } });
      expect([200, 201, 400, 404], `${r.method} ${r.url} as technician`).toContain(res.statusCode);
    }
  });

  it('devices see only public, published articles', async () => {
    const write = (visibility: string, status: string, title: string) =>
      h.app.inject({
        method: 'POST',
        url: `${CONSOLE_API_BASE}/kb/articles`,
        headers: tech.headers,
        payload: { texts: [{ locale: 'en', title, body: 'matrix zebra' }], category: 'Test', tags: [], visibility, status },
      });
    await write('everyone', 'published', 'Public zebra');
    await write('technicians', 'published', 'Internal zebra');
    await write('everyone', 'draft', 'Draft zebra');
    for (const url of [`${AGENT_API_BASE}/articles?q=zebra`, `${AGENT_API_BASE}/articles`]) {
      const list = json(await h.app.inject({ method: 'GET', url, headers: b.auth })) as { articles: { title: string }[] };
      expect(list.articles.map((x) => x.title)).toEqual(['Public zebra']);
    }
  });

  it('every technician reads the reports and exports the queue; without a session they are refused', async () => {
    const reportRoutes = consoleRoutes().filter((r) => r.template.startsWith(`${CONSOLE_API_BASE}/reports/`) || r.template === `${CONSOLE_API_BASE}/tickets.csv`);
    expect(reportRoutes.map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      `GET ${CONSOLE_API_BASE}/reports/backlog`,
      `GET ${CONSOLE_API_BASE}/reports/backlog.csv`,
      `GET ${CONSOLE_API_BASE}/reports/satisfaction`,
      `GET ${CONSOLE_API_BASE}/reports/satisfaction.csv`,
      `GET ${CONSOLE_API_BASE}/reports/service-levels`,
      `GET ${CONSOLE_API_BASE}/reports/service-levels.csv`,
      `GET ${CONSOLE_API_BASE}/reports/volume`,
      `GET ${CONSOLE_API_BASE}/reports/volume.csv`,
      `GET ${CONSOLE_API_BASE}/tickets.csv`,
    ]);
    const period = 'from=2026-10-01T00:00:00.000Z&to=2026-11-01T00:00:00.000Z';
    for (const r of reportRoutes) {
      const url = r.template.includes('/backlog') || r.template.endsWith('/tickets.csv') ? r.url : `${r.url}?${period}`;
      for (const s of [tech, admin]) {
        const res = await h.app.inject({ method: 'GET', url, headers: s.headers });
        expect(res.statusCode, `${url} as ${s === tech ? 'technician' : 'admin'}`).toBe(200);
      }
      expect((await h.app.inject({ method: 'GET', url })).statusCode, `${url} without a session`).toBe(401);
    }
  });

  it('API tokens: a read token is refused on every write and passes every read; a read-write token passes every route its owner may reach', async () => {
    const issue = async (owner: Session, scope: 'read' | 'read-write') => {
      const res = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/api-tokens`, headers: admin.headers, payload: { name: `${scope} matrix`, technicianId: owner.id, scope } });
      expect(res.statusCode, res.body).toBe(201);
      return { authorization: `Bearer ${(json(res) as { token: string }).token}` };
    };
    const tokens = { adminRead: await issue(admin, 'read'), adminWrite: await issue(admin, 'read-write'), techRead: await issue(tech, 'read'), techWrite: await issue(tech, 'read-write') };
    // Token management needs a signed-in session, so no token reaches it; signing out is for sessions.
    const TOKEN_MANAGEMENT = `${CONSOLE_API_BASE}/api-tokens`;
    const LOGOUT = `POST ${CONSOLE_API_BASE}/logout`;
    const REPLY_UPLOAD = `POST ${CONSOLE_API_BASE}/tickets/{id}/attachments`;
    const all = consoleRoutes();
    expect(all.filter((r) => r.method !== 'GET').length).toBeGreaterThanOrEqual(30);
    for (const r of all) {
      const name = `${r.method} ${r.template}`;
      // No CSRF header and no JSON body: bearer requests need neither.
      const send = (headers: Record<string, string>) => h.app.inject({ method: r.method, url: r.url, headers });
      const managesTokens = r.template.startsWith(TOKEN_MANAGEMENT);
      for (const [owner, read, write] of [['admin', tokens.adminRead, tokens.adminWrite], ['technician', tokens.techRead, tokens.techWrite]] as const) {
        const capped = owner === 'technician' && isAdminRoute(r);
        const asRead = await send(read);
        const asWrite = await send(write);
        if (r.method === 'GET') {
          if (capped || managesTokens) expect(asRead.statusCode, `${name} with a ${owner}'s read token`).toBe(403);
          else expect([200, 400, 404], `${name} with a ${owner}'s read token`).toContain(asRead.statusCode);
        } else {
          expect(asRead.statusCode, `${name} with a ${owner}'s read token`).toBe(403);
        }
        if (capped || managesTokens) expect(asWrite.statusCode, `${name} with a ${owner}'s read-write token`).toBe(403);
        else if (name === LOGOUT) expect(asWrite.statusCode).toBe(400);
        // A file upload takes multipart only: sent without a body, it says so.
        else if (name === REPLY_UPLOAD) expect(asWrite.statusCode, `${name} with a ${owner}'s read-write token`).toBe(415);
        else expect([200, 201, 400, 404, 409], `${name} with a ${owner}'s read-write token: ${asWrite.body}`).toContain(asWrite.statusCode);
      }
    }
    // Cookies still need the CSRF header on writes.
    const noHeader = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/notifications/read`, headers: tech.headers });
    expect(noHeader.statusCode).toBe(403);
  }, 60_000);

  it('an expired session is refused and removed', async () => {
    const s = await technician(h, 'short-lived');
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: s.headers })).statusCode).toBe(200);
    h.advance(13 * 3_600_000);
    const res = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: s.headers });
    expect(res.statusCode).toBe(401);
    expect(json(res)).toMatchObject({ error: { code: 'unauthorized' } });
    // Other sessions are also over by now; sign the others in again for later tests.
    admin = { ...admin, ...(await login(h, 'root', PASSWORD)) };
  });

  it('a disabled technician loses the session at once', async () => {
    const s = await technician(h, 'leaver');
    await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/technicians/${s.id}`, headers: admin.headers, payload: { disabled: true } });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: s.headers })).statusCode).toBe(401);
  });
});
