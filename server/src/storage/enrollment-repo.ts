import { randomUUID, timingSafeEqual } from 'node:crypto';

import type { DeviceIdentity, Platform } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import { hashToken, newToken } from '../auth/tokens.js';
import type { ProvenKey } from '../enrollment/key-proof.js';
import { searchText } from '../inventory/derive.js';
import type { Clock } from './clock.js';
import { usableHardwareId } from './devices-repo.js';
import type { Database } from './tables.js';
import { json } from './values.js';

export interface EnrollInput {
  readonly identity: DeviceIdentity;
  readonly platform: Platform;
  readonly osName: string | null;
  readonly agentVersion: string;
  readonly ip: string | null;
  readonly tag: string | null;
  /** The device key the enrollment proved; null for agents from before device keys. */
  readonly key: ProvenKey | null;
}

/**
 * `enrolled`: new hardware, new device. `re-enrolled`: the device holding this key, new credential.
 * `pending`: hardware like an existing device's but not its key: a new device awaiting an admin.
 */
export type EnrollOutcome = 'enrolled' | 're-enrolled' | 'pending';

export interface EnrollResult {
  readonly deviceId: string;
  readonly credential: string;
  readonly outcome: EnrollOutcome;
  /** The device's state afterwards (a pending device re-enrolling with its key stays pending). */
  readonly state: 'active' | 'pending';
  /** For `pending`: the device it resembles. */
  readonly resembles: string | null;
  readonly matchedOn: readonly ('hardwareUuid' | 'serial')[];
}

/** The key's device was rejected by an administrator: enrolling it again is refused, not hidden. */
export class DeviceRejectedError extends Error {
  constructor() {
    super('an administrator rejected this device; ask IT to enroll it again');
    this.name = 'DeviceRejectedError';
  }
}

/** The key is already bound to another device, or this device is bound to another key. */
export class KeyConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyConflictError';
  }
}

type Db = Kysely<Database> | Transaction<Database>;

const sameFingerprint = (a: string | null, b: string): boolean => a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Enrollment decisions. The rule that matters: hardware identifiers are claims anyone with the
 * enrollment secret can repeat, so they never hand over an existing device; only its key does.
 */
