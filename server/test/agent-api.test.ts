import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { AGENT_API_BASE, type CheckinResponse, type DeviceTicketList, type TicketAck, type UploadAck } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  DATABASES,
  checkin,
  createHarness,
  enroll,
  fileTicket,
  json,
  multipart,
  newSecret,
  sha256,
  ticketSubmission,
  type Harness,
} from './helpers/harness.js';
import { fullInventory, fullSections, packages, partialInventory, pkg, upload } from './helpers/inventory.js';

describe.each(DATABASES)('device API on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const putInventory = (auth: { authorization: string }, body: unknown, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: { ...auth, ...headers }, payload: body as object });

  describe('enroll', () => {
    it('issues a device id and a credential stored only as a hash', async () => {
      const d = await enroll(h);
      expect(d.deviceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(d.credential).toMatch(/^dsd_/);
      const rows = await h.store.db.selectFrom('device_credentials').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(d.credential);
    });

    it('never hands the same hardware to a keyless enrollment: a pending duplicate, the old credential kept', async () => {
      const first = await enroll(h, { hardwareUuid: 'A1B2C3D4-0000-1111-2222-333344445555' });
      const again = await enroll(h, { hardwareUuid: 'A1B2C3D4-0000-1111-2222-333344445555', hostname: 'renamed' });
      expect(again.deviceId).not.toBe(first.deviceId);
      expect(again.enrollState).toBe('pending');
      expect((await checkin(h, first)).statusCode).toBe(200);
      expect((await checkin(h, again)).statusCode).toBe(200);
    });

    it('matches on the serial number too, and ignores placeholder identifiers', async () => {
      const a = await enroll(h, { hardwareUuid: null, serial: 'SERIAL-42' });
      const b = await enroll(h, { hardwareUuid: '00000000-0000-0000-0000-000000000000', serial: 'SERIAL-42' });
      expect(await h.store.devices.row(b.deviceId)).toMatchObject({ enroll_state: 'pending', resembles_device_id: a.deviceId });
      const c = await enroll(h, { hardwareUuid: null, serial: 'To be filled by O.E.M.' });
      const d = await enroll(h, { hardwareUuid: null, serial: 'To be filled by O.E.M.' });
      expect(c.deviceId).not.toBe(d.deviceId);
      expect(await h.store.devices.row(d.deviceId)).toMatchObject({ enroll_state: 'active', resembles_device_id: null });
    });

    it('refuses unknown, revoked, expired and used-up secrets with one answer', async () => {
      const base = { device: { hostname: 'x', hardwareUuid: null, serial: null, macs: [] }, platform: 'linux', osName: null, agentVersion: '1' };
      const revoked = await h.store.secrets.create({ label: 'r', createdBy: null });
      await h.store.secrets.revoke(revoked.secret.id);
      const expiring = await h.store.secrets.create({ label: 'e', expiresInDays: 1, createdBy: null });
      const once = await h.store.secrets.create({ label: 'o', maxUses: 1, createdBy: null });
      await enroll(h, {}, once.value);
      h.advance(2 * 86_400_000);
      for (const secret of ['dse_unknown', revoked.value, expiring.value, once.value]) {
        const res = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/enroll`, payload: { ...base, enrollSecret: secret } });
        expect(res.statusCode).toBe(401);
        expect(json(res)).toMatchObject({ error: { code: 'unauthorized' } });
      }
      expect(await h.store.secrets.get(once.secret.id)).toMatchObject({ uses: 1, state: 'used-up' });
    });

    it('is rate limited per client with 429 in the shared error shape', async () => {
      const limited = await createHarness(kind, { rateLimits: { enrollPerMinute: 2, loginPerMinute: 2 } });
      try {
        const secret = await newSecret(limited);
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await limited.app.inject({
            method: 'POST',
            url: `${AGENT_API_BASE}/enroll`,
            payload: { enrollSecret: secret, device: { hostname: 'x', hardwareUuid: null, serial: null, macs: [] }, platform: 'linux', osName: null, agentVersion: '1' },
          });
          codes.push(res.statusCode);
          if (res.statusCode === 429) expect(json(res)).toMatchObject({ error: { code: 'rate_limited' } });
        }
        expect(codes).toEqual([200, 200, 429, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('checkin', () => {
    it('records last seen and IP, pushes fleet settings, asks for a full inventory until one arrives', async () => {
      const d = await enroll(h);
      await h.store.settings.setFleet({ checkinIntervalMinutes: 30, disabledCategories: ['peripherals'] }, 'admin');
      const first = json(await checkin(h, d)) as CheckinResponse;
      expect(first.sendFullInventory).toBe(true);
      expect(first.settings).toEqual({ checkinIntervalMinutes: 30, disabledCategories: ['peripherals'] });
      expect(first.ticketCursor).toMatch(/^t\d+$/);
      expect((await putInventory(d.auth, upload(fullInventory()))).statusCode).toBe(200);
      const second = json(await checkin(h, d, first.ticketCursor)) as CheckinResponse;
      expect(second.sendFullInventory).toBe(false);
      const row = await h.store.devices.row(d.deviceId);
      expect(row?.ip).toBe('127.0.0.1');
    });

    it('returns ticket updates since the cursor: status changes and public replies, never internal notes', async () => {
      const d = await enroll(h);
      const t = ticketSubmission();
      expect((await fileTicket(h, d, t)).statusCode).toBe(200);
      const c0 = (json(await checkin(h, d)) as CheckinResponse).ticketCursor;
      const c1 = json(await checkin(h, d, c0)) as CheckinResponse;
      expect(c1.ticketUpdates).toEqual([]);

      const ticket = await h.store.tickets.row(t.id);
      const tech = await h.store.technicians.create({ username: 'bob', displayName: 'Bob', password: 'long enough password', role: 'technician' });
      await h.store.db.transaction().execute(async (trx) => {
        await h.store.tickets.addTechnicianMessage(trx, t.id, { visibility: 'internal', body: 'looks like a driver', technicianId: tech.id, authorName: 'Bob' });
      });
      const afterNote = json(await checkin(h, d, c1.ticketCursor)) as CheckinResponse;
      expect(afterNote.ticketUpdates).toEqual([]);

      await h.store.db.transaction().execute(async (trx) => {
        await h.store.tickets.update(trx, ticket!, { status: 'waiting-on-user' });
        await h.store.tickets.addTechnicianMessage(trx, t.id, { visibility: 'public', body: 'Can you restart it?', technicianId: tech.id, authorName: 'Bob' });
      });
      const c2 = json(await checkin(h, d, afterNote.ticketCursor)) as CheckinResponse;
      expect(c2.ticketUpdates).toHaveLength(1);
      expect(c2.ticketUpdates[0]).toMatchObject({ statusChanged: true, newTechnicianMessages: 1, ticket: { id: t.id, status: 'waiting-on-user' } });
      expect(c2.ticketUpdates[0]?.ticket.messages.map((m) => m.body)).toEqual(['Can you restart it?']);
      const c3 = json(await checkin(h, d, c2.ticketCursor)) as CheckinResponse;
      expect(c3.ticketUpdates).toEqual([]);
    });
  });

  describe('inventory', () => {
    it('stores a full inventory, fills the list columns and the software table', async () => {
      const d = await enroll(h);
      const res = await putInventory(d.auth, upload(fullInventory({ packages: packages(300), avSignaturesUpToDate: false, backup: 'stale', freePercent: 7.5 })));
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({ duplicate: false });
      const row = await h.store.devices.row(d.deviceId);
      expect(row).toMatchObject({ os_name: 'Windows 11 Pro', logged_in_user: 'alice', av_state: 'outdated', backup_state: 'stale', min_free_disk_pct: 7.5 });
      const sw = await h.store.db.selectFrom('device_software').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      expect(Number(sw?.n)).toBe(300);
    });

    it('is idempotent by upload id and refuses another device replaying the id', async () => {
      const a = await enroll(h);
      const b = await enroll(h);
      const body = upload(fullInventory());
      const first = json(await putInventory(a.auth, body)) as UploadAck;
      const again = json(await putInventory(a.auth, body)) as UploadAck;
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ ...first, duplicate: true });
      const other = await putInventory(b.auth, body);
      expect(other.statusCode).toBe(409);
    });

    it('merges a partial upload into the latest inventory and records history', async () => {
      const d = await enroll(h);
      await putInventory(d.auth, upload(fullInventory({ packages: [pkg('Firefox', '120.0'), pkg('7-Zip', '23.01')], ipv4: ['10.0.0.5'] })));
      h.advance(60_000);
      const next = fullSections({ packages: [pkg('Firefox', '121.0'), pkg('VLC', '3.0.20')], ipv4: ['10.0.0.9'], avMode: 'disabled' });
      const res = await putInventory(d.auth, upload(partialInventory({ software: next.software, network: next.network, antivirus: next.antivirus })));
      expect(res.statusCode).toBe(200);
      const latest = await h.store.inventory.latest(d.deviceId);
      expect(latest?.sections.hardware?.data?.cpu.model).toBe('Intel Core i7-1365U');
      expect(latest?.sections.software?.data?.packages.map((p) => p.name)).toEqual(['Firefox', 'VLC']);
      const history = await h.store.inventory.history(d.deviceId, { page: 1, pageSize: 100 });
      const summary = history.items.map((e) => `${e.kind}:${e.subject}:${e.before ?? ''}->${e.after ?? ''}`).sort();
      expect(summary).toEqual(
        [
          'software-updated:Firefox:120.0->121.0',
          'software-installed:VLC:->3.0.20',
          'software-removed:7-Zip:23.01->',
          'ip-changed:Ethernet:10.0.0.5->10.0.0.9',
          'protection-changed:antivirus: Microsoft Defender Antivirus:active, real-time on, signatures current->disabled, real-time off, signatures current',
        ].sort(),
      );
      expect((await h.store.devices.row(d.deviceId))?.av_state).toBe('off');
      const names = await h.store.db
        .selectFrom('device_software')
        .innerJoin('software_names', 'software_names.id', 'device_software.name_id')
        .select('software_names.name_lower')
        .where('device_software.device_id', '=', d.deviceId)
        .orderBy('software_names.name_lower')
        .execute();
      expect(names.map((n) => n.name_lower)).toEqual(['firefox', 'vlc']);
    });

    it('keeps both of two partial uploads of one device that arrive together (merge redone on the winner)', async () => {
      const d = await enroll(h);
      await putInventory(d.auth, upload(fullInventory({ packages: [pkg('Firefox', '120.0')], ipv4: ['10.0.0.5'] })));
      h.advance(60_000);
      const next = fullSections({ packages: [pkg('Firefox', '121.0'), pkg('VLC', '3.0.20')], ipv4: ['10.0.0.9'], avMode: 'disabled' });
      // Both read the same previous inventory before either writes.
      const [a, b] = await Promise.all([
        putInventory(d.auth, upload(partialInventory({ software: next.software }))),
        putInventory(d.auth, upload(partialInventory({ network: next.network, antivirus: next.antivirus }))),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      const latest = await h.store.inventory.latest(d.deviceId);
      expect(latest?.sections.software?.data?.packages.map((p) => p.name)).toEqual(['Firefox', 'VLC']);
      expect(latest?.sections.antivirus?.data?.products[0]?.enabled).toBe(false);
      const names = await h.store.db
        .selectFrom('device_software')
        .innerJoin('software_names', 'software_names.id', 'device_software.name_id')
        .select('software_names.name_lower')
        .where('device_software.device_id', '=', d.deviceId)
        .orderBy('software_names.name_lower')
        .execute();
      expect(names.map((n) => n.name_lower)).toEqual(['firefox', 'vlc']);
      const history = await h.store.inventory.history(d.deviceId, { page: 1, pageSize: 100 });
      expect(history.items.map((e) => e.kind).sort()).toEqual(['ip-changed', 'protection-changed', 'software-installed', 'software-updated']);
      expect((await h.store.devices.row(d.deviceId))?.av_state).toBe('off');
    });

    it('accepts gzip and refuses a gzip bomb with 413 without storing anything', async () => {
      const d = await enroll(h);
      const body = upload(fullInventory({ packages: packages(500) }));
      const gz = gzipSync(Buffer.from(JSON.stringify(body)));
      const ok = await h.app.inject({
        method: 'PUT',
        url: `${AGENT_API_BASE}/inventory`,
        headers: { ...d.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gz,
      });
      expect(ok.statusCode).toBe(200);
      // 64 MiB of spaces inside a JSON string compresses to ~64 KiB: a classic bomb.
      const bomb = gzipSync(Buffer.concat([Buffer.from('{"uploadId":"'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const refused = await h.app.inject({
        method: 'PUT',
        url: `${AGENT_API_BASE}/inventory`,
        headers: { ...d.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: bomb,
      });
      expect(refused.statusCode).toBe(413);
      expect(json(refused)).toMatchObject({ error: { code: 'payload_too_large' } });
      const uploads = await h.store.db.selectFrom('uploads').select('id').execute();
      expect(uploads).toHaveLength(1);
    });

    it('refuses bodies over the wire limit, unknown encodings and corrupt gzip', async () => {
      const d = await enroll(h);
      const huge = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/checkin`, headers: { ...d.auth, 'content-type': 'application/json' }, payload: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.statusCode).toBe(413);
      const br = await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: { ...d.auth, 'content-type': 'application/json', 'content-encoding': 'br' }, payload: '{}' });
      expect(br.statusCode).toBe(415);
      const corrupt = await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: { ...d.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: Buffer.from('not gzip') });
      expect(corrupt.statusCode).toBe(400);
    });

    it('explains schema violations with paths', async () => {
      const d = await enroll(h);
      const doc = fullInventory();
      const bad = { uploadId: randomUUID(), document: { ...doc, sections: { ...doc.sections, system: { status: 'ok', durationMs: 1, data: null } } } };
      const res = await putInventory(d.auth, bad);
      expect(res.statusCode).toBe(400);
      const body = json(res) as { error: { code: string; details: { path: string }[] } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details.some((x) => x.path.includes('system'))).toBe(true);
    });
  });

  describe('tickets', () => {
    it('files a ticket with a screenshot, verifies it and stores it content-addressed', async () => {
      const d = await enroll(h);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(200 * 1024, 7)]);
      const t = ticketSubmission({
        attachments: [{ field: 'screenshot', name: 'screen.png', type: 'image/png', size: png.length, sha256: sha256(png), role: 'screenshot' }],
      });
      const res = await fileTicket(h, d, t, [{ field: 'screenshot', bytes: png }]);
      expect(res.statusCode).toBe(200);
      const ack = json(res) as TicketAck;
      expect(ack).toMatchObject({ id: t.id, duplicate: false, number: 1, status: 'new' });
      const digest = sha256(png);
      const onDisk = await readFile(join(h.dataDir, 'attachments', digest.slice(0, 2), digest.slice(2, 4), digest));
      expect(onDisk.equals(png)).toBe(true);
      const row = await h.store.tickets.row(t.id);
      expect(row?.computed_priority).toBe('high');

      const retry = json(await fileTicket(h, d, t, [{ field: 'screenshot', bytes: png }])) as TicketAck;
      expect(retry).toMatchObject({ id: t.id, duplicate: true, number: 1 });
      const count = await h.store.db.selectFrom('tickets').select('id').execute();
      expect(count).toHaveLength(1);
    });

    it('refuses an attachment whose bytes do not match the declared SHA-256, and undeclared files', async () => {
      const d = await enroll(h);
      const bytes = Buffer.from('hello');
      const t = ticketSubmission({ attachments: [{ field: 'log', name: 'log.txt', type: 'text/plain', size: 5, sha256: sha256(Buffer.from('HELLO')), role: 'file' }] });
      const res = await fileTicket(h, d, t, [{ field: 'log', bytes }]);
      expect(res.statusCode).toBe(400);
      expect(await h.store.tickets.row(t.id)).toBeNull();
      const undeclared = await fileTicket(h, d, ticketSubmission(), [{ field: 'extra', bytes }]);
      expect(undeclared.statusCode).toBe(400);
      const missing = await fileTicket(h, d, ticketSubmission({ attachments: [{ field: 'log', name: 'l', type: 'text/plain', size: 5, sha256: sha256(bytes), role: 'file' }] }));
      expect(missing.statusCode).toBe(400);
    });

    it('refuses an oversized screenshot with 413 and stores no ticket', async () => {
      const d = await enroll(h);
      const big = Buffer.alloc(8 * 1024 * 1024 + 1, 1);
      const t = ticketSubmission({ attachments: [{ field: 'screenshot', name: 's.png', type: 'image/png', size: big.length, sha256: sha256(big), role: 'screenshot' }] });
      const res = await fileTicket(h, d, t, [{ field: 'screenshot', bytes: big }]);
      expect(res.statusCode).toBe(413);
      expect(json(res)).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(await h.store.tickets.row(t.id)).toBeNull();
    });

    it('refuses JSON bodies and a broken ticket field', async () => {
      const d = await enroll(h);
      const asJson = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets`, headers: d.auth, payload: ticketSubmission() });
      expect(asJson.statusCode).toBe(415);
      for (const contentType of [undefined, 'application/json']) {
        const mp = multipart([{ name: 'ticket', value: '{nope', ...(contentType ? { contentType } : {}) }]);
        const broken = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets`, headers: { ...d.auth, 'content-type': mp.contentType }, payload: mp.body });
        expect(broken.statusCode).toBe(400);
      }
      // A ticket part without a declared type (plain text) is accepted too.
      const t = ticketSubmission();
      const plain = multipart([{ name: 'ticket', value: JSON.stringify(t) }]);
      const ok = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets`, headers: { ...d.auth, 'content-type': plain.contentType }, payload: plain.body });
      expect(ok.statusCode).toBe(200);
    });

    it('lists only the device own tickets and accepts idempotent comments', async () => {
      const a = await enroll(h);
      const b = await enroll(h);
      const ta = ticketSubmission();
      await fileTicket(h, a, ta);
      await fileTicket(h, b, ticketSubmission({ subject: 'B problem' }));
      const list = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: a.auth })) as DeviceTicketList;
      expect(list.tickets.map((t) => t.id)).toEqual([ta.id]);

      const comment = { id: randomUUID(), body: 'It works again after a restart', createdAt: '2026-11-01T10:00:00.000Z' };
      const url = `${AGENT_API_BASE}/tickets/${ta.id}/comments`;
      const first = json(await h.app.inject({ method: 'POST', url, headers: a.auth, payload: comment })) as UploadAck;
      const again = json(await h.app.inject({ method: 'POST', url, headers: a.auth, payload: comment })) as UploadAck;
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      const foreign = await h.app.inject({ method: 'POST', url, headers: b.auth, payload: { ...comment, id: randomUUID() } });
      expect(foreign.statusCode).toBe(404);
      const after = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: a.auth })) as DeviceTicketList;
      expect(after.tickets[0]?.messages.map((m) => [m.author, m.body, m.authorName])).toEqual([['user', 'It works again after a restart', 'Alice Martin']]);
    });

    it('answers a reply to a closed ticket with 409 ticket_closed, and stores nothing', async () => {
      const d = await enroll(h);
      const t = ticketSubmission();
      await fileTicket(h, d, t);
      await h.store.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', t.id).execute();
      const res = await h.app.inject({
        method: 'POST',
        url: `${AGENT_API_BASE}/tickets/${t.id}/comments`,
        headers: d.auth,
        payload: { id: randomUUID(), body: 'Still broken', createdAt: '2026-11-01T10:00:00.000Z' },
      });
      expect(res.statusCode).toBe(409);
      expect((json(res) as { error: { code: string } }).error.code).toBe('ticket_closed');
      expect(await h.store.tickets.messages(t.id)).toEqual([]);
    });

    it('numbers tickets in sequence and derives priority from urgency and impact', async () => {
      const d = await enroll(h);
      const low = ticketSubmission({ urgency: 'low', impact: 'me' });
      const critical = ticketSubmission({ urgency: 'critical', impact: 'organisation' });
      const n1 = json(await fileTicket(h, d, low)) as TicketAck;
      const n2 = json(await fileTicket(h, d, critical)) as TicketAck;
      expect([n1.number, n2.number]).toEqual([1, 2]);
      expect((await h.store.tickets.row(low.id))?.computed_priority).toBe('low');
      expect((await h.store.tickets.row(critical.id))?.computed_priority).toBe('critical');
    });
  });
});
