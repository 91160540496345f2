import { randomUUID } from 'node:crypto';

import { isOutOfService, type AssetFields, type AssetStatus, type AssetStatusEvent, type AssetView } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Actor, AuditRepo } from './audit-repo.js';
import type { Clock } from './clock.js';
import type { Database, DevicesTable } from './tables.js';
import { iso, isoOrNull } from './values.js';

/** Who made a change, for the status history and the audit log. */
export interface ChangeContext {
  readonly actor: Actor;
  readonly ip: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The asset record's fields and the device columns that hold them. */
export const ASSET_COLUMNS = {
  assetTag: 'asset_tag',
  owner: 'owner',
  department: 'department',
  location: 'location',
  purchaseDate: 'purchase_date',
  supplier: 'supplier',
  warrantyEnd: 'warranty_end',
  notes: 'asset_notes',
} as const satisfies Record<keyof AssetFields, keyof DevicesTable>;

export type AssetColumn = (typeof ASSET_COLUMNS)[keyof AssetFields];
export type AssetRow = Pick<DevicesTable, AssetColumn | 'id' | 'hostname' | 'serial' | 'stale_since' | 'retired_contact_at' | 'asset_status_at'> & { asset_status: string };

export function assetFieldsOf(row: Pick<DevicesTable, AssetColumn>): AssetFields {
  return {
    assetTag: row.asset_tag,
    owner: row.owner,
    department: row.department,
    location: row.location,
    purchaseDate: row.purchase_date,
    supplier: row.supplier,
    warrantyEnd: row.warranty_end,
    notes: row.asset_notes,
  };
}

/** The fields of `patch` whose value differs from `current`. */
export function changedFields(current: AssetFields, patch: Partial<AssetFields>): (keyof AssetFields)[] {
  return (Object.keys(ASSET_COLUMNS) as (keyof AssetFields)[]).filter((k) => patch[k] !== undefined && patch[k] !== current[k]);
}

const ASSET_SELECT = ['id', 'hostname', 'serial', 'asset_status', 'asset_status_at', 'stale_since', 'retired_contact_at', ...Object.values(ASSET_COLUMNS)] as const;

/**
 * Asset records and their life cycle. A change of status is one transaction: the device row, the
 * status history, the revoked credential of a machine taken out of service, and the audit entry.
 */
export class AssetsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditRepo,
  ) {}

  async row(deviceId: string, db: Db = this.db): Promise<AssetRow | null> {
    return (await db.selectFrom('devices').select(ASSET_SELECT).where('id', '=', deviceId).executeTakeFirst()) ?? null;
  }

  async view(deviceId: string): Promise<AssetView | null> {
    const row = await this.row(deviceId);
    if (row === null) return null;
    const history = await this.db.selectFrom('device_status_history').selectAll().where('device_id', '=', deviceId).orderBy('at', 'desc').orderBy('id').limit(100).execute();
    return {
      fields: assetFieldsOf(row),
      status: row.asset_status as AssetStatus,
      statusAt: isoOrNull(row.asset_status_at),
      staleSince: isoOrNull(row.stale_since),
      retiredContactAt: isoOrNull(row.retired_contact_at),
      history: history.map<AssetStatusEvent>((h) => ({
        id: h.id,
        at: iso(h.at),
        from: h.from_status as AssetStatus | null,
        to: h.to_status as AssetStatus,
        by: h.actor,
        reason: h.reason,
      })),
    };
  }

  /** Writes the given fields; returns the names that changed (none: nothing written, nothing audited). */
  async update(deviceId: string, patch: Partial<AssetFields>, by: ChangeContext, db: Db = this.db): Promise<(keyof AssetFields)[] | null> {
    const row = await this.row(deviceId, db);
    if (row === null) return null;
    const current = assetFieldsOf(row);
    const changed = changedFields(current, patch);
    if (changed.length === 0) return [];
    const set: Partial<Record<AssetColumn, string | null>> = {};
    for (const k of changed) set[ASSET_COLUMNS[k]] = patch[k] ?? null;
    await db.updateTable('devices').set(set).where('id', '=', deviceId).execute();
    await this.audit.record(
      {
        actor: by.actor,
        action: 'device.asset-update',
        target: { kind: 'device', id: deviceId },
        details: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: patch[k] ?? null }])),
        ip: by.ip,
      },
      this.clock(),
      db,
    );
    return changed;
  }

  /**
   * Moves the device to `status` (no-op when already there). Out of service (retired, disposed) revokes
   * its credential: the agent is refused from then on, and a later attempt is noted as a finding.
   */
  async changeStatus(deviceId: string, status: AssetStatus, reason: string | null, by: ChangeContext, db?: Db): Promise<boolean | null> {
    const run = async (trx: Db): Promise<boolean | null> => {
      const row = await this.row(deviceId, trx);
      if (row === null) return null;
      const from = row.asset_status as AssetStatus;
      if (from === status) return false;
      const now = this.clock();
      await trx
        .updateTable('devices')
        .set({ asset_status: status, asset_status_at: now, ...(isOutOfService(status) ? {} : { retired_contact_at: null }) })
        .where('id', '=', deviceId)
        .execute();
      await trx
        .insertInto('device_status_history')
        .values({ id: randomUUID(), device_id: deviceId, at: now, from_status: from, to_status: status, actor: by.actor.name ?? by.actor.kind, reason: reason === '' ? null : reason })
        .execute();
      if (isOutOfService(status)) {
        await trx.updateTable('device_credentials').set({ revoked_at: now }).where('device_id', '=', deviceId).where('revoked_at', 'is', null).execute();
      }
      await this.audit.record({ actor: by.actor, action: 'device.asset-status', target: { kind: 'device', id: deviceId }, details: { from, to: status, reason }, ip: by.ip }, now, trx);
      return true;
    };
    return db === undefined ? this.db.transaction().execute(run) : run(db);
  }

  /** Every device's record for the CSV export, by host name. */
  async exportRows(status: AssetStatus | undefined) {
    let q = this.db.selectFrom('devices').select(ASSET_SELECT);
    if (status !== undefined) q = q.where('asset_status', '=', status);
    return q.orderBy('hostname').orderBy('id').execute();
  }

  /** Runs `work` in one transaction (the CSV import: every row or none). */
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
