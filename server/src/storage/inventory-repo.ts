import type { Category, HistoryEntry, HistoryKind, HistoryPage, InventoryDocument, Sections, UserScopeEntry } from '@deskside/shared';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';

import type { StoredInventory } from '../inventory/merge.js';
import type { Clock } from './clock.js';
import { storedSectionsText } from './compressed-json.js';
import type { DatabaseKind } from './database.js';
import { planIngest, type IngestPlan, type SoftwareDelta } from './ingest-plan.js';
import { BUSY, SqliteInventoryWriter } from './sqlite-inventory-writer.js';
import type { Database, DeviceInventoriesTable, InventoryHistoryTable } from './tables.js';
import { count, iso, offsetOf, parseJson } from './values.js';

export class UploadConflictError extends Error {
  constructor() {
    super('this upload id belongs to another device');
  }
}

export interface IngestResult {
  readonly duplicate: boolean;
  readonly receivedAt: number;
  readonly changes: number;
}

/** Rows per multi-row INSERT: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

async function insertChunked(trx: Transaction<Database>, table: 'inventory_history', rows: readonly InventoryHistoryTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto(table).values(rows.slice(i, i + CHUNK)).execute();
}

export const toHistoryEntry = (r: InventoryHistoryTable): HistoryEntry => ({
  id: r.id,
  at: iso(r.at),
  kind: r.kind as HistoryKind,
  category: r.category as Category,
  subject: r.subject,
  before: r.before_value,
  after: r.after_value,
});

/** The previous inventory changed between planning and writing: plan again. */
class StalePlanError extends Error {}

/** Several uploads of one device racing is rare; this bounds the retries when it happens. */
const MAX_MERGE_ATTEMPTS = 5;

type StoredRow = Pick<DeviceInventoriesTable, 'collected_at' | 'received_at' | 'agent_version' | 'sections' | 'sections_z' | 'section_updated_at' | 'user_scope'>;

const toStored = async (row: StoredRow): Promise<StoredInventory> => ({
  collectedAt: row.collected_at,
  receivedAt: row.received_at,
  agentVersion: row.agent_version,
  sections: parseJson<Sections>(await storedSectionsText(row)),
  sectionUpdatedAt: parseJson<Partial<Record<Category, number>>>(row.section_updated_at),
  users: row.user_scope === null ? [] : parseJson<UserScopeEntry[]>(row.user_scope),
});