export class EnrollmentRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async enroll(trx: Transaction<Database>, input: EnrollInput): Promise<EnrollResult> {
    const uuid = usableHardwareId(input.identity.hardwareUuid);
    const serial = usableHardwareId(input.identity.serial);
    if (input.key !== null) {
      const own = await trx
        .selectFrom('devices')
        .select(['id', 'enroll_state', 'asset_status'])
        .where('key_fingerprint', '=', input.key.fingerprint)
        .orderBy('enrolled_at', 'asc')
        .executeTakeFirst();
      if (own !== undefined) {
        if (own.enroll_state === 'rejected') throw new DeviceRejectedError();
        await trx
          .updateTable('devices')
          // A retired machine that enrolls again is back on the network: noted for the "retired but still checking in" finding.
          .set({ ...this.reported(input, uuid, serial), full_inventory_requested: 1, ...(own.asset_status === 'retired' || own.asset_status === 'disposed' ? { retired_contact_at: this.clock() } : {}) })
          .where('id', '=', own.id)
          .execute();
        const credential = await this.replaceCredentials(trx, own.id);
        return { deviceId: own.id, credential, outcome: 're-enrolled', state: own.enroll_state === 'pending' ? 'pending' : 'active', resembles: null, matchedOn: [] };
      }
    }
    const { match, matchedOn } = await this.resembling(trx, uuid, serial, input.platform);
    const deviceId = randomUUID();
    const now = this.clock();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        ...this.reported(input, uuid, serial),
        full_inventory_requested: 1,
        os_name: input.osName,
        os_version: null,
        logged_in_user: null,
        manufacturer: null,
        model: null,
        av_state: 'unknown',
        backup_state: 'unknown',
        min_free_disk_pct: null,
        enrolled_at: now,
        inventory_at: null,
        outbox_items: null,
        search_text: searchText([input.identity.hostname, input.ip, serial]),
        public_key: input.key?.publicKey ?? null,
        key_fingerprint: input.key?.fingerprint ?? null,
        enroll_state: match === null ? 'active' : 'pending',
        resembles_device_id: match,
        asset_status: 'in-use',
        firewall_state: 'unknown',
        encryption_state: 'unknown',
      })
      .execute();
    const credential = await this.issueCredential(trx, deviceId);
    return { deviceId, credential, outcome: match === null ? 'enrolled' : 'pending', state: match === null ? 'active' : 'pending', resembles: match, matchedOn };
  }

  /**
   * The device this hardware looks like: by hardware UUID, else by serial on the same platform. An
   * active device is preferred; a pending one points at the device it resembles in turn.
   */
  private async resembling(
    trx: Db,
    uuid: string | null,
    serial: string | null,
    platform: Platform,
  ): Promise<{ match: string | null; matchedOn: ('hardwareUuid' | 'serial')[] }> {
    type Row = { id: string; enroll_state: string; resembles_device_id: string | null; hardware_uuid: string | null; serial: string | null };
    const columns = ['id', 'enroll_state', 'resembles_device_id', 'hardware_uuid', 'serial'] as const;
    let rows: Row[] = [];
    if (uuid !== null) rows = await trx.selectFrom('devices').select(columns).where('hardware_uuid', '=', uuid).orderBy('enrolled_at', 'asc').execute();
    if (rows.length === 0 && serial !== null) {
      rows = await trx.selectFrom('devices').select(columns).where('serial', '=', serial).where('platform', '=', platform).orderBy('enrolled_at', 'asc').execute();
    }
    const best = rows.find((r) => r.enroll_state === 'active') ?? rows[0];
    if (best === undefined) return { match: null, matchedOn: [] };
    const matchedOn: ('hardwareUuid' | 'serial')[] = [];
    if (uuid !== null && best.hardware_uuid === uuid) matchedOn.push('hardwareUuid');
    if (serial !== null && best.serial === serial) matchedOn.push('serial');
    return { match: best.enroll_state === 'pending' && best.resembles_device_id !== null ? best.resembles_device_id : best.id, matchedOn };
  }

  private reported(input: EnrollInput, uuid: string | null, serial: string | null) {
    return {
      hostname: input.identity.hostname,
      hardware_uuid: uuid,
      serial,
      macs: json(input.identity.macs),
      platform: input.platform,
      agent_version: input.agentVersion,
      ip: input.ip,
      tag: input.tag,
      last_seen_at: this.clock(),
    };
  }

  private async issueCredential(trx: Db, deviceId: string): Promise<string> {
    const credential = newToken('device');
    await trx
      .insertInto('device_credentials')
      .values({ id: randomUUID(), device_id: deviceId, token_hash: hashToken(credential), created_at: this.clock(), revoked_at: null })
      .execute();
    return credential;
  }

  /** One live credential per device: the new one replaces every earlier one. */
  private async replaceCredentials(trx: Db, deviceId: string): Promise<string> {
    await trx.updateTable('device_credentials').set({ revoked_at: this.clock() }).where('device_id', '=', deviceId).where('revoked_at', 'is', null).execute();
    return this.issueCredential(trx, deviceId);
  }

  /**
   * A device enrolled before keys existed binds its key. Binding the same key again is a no-op; a
   * device that holds another key, or a key another device holds, is a conflict.
   */
  async bindKey(deviceId: string, key: ProvenKey): Promise<'bound' | 'already'> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('devices').select(['key_fingerprint']).where('id', '=', deviceId).executeTakeFirst();
      if (row === undefined) throw new KeyConflictError('unknown device');
      if (row.key_fingerprint !== null) {
        if (sameFingerprint(row.key_fingerprint, key.fingerprint)) return 'already';
        throw new KeyConflictError('this device is already bound to another key');
      }
      const other = await trx.selectFrom('devices').select('id').where('key_fingerprint', '=', key.fingerprint).executeTakeFirst();
      if (other !== undefined) throw new KeyConflictError('this key is bound to another device');
      await trx.updateTable('devices').set({ public_key: key.publicKey, key_fingerprint: key.fingerprint }).where('id', '=', deviceId).execute();
      return 'bound';
    });
  }

  /**
   * A fresh credential for the device holding this key, after its credential was refused. `refused`:
   * unknown device or another key (one answer); `rejected`: an administrator rejected it on purpose.
   */
  async recover(
    trx: Transaction<Database>,
    deviceId: string,
    key: ProvenKey,
    agentVersion: string,
    ip: string | null,
  ): Promise<{ result: 'refused' } | { result: 'rejected' } | { result: 'recovered'; credential: string; hostname: string; state: string }> {
    const row = await trx.selectFrom('devices').select(['key_fingerprint', 'enroll_state', 'hostname']).where('id', '=', deviceId).executeTakeFirst();
    if (row === undefined || !sameFingerprint(row.key_fingerprint, key.fingerprint)) return { result: 'refused' };
    if (row.enroll_state === 'rejected') return { result: 'rejected' };
    await trx.updateTable('devices').set({ agent_version: agentVersion, ip, last_seen_at: this.clock() }).where('id', '=', deviceId).execute();
    return { result: 'recovered', credential: await this.replaceCredentials(trx, deviceId), hostname: row.hostname, state: row.enroll_state };
  }

  /* ───────────── administrator decisions on pending devices ───────────── */

  async pendingIds(limit = 500): Promise<{ id: string; resembles: string | null }[]> {
    const rows = await this.db
      .selectFrom('devices')
      .select(['id', 'resembles_device_id'])
      .where('enroll_state', '=', 'pending')
      .orderBy('enrolled_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, resembles: r.resembles_device_id }));
  }

  /** A separate device after all. */
  async approve(pendingId: string): Promise<boolean> {
    const r = await this.db
      .updateTable('devices')
      .set({ enroll_state: 'active', resembles_device_id: null })
      .where('id', '=', pendingId)
      .where('enroll_state', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Refused: its credentials are revoked and its key cannot enroll or recover again. */
  async reject(pendingId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('devices').set({ enroll_state: 'rejected' }).where('id', '=', pendingId).where('enroll_state', '=', 'pending').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await trx.updateTable('device_credentials').set({ revoked_at: this.clock() }).where('device_id', '=', pendingId).where('revoked_at', 'is', null).execute();
      return true;
    });
  }

  /**
   * The pending device is the resembled one (reinstalled, disk replaced): that device takes the new
   * key and the pending device's credential, its old credential is revoked, and the pending device's
   * tickets move to it. Its history and tickets stay; the pending row (and its own inventory) goes.
   */
  async merge(pendingId: string): Promise<{ into: string } | 'not-pending' | 'no-target'> {
    return this.db.transaction().execute(async (trx) => {
      const pending = await trx
        .selectFrom('devices')
        .select(['resembles_device_id', 'public_key', 'key_fingerprint', 'hostname'])
        .where('id', '=', pendingId)
        .where('enroll_state', '=', 'pending')
        .executeTakeFirst();
      if (pending === undefined) return 'not-pending';
      const into = pending.resembles_device_id;
      const target = into === null ? undefined : await trx.selectFrom('devices').select('id').where('id', '=', into).executeTakeFirst();
      if (into === null || target === undefined) return 'no-target';
      const now = this.clock();
      await trx.updateTable('device_credentials').set({ revoked_at: now }).where('device_id', '=', into).where('revoked_at', 'is', null).execute();
      await trx.updateTable('device_credentials').set({ device_id: into }).where('device_id', '=', pendingId).execute();
      await trx.updateTable('tickets').set({ device_id: into }).where('device_id', '=', pendingId).execute();
      await trx.deleteFrom('devices').where('id', '=', pendingId).execute();
      await trx
        .updateTable('devices')
        .set({ public_key: pending.public_key, key_fingerprint: pending.key_fingerprint, hostname: pending.hostname, full_inventory_requested: 1, enroll_state: 'active' })
        .where('id', '=', into)
        .execute();
      return { into };
    });
  }
}
