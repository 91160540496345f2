import { randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  CONSOLE_API_BASE,
  CONSOLE_SESSION_COOKIE,
  type AuditPage,
  type CheckinResponse,
  type Dashboard,
  type DeviceDetail,
  type DevicePage,
  type EnrollSecretCreated,
  type FleetSettings,
  type HistoryPage,
  type MeResponse,
  type TicketDetail,
  type TicketPage,
} from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  DATABASES,
  PASSWORD,
  START,
  checkin,
  createHarness,
  enroll,
  fileTicket,
  json,
  login,
  sha256,
  technician,
  ticketSubmission,
  type Harness,
  type Session,
} from './helpers/harness.js';
import { fullInventory, packages, pkg, upload } from './helpers/inventory.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;

describe.each(DATABASES)('technician API on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tech: Session;
  beforeEach(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
  });
  afterEach(async () => {
    await h.close();
  });

  const get = (s: Session, path: string) => h.app.inject({ method: 'GET', url: api(path), headers: s.headers });
  const send = (s: Session, method: 'POST' | 'PATCH' | 'PUT', path: string, payload?: object) =>
    h.app.inject({ method, url: api(path), headers: s.headers, ...(payload === undefined ? { headers: { ...s.headers, 'x-deskside-console': '1' } } : { payload }) });

  describe('sessions', () => {
    it('sets an HttpOnly SameSite=Strict cookie, answers me, and logs out', async () => {
      const res = await h.app.inject({ method: 'POST', url: api('/login'), payload: { username: 'tina', password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      const raw = String(res.headers['set-cookie']);
      expect(raw).toMatch(/HttpOnly/);
      expect(raw).toMatch(/SameSite=Strict/);
      expect(raw).not.toMatch(/Secure/);
      const me = json(await get(tech, '/me')) as MeResponse;
      expect(me.technician).toMatchObject({ username: 'tina', role: 'technician' });
      const rows = await h.store.db.selectFrom('sessions').select('token_hash').execute();
      expect(JSON.stringify(rows)).not.toContain(tech.cookie);
      expect((await send(tech, 'POST', '/logout')).statusCode).toBe(200);
      expect((await get(tech, '/me')).statusCode).toBe(401);
    });

    it('marks the cookie Secure when a trusted TLS proxy forwarded the request', async () => {
      const proxied = await createHarness(kind, { trustProxy: true });
      try {
        await proxied.store.technicians.create({ username: 'pia', displayName: 'Pia', password: PASSWORD, role: 'technician' });
        const res = await proxied.app.inject({ method: 'POST', url: api('/login'), payload: { username: 'pia', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
        expect(res.statusCode).toBe(200);
        expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      } finally {
        await proxied.close();
      }
    });

    it('records failed sign-ins in the audit log without the password tried', async () => {
      for (let i = 0; i < 6; i++) {
        const res = await h.app.inject({ method: 'POST', url: api('/login'), payload: { username: 'tina', password: 'wrong password!' } });
        expect([401, 429]).toContain(res.statusCode);
      }
      const audit = json(await get(admin, '/audit?action=session.login-failed')) as AuditPage;
      expect(audit.total).toBeGreaterThanOrEqual(6);
      expect(JSON.stringify(audit)).not.toContain('wrong password!');
    });

    it('gives unknown users the same answer as wrong passwords', async () => {
      const res = await h.app.inject({ method: 'POST', url: api('/login'), payload: { username: 'nobody', password: 'whatever it is' } });
      expect(res.statusCode).toBe(401);
      expect(json(res)).toMatchObject({ error: { code: 'unauthorized', message: 'wrong user name or password' } });
    });

    it('requires a JSON body or the custom header on writes (CSRF)', async () => {
      const form = await h.app.inject({
        method: 'POST',
        url: api('/logout'),
        headers: { ...tech.headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=b',
      });
      expect(form.statusCode).toBe(403);
      const bare = await h.app.inject({ method: 'POST', url: api('/logout'), headers: tech.headers });
      expect(bare.statusCode).toBe(403);
      expect((await get(tech, '/me')).statusCode).toBe(200);
    });
  });

  describe('devices', () => {
    it('lists with search, filters, sorting and server-side pages; shows detail and history', async () => {
      const a = await enroll(h, { hostname: 'ACCT-LAPTOP-7' });
      const b = await enroll(h, { hostname: 'dev-box' });
      const put = (d: typeof a, body: unknown) => h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: body as object });
      await put(a, upload(fullInventory({ hostname: 'ACCT-LAPTOP-7', user: 'carol', packages: [pkg('Microsoft Excel', '16.0')], freePercent: 5, avMode: 'disabled' })));
      await put(b, upload(fullInventory({ hostname: 'dev-box', user: 'dave', packages: packages(20), backup: 'not-configured', hardwareUuid: null })));

      const byUser = json(await get(tech, '/devices?q=CAROL')) as DevicePage;
      expect(byUser.items.map((d) => d.hostname)).toEqual(['ACCT-LAPTOP-7']);
      expect(byUser.items[0]).toMatchObject({ loggedInUser: 'carol', av: 'off', minFreeDiskPercent: 5, platform: 'win32' });
      expect((json(await get(tech, '/devices?software=excel')) as DevicePage).items.map((d) => d.id)).toEqual([a.deviceId]);
      expect((json(await get(tech, '/devices?backup=none')) as DevicePage).items.map((d) => d.id)).toEqual([b.deviceId]);
      expect((json(await get(tech, '/devices?maxFreeDiskPercent=10')) as DevicePage).items.map((d) => d.id)).toEqual([a.deviceId]);
      expect((json(await get(tech, '/devices?av=off')) as DevicePage).total).toBe(1);
      await put(b, upload(fullInventory({ hostname: 'dev-box', user: 'dave', packages: packages(20), backup: 'not-configured', hardwareUuid: null, avRealtime: false })));
      expect((json(await get(tech, '/devices?av=off')) as DevicePage).items.map((d) => d.hostname).sort()).toEqual(['ACCT-LAPTOP-7', 'dev-box']);
      expect((json(await get(tech, `/devices/${b.deviceId}`)) as DeviceDetail).device.av).toBe('off');
      expect((json(await get(tech, '/devices?q=50%25')) as DevicePage).total).toBe(0);

      const page1Res = await get(tech, '/devices?sort=hostname&order=asc&pageSize=1');
      expect(page1Res.statusCode, page1Res.body).toBe(200);
      const page1 = json(page1Res) as DevicePage;
      const page2 = json(await get(tech, '/devices?sort=hostname&order=asc&pageSize=1&page=2')) as DevicePage;
      expect(page1.total).toBe(2);
      expect([page1.items[0]?.hostname, page2.items[0]?.hostname]).toEqual(['ACCT-LAPTOP-7', 'dev-box']);

      h.advance(8 * 86_400_000);
      // Eight idle days end the session too.
      expect((await get(tech, '/devices')).statusCode).toBe(401);
      tech = { ...tech, ...(await login(h, 'tina', PASSWORD)) };
      await checkin(h, b);
      const weekAgo = new Date(START + 86_400_000).toISOString();
      const stale = json(await get(tech, `/devices?seenBefore=${encodeURIComponent(weekAgo)}`)) as DevicePage;
      expect(stale.items.map((d) => d.id)).toEqual([a.deviceId]);
      const fresh = json(await get(tech, `/devices?seenAfter=${encodeURIComponent(weekAgo)}`)) as DevicePage;
      expect(fresh.items.map((d) => d.id)).toEqual([b.deviceId]);

      await put(a, upload(fullInventory({ hostname: 'ACCT-LAPTOP-7', user: 'carol', packages: [pkg('Microsoft Excel', '16.1')], memoryBytes: 32 * 1024 ** 3 })));
      const detail = json(await get(tech, `/devices/${a.deviceId}`)) as DeviceDetail;
      expect(detail.inventory?.sections.software?.data?.packages[0]?.version).toBe('16.1');
      expect(detail.recentHistory.map((e) => e.kind).sort()).toEqual(['hardware-changed', 'protection-changed', 'software-updated']);
      const memory = detail.recentHistory.find((e) => e.kind === 'hardware-changed');
      expect(memory).toMatchObject({ subject: 'memory', before: '16384 MiB', after: '32768 MiB' });
      const history = json(await get(tech, `/devices/${a.deviceId}/history?kind=software-updated`)) as HistoryPage;
      expect(history.items).toHaveLength(1);
      expect((await get(tech, `/devices/${randomUUID()}`)).statusCode).toBe(404);
    });

    it('stores the installer tag from enrollment and check-in, shows it and filters by it', async () => {
      const secret = (await h.store.secrets.create({ label: 'test', createdBy: 'test' })).value;
      const enrolled = await h.app.inject({
        method: 'POST',
        url: `${AGENT_API_BASE}/enroll`,
        payload: {
          enrollSecret: secret,
          device: { hostname: 'lyon-01', hardwareUuid: randomUUID(), serial: 'SN-LYON-01', macs: [] },
          platform: 'linux',
          osName: 'Debian 13',
          agentVersion: '0.1.0',
          tag: 'Lyon / Accounting',
        },
      });
      expect(enrolled.statusCode).toBe(200);
      const lyon = json(enrolled) as { deviceId: string; credential: string };
      const other = await enroll(h, { hostname: 'paris-01' });
      const summary = async (id: string) => (json(await get(tech, `/devices/${id}`)) as DeviceDetail).device;
      expect((await summary(lyon.deviceId)).tag).toBe('Lyon / Accounting');
      expect((await summary(other.deviceId)).tag).toBeNull();

      const checkinWith = (credential: string, tag?: string) =>
        h.app.inject({
          method: 'POST',
          url: `${AGENT_API_BASE}/checkin`,
          headers: { authorization: `Bearer ${credential}` },
          payload: { agentVersion: '0.1.0', hostname: 'x', ticketCursor: null, ...(tag === undefined ? {} : { tag }) },
        });
      expect((await checkinWith(other.credential, 'Paris')).statusCode).toBe(200);
      expect((await summary(other.deviceId)).tag).toBe('Paris');
      const byTag = json(await get(tech, `/devices?tag=${encodeURIComponent('Lyon / Accounting')}`)) as DevicePage;
      expect(byTag.items.map((d) => d.id)).toEqual([lyon.deviceId]);
      expect(byTag.items[0]?.tag).toBe('Lyon / Accounting');
      expect((json(await get(tech, '/devices?tag=Paris')) as DevicePage).total).toBe(1);
      expect((json(await get(tech, '/devices?tag=Lyon')) as DevicePage).total).toBe(0);
      // A reinstall without a tag clears it; a malformed tag is refused, not stored.
      expect((await checkinWith(lyon.credential)).statusCode).toBe(200);
      expect((await summary(lyon.deviceId)).tag).toBeNull();
      expect((await checkinWith(lyon.credential, '<script>')).statusCode).toBe(400);
      expect((await get(tech, '/devices?tag=%3Cscript%3E')).statusCode).toBe(400);
    });

    it('asks a device for a full inventory on its next check-in', async () => {
      const d = await enroll(h);
      await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: upload(fullInventory()) });
      expect((json(await checkin(h, d)) as CheckinResponse).sendFullInventory).toBe(false);
      expect((await send(tech, 'POST', `/devices/${d.deviceId}/request-inventory`)).statusCode).toBe(200);
      expect((json(await checkin(h, d)) as CheckinResponse).sendFullInventory).toBe(true);
    });
  });

  describe('tickets', () => {
    async function seed() {
      const d = await enroll(h, { hostname: 'reception-pc' });
      const shot = Buffer.from('<svg onload="alert(1)"></svg>');
      const t = ticketSubmission({
        subject: 'VPN drops every hour',
        urgency: 'medium',
        impact: 'me',
        // Script-bearing content the attachment policy lets through (text has no signature to check).
        attachments: [{ field: 'shot', name: 'evil".html', type: 'text/plain', size: shot.length, sha256: sha256(shot), role: 'screenshot' }],
        diagnostics: {
          collectedAt: '2026-11-01T08:58:00.000Z',
          items: [{ id: 'uptime', status: 'ok', durationMs: 1, summary: 'up 3 days', data: { seconds: 259200 }, truncated: null }],
          redactions: 0,
          omitted: ['processes'],
          agentVersion: '0.1.0',
        },
      });
      await fileTicket(h, d, t, [{ field: 'shot', bytes: shot }]);
      const other = ticketSubmission({ subject: 'Mouse broken', urgency: 'low', impact: 'me' });
      await fileTicket(h, d, other);
      return { d, t, other, shot };
    }

    it('lists with filters, sorting and per-status counts', async () => {
      const { t, other } = await seed();
      await send(tech, 'PATCH', `/tickets/${other.id}`, { status: 'resolved' });
      const all = json(await get(tech, '/tickets')) as TicketPage;
      expect(all.total).toBe(2);
      expect(all.counts).toEqual({ new: 1, open: 0, 'waiting-on-user': 0, resolved: 1, closed: 0 });
      const open = json(await get(tech, '/tickets?status=new,open')) as TicketPage;
      expect(open.items.map((x) => x.id)).toEqual([t.id]);
      expect(open.counts.resolved).toBe(1);
      expect((json(await get(tech, '/tickets?q=vpn')) as TicketPage).items.map((x) => x.number)).toEqual([1]);
      expect((json(await get(tech, '/tickets?q=%232')) as TicketPage).items.map((x) => x.id)).toEqual([other.id]);
      const byPriority = json(await get(tech, '/tickets?sort=priority&order=desc')) as TicketPage;
      expect(byPriority.items.map((x) => x.priority)).toEqual(['low', 'low']);
      expect((await get(tech, '/tickets?status=bogus')).statusCode).toBe(400);
    });

    it('filters by the day a ticket was opened or resolved, end exclusive', async () => {
      const { t, other } = await seed();
      h.advance(2 * 86_400_000);
      // Two days later the first session has ended.
      const fresh: Session = { ...tech, ...(await login(h, 'tina', PASSWORD)) };
      const late = ticketSubmission({ subject: 'Screen flickers' });
      const d = await enroll(h, { hostname: 'late-pc' });
      expect((await fileTicket(h, d, late)).statusCode).toBe(200);
      await send(fresh, 'PATCH', `/tickets/${other.id}`, { status: 'resolved' });
      const day = (offset: number) => new Date(Date.parse('2026-11-01T00:00:00.000Z') + offset * 86_400_000).toISOString();
      const ids = async (query: string) => (json(await get(fresh, `/tickets?${query}&sort=number&order=asc`)) as TicketPage).items.map((x) => x.id);
      expect(await ids(`openedFrom=${day(0)}&openedTo=${day(1)}`)).toEqual([t.id, other.id]);
      expect(await ids(`openedFrom=${day(2)}&openedTo=${day(3)}`)).toEqual([late.id]);
      expect(await ids(`openedTo=${day(1)}`)).toEqual([t.id, other.id]);
      expect(await ids(`openedFrom=${day(1)}&openedTo=${day(2)}`)).toEqual([]);
      expect(await ids(`resolvedFrom=${day(2)}&resolvedTo=${day(3)}`)).toEqual([other.id]);
      expect(await ids(`resolvedFrom=${day(0)}&resolvedTo=${day(2)}`)).toEqual([]);
      expect((await get(fresh, '/tickets?openedFrom=yesterday')).statusCode).toBe(400);
    });

    it('updates status, assignee and priority override, each in the audit log', async () => {
      const { t } = await seed();
      const res = await send(tech, 'PATCH', `/tickets/${t.id}`, { status: 'open', assigneeId: tech.id, priorityOverride: 'critical' });
      expect(res.statusCode).toBe(200);
      const detail = json(res) as TicketDetail;
      expect(detail.ticket).toMatchObject({ status: 'open', priority: 'critical', computedPriority: 'low', priorityOverridden: true, assignee: { id: tech.id, displayName: 'TINA' } });
      expect(detail.activity.map((a) => a.action)).toEqual(['ticket.create', 'ticket.status', 'ticket.assignee', 'ticket.priority']);
      expect(detail.activity[1]).toMatchObject({ actor: { kind: 'technician', id: tech.id }, details: { before: 'new', after: 'open' } });
      const mine = json(await get(tech, '/tickets?assignee=me')) as TicketPage;
      expect(mine.items.map((x) => x.id)).toEqual([t.id]);
      const cleared = json(await send(tech, 'PATCH', `/tickets/${t.id}`, { priorityOverride: null, assigneeId: null })) as TicketDetail;
      expect(cleared.ticket).toMatchObject({ priority: 'low', priorityOverridden: false, assignee: null });
      expect((await send(tech, 'PATCH', `/tickets/${t.id}`, { assigneeId: randomUUID() })).statusCode).toBe(400);
      expect((await send(tech, 'PATCH', `/tickets/${t.id}`, {})).statusCode).toBe(400);
    });

    it('keeps internal notes from the device and delivers public replies', async () => {
      const { d, t } = await seed();
      await send(tech, 'POST', `/tickets/${t.id}/messages`, { body: 'Checked the VPN logs', visibility: 'internal' });
      const res = await send(tech, 'POST', `/tickets/${t.id}/messages`, { body: 'Please update the VPN client', visibility: 'public', status: 'waiting-on-user' });
      const detail = json(res) as TicketDetail;
      expect(detail.messages.map((m) => [m.visibility, m.body])).toEqual([
        ['internal', 'Checked the VPN logs'],
        ['public', 'Please update the VPN client'],
      ]);
      expect(detail.ticket.status).toBe('waiting-on-user');
      expect(detail.diagnostics?.items[0]?.summary).toBe('up 3 days');
      const deviceView = JSON.parse((await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: d.auth })).body) as { tickets: { id: string; messages: { body: string }[] }[] };
      const seen = deviceView.tickets.find((x) => x.id === t.id);
      expect(seen?.messages.map((m) => m.body)).toEqual(['Please update the VPN client']);
      expect(JSON.stringify(deviceView)).not.toContain('VPN logs');

      // The user answering puts the ticket back in the queue.
      await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${t.id}/comments`, headers: d.auth, payload: { id: randomUUID(), body: 'Done', createdAt: '2026-11-01T11:00:00.000Z' } });
      expect((json(await get(tech, `/tickets/${t.id}`)) as TicketDetail).ticket.status).toBe('open');
    });

    it("shows the account the device's service verified, apart from the contact the user typed", async () => {
      const d = await enroll(h, { hostname: 'shared-pc' });
      const t = ticketSubmission({ subject: 'Printer offline', contact: { name: null, email: null, phone: null }, requesterAccount: { id: '1001', name: 'wang.li' } });
      await fileTicket(h, d, t);
      const detail = json(await get(tech, `/tickets/${t.id}`)) as TicketDetail;
      expect(detail.requesterAccount).toEqual({ id: '1001', name: 'wang.li' });
      expect(detail.ticket.requester).toBe('wang.li');
      const { t: plain } = await seed();
      expect((json(await get(tech, `/tickets/${plain.id}`)) as TicketDetail).requesterAccount).toBeNull();
    });

    it('serves attachments as safe downloads', async () => {
      const { t, shot } = await seed();
      const detail = json(await get(tech, `/tickets/${t.id}`)) as TicketDetail;
      const a = detail.attachments[0];
      expect(a?.downloadUrl).toBe(`/api/v1/console/tickets/${t.id}/attachments/${a?.id}`);
      const res = await h.app.inject({ method: 'GET', url: a?.downloadUrl ?? '', headers: tech.headers });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(shot)).toBe(true);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="evil_.html"/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect((await h.app.inject({ method: 'GET', url: `/api/v1/console/tickets/${t.id}/attachments/${randomUUID()}`, headers: tech.headers })).statusCode).toBe(404);
    });
  });

  describe('administration', () => {
    it('creates technicians, refuses duplicates, and never demotes the last admin', async () => {
      const created = await send(admin, 'POST', '/technicians', { username: 'Zoe', displayName: 'Zoé', password: 'a long enough pass', role: 'technician' });
      expect(created.statusCode).toBe(201);
      expect(json(created)).toMatchObject({ username: 'zoe', role: 'technician' });
      expect((await send(admin, 'POST', '/technicians', { username: 'zoe', displayName: 'Z', password: 'a long enough pass', role: 'admin' })).statusCode).toBe(409);
      expect((await send(admin, 'POST', '/technicians', { username: 'x', displayName: 'X', password: 'short', role: 'admin' })).statusCode).toBe(400);
      const me = json(await get(admin, '/me')) as MeResponse;
      expect((await send(admin, 'PATCH', `/technicians/${me.technician.id}`, { role: 'technician' })).statusCode).toBe(409);
      await login(h, 'zoe', 'a long enough pass');
      const zoe = (json(created) as { id: string }).id;
      expect((await send(admin, 'PATCH', `/technicians/${zoe}`, { disabled: true })).statusCode).toBe(200);
      await expect(login(h, 'zoe', 'a long enough pass')).rejects.toThrow(/401/);
    });

    it('creates, lists and revokes enrollment secrets; the value is shown once and works', async () => {
      const res = await send(admin, 'POST', '/enroll-secrets', { label: 'Paris office', expiresInDays: 30 });
      expect(res.statusCode).toBe(201);
      const created = json(res) as EnrollSecretCreated;
      expect(created.value).toMatch(/^dse_/);
      const list = (await get(admin, '/enroll-secrets')).body;
      expect(list).toContain('Paris office');
      expect(list).not.toContain(created.value);
      await enroll(h, {}, created.value);
      const revoked = await send(admin, 'POST', `/enroll-secrets/${created.secret.id}/revoke`);
      expect(json(revoked)).toMatchObject({ state: 'revoked', uses: 1 });
      await expect(enroll(h, {}, created.value)).rejects.toThrow(/401/);
    });

    it('stores fleet settings that devices receive at check-in', async () => {
      const res = await send(admin, 'PUT', '/settings', { inventoryIntervalHours: 12, backupStaleDays: 3, screenshotsAllowed: false });
      expect(json(res)).toMatchObject({ settings: { inventoryIntervalHours: 12 }, updatedBy: 'ROOT' });
      expect((json(await get(admin, '/settings')) as FleetSettings).settings.backupStaleDays).toBe(3);
      expect((await send(admin, 'PUT', '/settings', { inventoryIntervalHours: 0 })).statusCode).toBe(400);
      h.advance(10_000);
      const d = await enroll(h);
      expect((json(await checkin(h, d)) as CheckinResponse).settings).toEqual({ inventoryIntervalHours: 12, backupStaleDays: 3, screenshotsAllowed: false });
    });
  });

  it('aggregates fleet health for the dashboard', async () => {
    const a = await enroll(h);
    const b = await enroll(h);
    const c = await enroll(h);
    const put = (d: typeof a, body: unknown) => h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: body as object });
    await put(a, upload(fullInventory({ avMode: 'disabled', freePercent: 4, hardwareUuid: null })));
    await put(b, upload(fullInventory({ avSignaturesUpToDate: false, backup: 'failing', hardwareUuid: null })));
    await put(c, upload(fullInventory({ avRealtime: false, hardwareUuid: null })));
    await fileTicket(h, a, ticketSubmission());
    const t2 = ticketSubmission();
    await fileTicket(h, b, t2);
    await send(tech, 'PATCH', `/tickets/${t2.id}`, { status: 'resolved' });
    const dash = json(await get(tech, '/dashboard?days=7')) as Dashboard;
    expect(dash.devices).toMatchObject({
      total: 3,
      byPlatform: { win32: 3, darwin: 0, linux: 0 },
      // c's antivirus is enabled with real-time protection off: not protected.
      antivirus: { ok: 0, off: 2, outdated: 1, unknown: 0 },
      backup: { ok: 2, stale: 0, failing: 1, none: 0, unknown: 0 },
      diskOver90Percent: 1,
      notSeen7Days: 0,
    });
    expect(dash.tickets.byStatus).toMatchObject({ new: 1, resolved: 1 });
    expect(dash.tickets.unassignedOpen).toBe(1);
    expect(dash.tickets.perDay).toHaveLength(7);
    expect(dash.tickets.perDay.at(-1)).toEqual({ date: '2026-11-01', opened: 2, resolved: 1 });
    void c;
  });

  it('sends no-store on console responses and security headers everywhere', async () => {
    const res = await get(tech, '/me');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(res.headers['set-cookie']).toBeUndefined();
    void CONSOLE_SESSION_COOKIE;
  });
});