export class InventoryRepo {
  /** SQLite: the upload's statements, prepared once and run on the connection directly. */
  private readonly sqlite: SqliteInventoryWriter | null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    private readonly clock: Clock,
    /** SQLite's own connection. */
    raw: SQLite.Database | null = null,
  ) {
    this.sqlite = raw === null ? null : new SqliteInventoryWriter(raw);
  }

  async latest(deviceId: string): Promise<StoredInventory | null> {
    // Outside a transaction the connection sees only committed rows; inside one (another request's,
    // held across an await) it would not, so that case queues behind Kysely's connection lock.
    if (this.sqlite?.idle === true) {
      const row = this.sqlite.latest(deviceId);
      return row === undefined ? null : toStored(row);
    }
    const row = await this.db
      .selectFrom('device_inventories')
      .select(['collected_at', 'received_at', 'agent_version', 'sections', 'sections_z', 'section_updated_at', 'user_scope'])
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row === undefined ? null : toStored(row);
  }

  /**
   * Stores one upload: merges it into the latest inventory, records what changed, refreshes the
   * device's list columns. Replaying the same upload id changes nothing and says so.
   *
   * The work that needs no lock (reading the previous inventory, merging, diffing, compressing) is
   * done before the write transaction, which then only checks that the previous inventory is still
   * the latest and writes. The database's write lock (SQLite has one for everything) is held for the
   * writes alone, so other requests and other server processes wait less. Should another upload of the
   * same device have landed in between, the merge is redone on top of it.
   */
  async ingest(deviceId: string, uploadId: string, doc: InventoryDocument, ip: string | null): Promise<IngestResult> {
    for (let attempt = 1; ; attempt++) {
      const now = this.clock();
      const previous = await this.latest(deviceId);
      const plan = await planIngest(deviceId, previous, doc, ip, now);
      try {
        return this.sqlite !== null ? await this.writeSqlite(this.sqlite, deviceId, uploadId, plan, previous, doc, now) : await this.writeKysely(deviceId, uploadId, plan, previous, doc, now);
      } catch (err) {
        // Rolled back, upload id included: merge again on top of what landed meanwhile.
        if (err instanceof StalePlanError && attempt < MAX_MERGE_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /**
   * SQLite: the statements run synchronously on the connection, inside a transaction begun only when
   * no other request of this process has one open (Kysely holds the connection across awaits then).
   * The write lock is taken without waiting; while another process holds it, the attempt is repeated
   * after a short asynchronous pause, so this process keeps serving meanwhile. The pauses stop at the
   * connection's busy timeout, as SQLite's own waiting would.
   */
  private async writeSqlite(
    writer: SqliteInventoryWriter,
    deviceId: string,
    uploadId: string,
    plan: IngestPlan,
    previous: StoredInventory | null,
    doc: InventoryDocument,
    now: number,
  ): Promise<IngestResult> {
    let names: ReadonlyMap<string, number> = new Map();
    const write = (): IngestResult => {
      const claim = writer.claim(deviceId, uploadId, doc.kind, now);
      if (!claim.claimed) {
        if (claim.owner === undefined || claim.owner.device_id !== deviceId) throw new UploadConflictError();
        return { duplicate: true, receivedAt: claim.owner.received_at, changes: 0 };
      }
      if (claim.previousReceivedAt !== (previous?.receivedAt ?? null)) throw new StalePlanError();
      names = writer.write(deviceId, plan);
      return { duplicate: false, receivedAt: now, changes: plan.changes.length };
    };
    const started = performance.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 16)) {
      if (!writer.idle) {
        // Another request's transaction holds the connection: queue behind it on Kysely's lock.
        const result = await this.db.transaction().execute(async () => write());
        writer.remember(names);
        return result;
      }
      const result = writer.transactionNow(write);
      if (result !== BUSY) {
        writer.remember(names);
        return result;
      }
      if (performance.now() - started > writer.busyTimeout) throw new Error('the database stayed locked by another process');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async writeKysely(deviceId: string, uploadId: string, plan: IngestPlan, previous: StoredInventory | null, doc: InventoryDocument, now: number): Promise<IngestResult> {
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('uploads')
        .values({ id: uploadId, device_id: deviceId, kind: doc.kind, received_at: now })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
        const owner = await trx.selectFrom('uploads').select(['device_id', 'received_at']).where('id', '=', uploadId).executeTakeFirst();
        if (owner === undefined || owner.device_id !== deviceId) throw new UploadConflictError();
        return { duplicate: true, receivedAt: owner.received_at, changes: 0 };
      }
      // Serialises concurrent uploads of one device across instances; SQLite already has one writer.
      if (this.kind === 'postgres') await trx.selectFrom('devices').select('id').where('id', '=', deviceId).forUpdate().execute();
      const current = await trx.selectFrom('device_inventories').select('received_at').where('device_id', '=', deviceId).executeTakeFirst();
      if ((current?.received_at ?? null) !== (previous?.receivedAt ?? null)) throw new StalePlanError();
      await this.writePlan(trx, deviceId, plan);
      return { duplicate: false, receivedAt: now, changes: plan.changes.length };
    });
  }

  private async writePlan(trx: Transaction<Database>, deviceId: string, plan: IngestPlan): Promise<void> {
    const { merged, device } = plan;
    const values = {
      collected_at: merged.collectedAt,
      received_at: merged.receivedAt,
      agent_version: merged.agentVersion,
      sections: '',
      sections_z: plan.sectionsZ,
      section_updated_at: plan.sectionUpdatedAt,
      user_scope: plan.userScope,
    };
    await trx
      .insertInto('device_inventories')
      .values({ device_id: deviceId, ...values })
      .onConflict((oc) => oc.column('device_id').doUpdateSet(values))
      .execute();
    await this.insertHistory(trx, plan.history);
    await this.writeSoftware(trx, deviceId, plan.software);
    const { serial, clearsFullRequest, ...columns } = device;
    await trx
      .updateTable('devices')
      .set({
        ...columns,
        serial: sql<string | null>`coalesce(${serial}, serial)`,
        ...(clearsFullRequest ? { full_inventory_requested: 0 } : {}),
        // Pending since the first upload that said so, for as long as uploads keep saying so.
        restart_pending_since: plan.pending.restart ? sql<number>`coalesce(restart_pending_since, ${device.last_seen_at})` : null,
        security_updates_since: plan.pending.securityUpdates ? sql<number>`coalesce(security_updates_since, ${device.last_seen_at})` : null,
      })
      .where('id', '=', deviceId)
      .execute();
    if (plan.ipObservations.length > 0) {
      await trx
        .insertInto('ip_observations')
        .values(plan.ipObservations.map((o) => ({ hour: plan.hour, network: o.network, ip: o.ip, mac: o.mac, device_id: deviceId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** Adds `names` (sorted, so concurrent writers take the catalog's row locks in one order) to the device's. */
  private async insertSoftware(trx: Transaction<Database>, deviceId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    if (this.kind === 'postgres') {
      await sql`insert into software_names (name_lower) select * from unnest(${names}::text[]) on conflict do nothing`.execute(trx);
      await sql`insert into device_software (device_id, name_id)
        select ${deviceId}, id from software_names where name_lower = any(${names}::text[]) order by id on conflict do nothing`.execute(trx);
      return;
    }
    for (let i = 0; i < names.length; i += CHUNK) {
      const chunk = names.slice(i, i + CHUNK);
      await trx
        .insertInto('software_names')
        .values(chunk.map((name_lower) => ({ name_lower })))
        .onConflict((oc) => oc.column('name_lower').doNothing())
        .execute();
      await trx
        .insertInto('device_software')
        .columns(['device_id', 'name_id'])
        .expression((eb) => eb.selectFrom('software_names').select([eb.val(deviceId).as('device_id'), 'id']).where('name_lower', 'in', chunk).orderBy('id'))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  private async insertHistory(trx: Transaction<Database>, rows: readonly InventoryHistoryTable[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.kind === 'postgres') {
      const col = <K extends keyof InventoryHistoryTable>(k: K) => rows.map((r) => r[k]);
      await sql`insert into inventory_history (id, device_id, at, kind, category, subject, before_value, after_value)
        select * from unnest(${col('id')}::text[], ${col('device_id')}::text[], ${col('at')}::bigint[], ${col('kind')}::text[], ${col('category')}::text[], ${col('subject')}::text[], ${col('before_value')}::text[], ${col('after_value')}::text[])`.execute(trx);
      return;
    }
    await insertChunked(trx, 'inventory_history', rows);
  }

  /** Keeps the searchable name index in step by applying only the difference. */
  private async writeSoftware(trx: Transaction<Database>, deviceId: string, delta: SoftwareDelta | null): Promise<void> {
    if (delta === null) return;
    if (delta.replaceAll) await trx.deleteFrom('device_software').where('device_id', '=', deviceId).execute();
    for (let i = 0; i < delta.removed.length; i += CHUNK) {
      const names = delta.removed.slice(i, i + CHUNK);
      await trx
        .deleteFrom('device_software')
        .where('device_id', '=', deviceId)
        .where('name_id', 'in', (eb) => eb.selectFrom('software_names').select('id').where('name_lower', 'in', names))
        .execute();
    }
    await this.insertSoftware(trx, deviceId, delta.added);
  }

  async history(deviceId: string, f: { kind?: HistoryKind | undefined; page: number; pageSize: number }): Promise<HistoryPage> {
    let q = this.db.selectFrom('inventory_history').where('device_id', '=', deviceId);
    if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
    const [rows, total] = await Promise.all([
      q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset(offsetOf(f)).execute(),
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map(toHistoryEntry), total: count(total?.n), page: f.page, pageSize: f.pageSize };
  }
}
