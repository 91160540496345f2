import { CONSOLE_API_BASE, type ApiToken, type ApiTokenCreated, type AuditPage } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, PASSWORD, START, createHarness, json, login, technician, type Harness, type Session } from './helpers/harness.js';

describe.each(DATABASES)('API tokens on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tina: Session;

  beforeAll(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tina = await technician(h, 'tina');
  }, 60_000);
  afterAll(async () => {
    await h.close();
  }, 30_000);

  const issue = async (body: Record<string, unknown>, headers: Record<string, string> = admin.headers) =>
    h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/api-tokens`, headers, payload: body });
  const issued = async (body: Record<string, unknown>): Promise<ApiTokenCreated> => {
    const res = await issue(body);
    expect(res.statusCode, res.body).toBe(201);
    return json(res) as ApiTokenCreated;
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const list = async (): Promise<ApiToken[]> => (json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/api-tokens`, headers: admin.headers })) as { items: ApiToken[] }).items;

  it('are shown once with a scanner-friendly prefix, and only their hash is stored', async () => {
    const { token, apiToken } = await issued({ name: 'Reporting', technicianId: tina.id, scope: 'read' });
    expect(token).toMatch(/^dsk_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'Reporting', scope: 'read', technician: { id: tina.id, username: 'tina' }, hint: token.slice(0, 10), expiresAt: null, lastUsedAt: null, revokedAt: null });
    const listed = await list();
    expect(listed.map((t) => t.id)).toContain(apiToken.id);
    expect(JSON.stringify(listed)).not.toContain(token);
    const rows = await h.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token.slice(10));
  });

  it('act as their technician, record their last use, and need no CSRF header', async () => {
    const { token, apiToken } = await issued({ name: 'Script', technicianId: tina.id, scope: 'read-write' });
    const me = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({ technician: { username: 'tina' }, sessionExpiresAt: null });
    const used = (await list()).find((t) => t.id === apiToken.id);
    expect(used?.lastUsedAt).not.toBeNull();
    expect(used?.lastUsedIp).toBe('127.0.0.1');
    // A write without the console header or a JSON body: a cookie would be refused, a bearer is not.
    const read = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/notifications/read`, headers: bearer(token) });
    expect(read.statusCode, read.body).not.toBe(403);
    const withCookie = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/notifications/read`, headers: tina.headers });
    expect(withCookie.statusCode).toBe(403);
    // The owner's role caps the token: a technician's token cannot reach admin routes.
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit`, headers: bearer(token) })).statusCode).toBe(403);
    // Signing a token out makes no sense: it is revoked instead.
    expect((await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/logout`, headers: bearer(token) })).statusCode).toBe(400);
  });

  it('a read token is refused on writes with a message that says why', async () => {
    const { token } = await issued({ name: 'Read only', technicianId: admin.id, scope: 'read' });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit`, headers: bearer(token) })).statusCode).toBe(200);
    const write = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/teams`, headers: bearer(token), payload: { name: 'Nope' } });
    expect(write.statusCode).toBe(403);
    expect(json(write)).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('may only read') } });
  });

  it('are refused once revoked, expired, or when their technician is disabled', async () => {
    const revoked = await issued({ name: 'Revoked', technicianId: tina.id, scope: 'read' });
    const res = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/api-tokens/${revoked.apiToken.id}/revoke`, headers: { ...admin.headers, 'x-deskside-console': '1' } });
    expect(res.statusCode).toBe(200);
    expect((json(res) as ApiToken).revokedAt).not.toBeNull();
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(revoked.token) })).statusCode).toBe(401);

    const soon = new Date(START + 30 * 86_400_000).toISOString();
    const expiring = await issued({ name: 'Expiring', technicianId: tina.id, scope: 'read', expiresAt: soon });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(expiring.token) })).statusCode).toBe(200);

    const leaver = await technician(h, 'leaver');
    const ofLeaver = await issued({ name: 'Leaver', technicianId: leaver.id, scope: 'read' });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(ofLeaver.token) })).statusCode).toBe(200);
    await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/technicians/${leaver.id}`, headers: admin.headers, payload: { disabled: true } });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(ofLeaver.token) })).statusCode).toBe(401);

    h.advance(31 * 86_400_000);
    const late = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(expiring.token) });
    expect(late.statusCode).toBe(401);
    expect(json(late)).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/me`, headers: bearer(`dsk_${'A'.repeat(43)}`) })).statusCode).toBe(401);
  });

  it('are issued and revoked only by administrators in a session, with checks that say what is wrong, and audited', async () => {
    // The clock moved past the earlier sessions' end.
    admin = { ...admin, ...(await login(h, 'root', PASSWORD)) };
    tina = { ...tina, ...(await login(h, 'tina', PASSWORD)) };
    expect((await issue({ name: 'x', technicianId: tina.id, scope: 'read' }, tina.headers)).statusCode).toBe(403);
    const bad = await issue({ name: 'x', technicianId: tina.id, scope: 'everything' });
    expect(bad.statusCode).toBe(400);
    const unknown = await issue({ name: 'x', technicianId: '00000000-0000-4000-8000-000000000000', scope: 'read' });
    expect(json(unknown)).toMatchObject({ error: { message: 'no technician has this id' } });
    const past = await issue({ name: 'x', technicianId: tina.id, scope: 'read', expiresAt: '2020-01-01T00:00:00.000Z' });
    expect(json(past)).toMatchObject({ error: { message: 'the expiry lies in the past' } });
    // A token cannot mint tokens, even an administrator's read-write one.
    const { token } = await issued({ name: 'Admin script', technicianId: admin.id, scope: 'read-write' });
    const minted = await issue({ name: 'successor', technicianId: admin.id, scope: 'read-write' }, bearer(token));
    expect(minted.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/api-tokens/00000000-0000-4000-8000-000000000000/revoke`, headers: { ...admin.headers, 'x-deskside-console': '1' } })).statusCode).toBe(404);
    const audit = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit?targetKind=api-token&pageSize=100`, headers: admin.headers })) as AuditPage;
    const actions = new Set(audit.items.map((e) => e.action));
    expect(actions).toEqual(new Set(['api-token.create', 'api-token.revoke']));
    expect(JSON.stringify(audit)).not.toContain(token);
  });
});
