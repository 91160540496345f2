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
  const consoleRoutes = () => routes().filter((r) => r.url.startsWith(CONSOLE_API_BASE) && !r.url.endsWith('/login'));
  const ADMIN_PATHS = ['/technicians', '/enroll-secrets', '/settings', '/audit', '/enrollments'];
  // Listing colleagues is open to every technician (ticket assignment needs it).
  const isAdminRoute = (r: { method: string; template: string }) =>
    !(r.method === 'GET' && r.template === `${CONSOLE_API_BASE}/technicians`) && ADMIN_PATHS.some((p) => r.template.startsWith(`${CONSOLE_API_BASE}${p}`));

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
