import { randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  CONSOLE_API_BASE,
  type CheckinResponse,
  type DevicePage,
  type DeviceTicketList,
  type EnrollResponse,
  type PendingDecisionResult,
  type PendingDeviceList,
} from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runAllJobs } from '../src/housekeeping/jobs.js';
import { challenge, enrollAttempt, newKey, proofFor, type TestKey } from './helpers/device-key.js';
import { DATABASES, checkin, createHarness, fileTicket, json, newSecret, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const UUID = 'A1B2C3D4-0000-1111-2222-333344445555';
const SERIAL = 'PF3ABCDE';
const WRITE = { 'x-deskside-console': '1' };

describe.each(DATABASES)('enrollment cannot hijack a device, on %s', (kind) => {
  let h: Harness;
  let secret: string;
  let key: TestKey;
  let victim: EnrolledDevice;
  let admin: Session;

  const enrolled = (res: { statusCode: number; body: string }): EnrolledDevice => {
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res as never) as EnrollResponse;
    return { ...body, auth: { authorization: `Bearer ${body.credential}` } };
  };
  const tickets = async (d: EnrolledDevice) => (json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: d.auth })) as DeviceTicketList).tickets;
  const auditActions = async (deviceId: string) => (await h.store.audit.forTarget('device', deviceId)).map((e) => e.action);
  const consolePost = (path: string, session: Session = admin) => h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}${path}`, headers: { ...session.headers, ...WRITE } });

  beforeEach(async () => {
    h = await createHarness(kind);
    secret = await newSecret(h);
    key = newKey();
    victim = enrolled(await enrollAttempt(h, { hostname: 'victim', hardwareUuid: UUID, serial: SERIAL, key, secret }));
    expect((await fileTicket(h, victim, ticketSubmission())).statusCode).toBe(200);
    admin = await technician(h, 'root', 'admin');
  });
  afterEach(async () => {
    await h.close();
  });

  const attempts: readonly [string, { hardwareUuid: string | null; serial: string | null; withKey: boolean }][] = [
    ['serial only, no key', { hardwareUuid: null, serial: SERIAL, withKey: false }],
    ['UUID only, no key', { hardwareUuid: UUID, serial: null, withKey: false }],
    ['both, no key', { hardwareUuid: UUID, serial: SERIAL, withKey: false }],
    ['serial only, fresh key', { hardwareUuid: null, serial: SERIAL, withKey: true }],
    ['UUID only, fresh key', { hardwareUuid: UUID, serial: null, withKey: true }],
    ['both, fresh key', { hardwareUuid: UUID, serial: SERIAL, withKey: true }],
  ];

  it.each(attempts)('%s: a separate pending device, the real one untouched', async (_name, a) => {
    const res = await enrollAttempt(h, { hostname: 'intruder', hardwareUuid: a.hardwareUuid, serial: a.serial, secret, ...(a.withKey ? { key: newKey() } : {}) });
    const intruder = enrolled(res);
    expect(intruder.deviceId).not.toBe(victim.deviceId);
    expect(intruder.enrollState).toBe('pending');
    expect(intruder.keyBound).toBe(a.withKey);
    // The real device's credential, tickets and name are as they were.
    expect((await checkin(h, victim)).statusCode).toBe(200);
    expect(await tickets(victim)).toHaveLength(1);
    expect(await tickets(intruder)).toEqual([]);
    expect(await h.store.devices.row(victim.deviceId)).toMatchObject({ key_fingerprint: expect.any(String), enroll_state: 'active' });
    expect((await h.store.devices.row(victim.deviceId))?.hostname).not.toBe('intruder');
    const row = await h.store.devices.row(intruder.deviceId);
    expect(row).toMatchObject({ enroll_state: 'pending', resembles_device_id: victim.deviceId });
    expect(await auditActions(intruder.deviceId)).toEqual(['device.enroll-pending']);
    expect(await auditActions(victim.deviceId)).toContain('device.duplicate-suspect');
  });

  it('a stolen public key without its private key is refused, and the challenge is spent', async () => {
    const other = newKey();
    const c = await challenge(h);
    const forged = proofFor(key, c, { purpose: 'enroll', deviceId: null, hardwareUuid: UUID, serial: SERIAL, platform: 'win32' }, other.privateKey);
    const res = await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, proof: forged, secret });
    expect(res.statusCode).toBe(401);
    expect(json(res)).toMatchObject({ error: { code: 'unauthorized' } });
    // Even correctly signed, the same challenge does not serve twice.
    const honest = proofFor(other, c, { purpose: 'enroll', deviceId: null, hardwareUuid: UUID, serial: SERIAL, platform: 'win32' });
    expect((await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, proof: honest, secret })).statusCode).toBe(401);
    expect((await checkin(h, victim)).statusCode).toBe(200);
    expect(await h.store.db.selectFrom('devices').select('id').execute()).toHaveLength(1);
  });

  it('a replayed enrollment (the real device key, an old challenge) is refused', async () => {
    const c = await challenge(h);
    const proof = proofFor(key, c, { purpose: 'enroll', deviceId: null, hardwareUuid: UUID, serial: SERIAL, platform: 'win32' });
    const first = enrolled(await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, proof, secret }));
    expect(first.deviceId).toBe(victim.deviceId);
    const replay = await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, proof, secret });
    expect(replay.statusCode).toBe(401);
    expect((await checkin(h, first)).statusCode).toBe(200);
  });

  it('a proof made for other fields (another serial) does not verify', async () => {
    const c = await challenge(h);
    const proof = proofFor(key, c, { purpose: 'enroll', deviceId: null, hardwareUuid: UUID, serial: 'OTHER', platform: 'win32' });
    expect((await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, proof, secret })).statusCode).toBe(401);
    expect((await checkin(h, victim)).statusCode).toBe(200);
  });

  it('housekeeping deletes the challenges nobody answered', async () => {
    await challenge(h);
    await challenge(h);
    expect((await runAllJobs({ store: h.store })).challenges).toBe(0);
    h.advance(6 * 60_000);
    expect((await runAllJobs({ store: h.store })).challenges).toBe(2);
  });

  it('an expired challenge is refused', async () => {
    const c = await challenge(h);
    h.advance(6 * 60_000);
    const proof = proofFor(key, c, { purpose: 'enroll', deviceId: null, hardwareUuid: UUID, serial: SERIAL, platform: 'win32' });
    expect((await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, proof, secret })).statusCode).toBe(401);
  });

  it('the same key re-enrolls the same device: new credential, old one revoked, audited', async () => {
    const again = enrolled(await enrollAttempt(h, { hostname: 'renamed', hardwareUuid: UUID, serial: SERIAL, key, secret }));
    expect(again.deviceId).toBe(victim.deviceId);
    expect(again.enrollState).toBe('active');
    expect(again.credential).not.toBe(victim.credential);
    expect((await checkin(h, victim)).statusCode).toBe(401);
    expect((await checkin(h, again)).statusCode).toBe(200);
    expect(await tickets(again)).toHaveLength(1);
    expect(await auditActions(victim.deviceId)).toEqual(['device.enroll', 'device.re-enroll']);
  });

  it('a device enrolled without a key binds one at check-in; from then on only that key re-enrolls it', async () => {
    const legacy = enrolled(await enrollAttempt(h, { hardwareUuid: 'LEGACY-UUID-0001', serial: 'LEGACY1', secret }));
    expect(legacy).toMatchObject({ enrollState: 'active', keyBound: false });
    expect((json(await checkin(h, legacy)) as CheckinResponse).keyBound).toBe(false);
    // A keyed enrollment naming the legacy device's hardware is a pending duplicate, not the device.
    const squatter = enrolled(await enrollAttempt(h, { hardwareUuid: 'LEGACY-UUID-0001', serial: 'LEGACY1', key: newKey(), secret }));
    expect(squatter.deviceId).not.toBe(legacy.deviceId);
    expect(squatter.enrollState).toBe('pending');

    const own = newKey();
    const bind = (k: TestKey, d: EnrolledDevice, signer = k.privateKey) =>
      challenge(h).then((c) =>
        h.app.inject({
          method: 'POST',
          url: `${AGENT_API_BASE}/key`,
          headers: d.auth,
          payload: { proof: proofFor(k, c, { purpose: 'bind-key', deviceId: d.deviceId, hardwareUuid: null, serial: null, platform: null }, signer) },
        }),
      );
    expect((await bind(own, legacy, newKey().privateKey)).statusCode).toBe(401);
    const bound = await bind(own, legacy);
    expect(bound.statusCode, bound.body).toBe(200);
    expect((json(await checkin(h, legacy)) as CheckinResponse).keyBound).toBe(true);
    expect((await bind(own, legacy)).statusCode).toBe(200);
    expect(json(await bind(newKey(), legacy))).toMatchObject({ error: { code: 'conflict' } });
    // The key of one device cannot be bound to another.
    expect((await bind(key, legacy)).statusCode).toBe(409);
    expect(await auditActions(legacy.deviceId)).toContain('device.key-bound');

    const again = enrolled(await enrollAttempt(h, { hardwareUuid: 'LEGACY-UUID-0001', serial: 'LEGACY1', key: own, secret }));
    expect(again.deviceId).toBe(legacy.deviceId);
  });

  describe('credential recovery by key proof', () => {
    const recover = async (deviceId: string, k: TestKey, signer = k.privateKey) => {
      const c = await challenge(h);
      return h.app.inject({
        method: 'POST',
        url: `${AGENT_API_BASE}/recover`,
        payload: { deviceId, agentVersion: '0.2.0', proof: proofFor(k, c, { purpose: 'recover', deviceId, hardwareUuid: null, serial: null, platform: null }, signer) },
      });
    };

    it('a refused credential is replaced when the device proves its key', async () => {
      await h.store.devices.revokeCredentials(victim.deviceId);
      expect((await checkin(h, victim)).statusCode).toBe(401);
      const renewed = enrolled(await recover(victim.deviceId, key));
      expect(renewed.deviceId).toBe(victim.deviceId);
      expect((await checkin(h, renewed)).statusCode).toBe(200);
      expect(await auditActions(victim.deviceId)).toContain('device.credential-recover');
    });

    it('another key, a forged signature or an unknown device get one 401', async () => {
      const other = newKey();
      for (const res of [await recover(victim.deviceId, other), await recover(victim.deviceId, key, other.privateKey), await recover(randomUUID(), key)]) {
        expect(res.statusCode).toBe(401);
        expect(json(res)).toMatchObject({ error: { code: 'unauthorized' } });
      }
      expect((await checkin(h, victim)).statusCode).toBe(200);
    });
  });

  describe('administrator decisions', () => {
    let intruderKey: TestKey;
    let pending: EnrolledDevice;
    beforeEach(async () => {
      intruderKey = newKey();
      pending = enrolled(await enrollAttempt(h, { hostname: 'reinstalled', hardwareUuid: UUID, serial: SERIAL, key: intruderKey, secret }));
    });

    it('lists pending devices beside the device they resemble, for admins only', async () => {
      const tech = await technician(h, 'tina');
      expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/enrollments/pending`, headers: tech.headers })).statusCode).toBe(403);
      expect((await consolePost(`/enrollments/${pending.deviceId}/approve`, tech)).statusCode).toBe(403);
      const list = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/enrollments/pending`, headers: admin.headers })) as PendingDeviceList;
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({
        device: { id: pending.deviceId, enrollState: 'pending', resemblesDeviceId: victim.deviceId, keyBound: true },
        resembles: { id: victim.deviceId, enrollState: 'active' },
        matchedOn: ['hardwareUuid', 'serial'],
      });
    });

    it('approve: a separate active device', async () => {
      const res = await consolePost(`/enrollments/${pending.deviceId}/approve`);
      expect((json(res) as PendingDecisionResult).device).toMatchObject({ id: pending.deviceId, enrollState: 'active', resemblesDeviceId: null });
      expect((await consolePost(`/enrollments/${pending.deviceId}/approve`)).statusCode).toBe(409);
      expect((await checkin(h, victim)).statusCode).toBe(200);
      expect(await auditActions(pending.deviceId)).toContain('device.enroll-approve');
    });

    it('merge: the existing device takes the new key and credential, keeps its tickets, the old credential is revoked', async () => {
      expect((await fileTicket(h, pending, ticketSubmission())).statusCode).toBe(200);
      const res = await consolePost(`/enrollments/${pending.deviceId}/merge`);
      expect(res.statusCode, res.body).toBe(200);
      expect((json(res) as PendingDecisionResult).device).toMatchObject({ id: victim.deviceId, hostname: 'reinstalled', keyBound: true });
      expect((await checkin(h, victim)).statusCode).toBe(401);
      expect((await checkin(h, pending)).statusCode).toBe(200);
      expect(await tickets(pending)).toHaveLength(2);
      expect(await h.store.devices.row(pending.deviceId)).toBeNull();
      // The new key now re-enrolls the merged device.
      const again = enrolled(await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, key: intruderKey, secret }));
      expect(again.deviceId).toBe(victim.deviceId);
      expect(await auditActions(victim.deviceId)).toContain('device.enroll-merge');
      expect(await auditActions(pending.deviceId)).toContain('device.enroll-merge');
    });

    it('reject: its credential is revoked and its key can neither enroll nor recover', async () => {
      const res = await consolePost(`/enrollments/${pending.deviceId}/reject`);
      expect((json(res) as PendingDecisionResult).device.enrollState).toBe('rejected');
      expect((await checkin(h, pending)).statusCode).toBe(401);
      const c = await challenge(h);
      const recover = await h.app.inject({
        method: 'POST',
        url: `${AGENT_API_BASE}/recover`,
        payload: {
          deviceId: pending.deviceId,
          agentVersion: '0.2.0',
          proof: proofFor(intruderKey, c, { purpose: 'recover', deviceId: pending.deviceId, hardwareUuid: null, serial: null, platform: null }),
        },
      });
      expect(recover.statusCode).toBe(403);
      expect(json(recover)).toMatchObject({ error: { code: 'forbidden' } });
      expect((await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, key: intruderKey, secret })).statusCode).toBe(403);
      expect((await checkin(h, victim)).statusCode).toBe(200);
      expect(await auditActions(pending.deviceId)).toContain('device.enroll-reject');
    });

    it('unknown and already-decided devices are refused in the shared error shape', async () => {
      expect(json(await consolePost(`/enrollments/${randomUUID()}/merge`))).toMatchObject({ error: { code: 'not_found' } });
      expect(json(await consolePost(`/enrollments/${victim.deviceId}/reject`))).toMatchObject({ error: { code: 'conflict' } });
      expect((await checkin(h, victim)).statusCode).toBe(200);
    });
  });

  it('flags a device re-enrolled three times in 24 hours, and lets the flag lapse', async () => {
    for (let i = 0; i < 3; i += 1) enrolled(await enrollAttempt(h, { hardwareUuid: UUID, serial: SERIAL, key, secret }));
    const flaps = async () => {
      const res = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices`, headers: admin.headers });
      if (res.statusCode !== 200) throw new Error(res.body);
      const page = json(res) as DevicePage;
      return page.items.find((d) => d.id === victim.deviceId)?.credentialFlaps;
    };
    expect(await flaps()).toBe(3);
    const detail = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices/${victim.deviceId}`, headers: admin.headers })) as { device: { credentialFlaps: number } };
    expect(detail.device.credentialFlaps).toBe(3);
    h.advance(25 * 3_600_000);
    admin = await technician(h, 'root-next-day', 'admin');
    expect(await flaps()).toBe(0);
  });
});
