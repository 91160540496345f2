import { randomUUID } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import type { Category, HistoryEntry, HistoryKind, HistoryPage, InventoryDocument, Sections, SoftwarePackage } from '@deskside/shared';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';

import { deriveFacts, searchText } from '../inventory/derive.js';
import { diffInventories, packageKey, type Change } from '../inventory/history-diff.js';
import { mergeInventory, type StoredInventory } from '../inventory/merge.js';
import type { Clock } from './clock.js';
import type { DatabaseKind } from './database.js';
import type { Database, DeviceSoftwareTable, InventoryHistoryTable } from './tables.js';
import { count, iso, json, offsetOf, parseJson } from './values.js';

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

async function insertChunked<T extends 'inventory_history' | 'device_software'>(
  trx: Transaction<Database>,
  table: T,
  rows: readonly (T extends 'inventory_history' ? InventoryHistoryTable : DeviceSoftwareTable)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely cannot narrow the table/row pairing through the generic; the caller's types guarantee it.
    await trx
      .insertInto(table as 'inventory_history')
      .values(rows.slice(i, i + CHUNK) as InventoryHistoryTable[])
      .execute();
  }
}

const softwareRow = (deviceId: string, p: SoftwarePackage): DeviceSoftwareTable => ({
  device_id: deviceId,
  pkg_key: packageKey(p),
  name_lower: p.name.toLowerCase(),
  version: p.version,
});

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

interface SoftwareDelta {
  /** No package list before: the device's rows are rewritten from scratch. */
  readonly replaceAll: boolean;
  readonly added: readonly DeviceSoftwareTable[];
  readonly changed: readonly DeviceSoftwareTable[];
  readonly removed: readonly string[];
}

interface IngestPlan {
  readonly merged: StoredInventory;
  readonly changes: readonly Change[];
  readonly software: SoftwareDelta | null;
  readonly facts: ReturnType<typeof deriveFacts>;
  readonly sectionsZ: Buffer;
}

/** What the package table needs to match the merged inventory; null when it carries no package list. */
function softwareDelta(deviceId: string, before: Sections | null, after: Sections): SoftwareDelta | null {
  const now = after.software?.data;
  if (now === undefined || now === null) return null;
  const was = before?.software?.data ?? null;
  const next = new Map(now.packages.map((p) => [packageKey(p), softwareRow(deviceId, p)]));
  if (was === null) return { replaceAll: true, added: [...next.values()], changed: [], removed: [] };
  const old = new Map(was.packages.map((p) => [packageKey(p), p.version]));
  const added: DeviceSoftwareTable[] = [];
  const changed: DeviceSoftwareTable[] = [];
  for (const [key, row] of next) {
    if (!old.has(key)) added.push(row);
    else if ((old.get(key) ?? null) !== row.version) changed.push(row);
  }
  return { replaceAll: false, added, changed, removed: [...old.keys()].filter((k) => !next.has(k)) };
}

/** Package rows per SQLite multi-row INSERT: one statement call per batch instead of per row. */
const SQLITE_BATCH = 64;

export class InventoryRepo {
  /** SQLite statements prepared once: compiling one costs more than running it. */
  private readonly statements = new Map<string, SQLite.Statement>();

  private prepared(text: string): SQLite.Statement {
    let stmt = this.statements.get(text);
    if (stmt === undefined) {
      if (this.raw === null) throw new Error('prepared statements need the SQLite connection');
      stmt = this.raw.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  /** `insert … values (?, …), (?, …)` for `rows` rows of `width` columns. */
  private batchInsert(head: string, width: number, rows: number): SQLite.Statement {
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    return this.prepared(`${head} values ${Array.from({ length: rows }, () => tuple).join(', ')}`);
  }

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    private readonly clock: Clock,
    /** SQLite's own connection: hundreds of package rows go faster through one prepared statement. */
    private readonly raw: SQLite.Database | null = null,
  ) {}

  /**
   * Bulk inserts of package and history rows, the bulk of an inventory's writes. SQLite runs one
   * prepared statement per row on the connection the transaction already holds (it is synchronous,
   * so nothing interleaves); PostgreSQL takes the rows as arrays in a single statement.
   */
  private async insertSoftware(trx: Transaction<Database>, rows: readonly DeviceSoftwareTable[]): Promise<void> {
    if (rows.length === 0) return;
    const names = [...new Set(rows.map((r) => r.name_lower))];
    if (this.raw !== null) {
      const head = 'insert into device_software (device_id, pkg_key, name_lower, version)';
      const full = this.batchInsert(head, 4, SQLITE_BATCH);
      let i = 0;
      for (; i + SQLITE_BATCH <= rows.length; i += SQLITE_BATCH) {
        full.run(rows.slice(i, i + SQLITE_BATCH).flatMap((r) => [r.device_id, r.pkg_key, r.name_lower, r.version]));
      }
      const single = this.batchInsert(head, 4, 1);
      for (; i < rows.length; i++) single.run(rows[i]!.device_id, rows[i]!.pkg_key, rows[i]!.name_lower, rows[i]!.version);
      const catalog = this.prepared('insert or ignore into software_names (name_lower) values (?)');
      for (const n of names) catalog.run(n);
      return;
    }
    if (this.kind === 'postgres') {
      await sql`insert into device_software (device_id, pkg_key, name_lower, version)
        select * from unnest(${rows.map((r) => r.device_id)}::text[], ${rows.map((r) => r.pkg_key)}::text[], ${rows.map((r) => r.name_lower)}::text[], ${rows.map((r) => r.version)}::text[])`.execute(trx);
      await sql`insert into software_names (name_lower) select * from unnest(${names}::text[]) on conflict do nothing`.execute(trx);
      return;
    }
    await insertChunked(trx, 'device_software', rows);
    for (let i = 0; i < names.length; i += CHUNK) {
      await trx
        .insertInto('software_names')
        .values(names.slice(i, i + CHUNK).map((name_lower) => ({ name_lower })))
        .onConflict((oc) => oc.column('name_lower').doNothing())
        .execute();
    }
  }

  private async insertHistory(trx: Transaction<Database>, rows: readonly InventoryHistoryTable[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.raw !== null) {
      const stmt = this.prepared('insert into inventory_history (id, device_id, at, kind, category, subject, before_value, after_value) values (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const r of rows) stmt.run(r.id, r.device_id, r.at, r.kind, r.category, r.subject, r.before_value, r.after_value);
      return;
    }
    if (this.kind === 'postgres') {
      const col = <K extends keyof InventoryHistoryTable>(k: K) => rows.map((r) => r[k]);
      await sql`insert into inventory_history (id, device_id, at, kind, category, subject, before_value, after_value)
        select * from unnest(${col('id')}::text[], ${col('device_id')}::text[], ${col('at')}::bigint[], ${col('kind')}::text[], ${col('category')}::text[], ${col('subject')}::text[], ${col('before_value')}::text[], ${col('after_value')}::text[])`.execute(trx);
      return;
    }
    await insertChunked(trx, 'inventory_history', rows);
  }

  private async updateVersions(trx: Transaction<Database>, deviceId: string, changed: readonly DeviceSoftwareTable[]): Promise<void> {
    if (changed.length === 0) return;
    if (this.raw !== null) {
      // The key is (device_id, name_lower, pkg_key): naming all three makes each update one seek.
      const stmt = this.prepared('update device_software set version = ? where device_id = ? and name_lower = ? and pkg_key = ?');
      for (const r of changed) stmt.run(r.version, deviceId, r.name_lower, r.pkg_key);
      return;
    }
    if (this.kind === 'postgres') {
      await sql`update device_software as s set version = v.version
        from unnest(${changed.map((r) => r.name_lower)}::text[], ${changed.map((r) => r.pkg_key)}::text[], ${changed.map((r) => r.version)}::text[]) as v(name_lower, pkg_key, version)
        where s.device_id = ${deviceId} and s.name_lower = v.name_lower and s.pkg_key = v.pkg_key`.execute(trx);
      return;
    }
    for (const r of changed) {
      await trx.updateTable('device_software').set({ version: r.version }).where('device_id', '=', deviceId).where('pkg_key', '=', r.pkg_key).execute();
    }
  }

  async latest(deviceId: string, trx: Kysely<Database> = this.db): Promise<StoredInventory | null> {
    const row = await trx.selectFrom('device_inventories').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
    if (row === undefined) return null;
    return {
      collectedAt: row.collected_at,
      receivedAt: row.received_at,
      agentVersion: row.agent_version,
      sections: row.sections_z !== null ? parseJson<Sections>(inflateRawSync(row.sections_z).toString('utf8')) : parseJson<Sections>(row.sections),
      sectionUpdatedAt: parseJson<Partial<Record<Category, number>>>(row.section_updated_at),
    };
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
      const plan = this.plan(deviceId, previous, doc, now);
      try {
        return await this.db.transaction().execute(async (trx) => {
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
          await this.writePlan(trx, deviceId, plan, doc, ip, now);
          return { duplicate: false, receivedAt: now, changes: plan.changes.length };
        });
      } catch (err) {
        // Rolled back, upload id included: merge again on top of what landed meanwhile.
        if (err instanceof StalePlanError && attempt < MAX_MERGE_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /** Everything an upload will write, computed without touching the database. */
  private plan(deviceId: string, previous: StoredInventory | null, doc: InventoryDocument, now: number): IngestPlan {
    const merged = mergeInventory(previous, doc, now);
    return {
      merged,
      changes: diffInventories(previous?.sections ?? null, merged.sections),
      software: softwareDelta(deviceId, previous?.sections ?? null, merged.sections),
      facts: deriveFacts(merged.sections),
      // Level 2: within 1 % of level 3's size for these documents, at about two thirds of its CPU.
      sectionsZ: deflateRawSync(Buffer.from(json(merged.sections), 'utf8'), { level: 2 }),
    };
  }

  private async writePlan(trx: Transaction<Database>, deviceId: string, plan: IngestPlan, doc: InventoryDocument, ip: string | null, now: number): Promise<void> {
    const { merged, facts } = plan;
    await this.writeInventory(trx, deviceId, merged, plan.sectionsZ);
    await this.writeHistory(trx, deviceId, plan.changes, now);
    await this.writeSoftware(trx, deviceId, plan.software);
    const device = await trx.selectFrom('devices').select(['hostname', 'serial']).where('id', '=', deviceId).executeTakeFirstOrThrow();
    const hostname = merged.sections.system?.data?.hostname ?? doc.device.hostname ?? device.hostname;
    await trx
      .updateTable('devices')
      .set({
        hostname,
        os_name: facts.osName,
        os_version: facts.osVersion,
        logged_in_user: facts.loggedInUser,
        manufacturer: facts.manufacturer,
        model: facts.model,
        serial: facts.serial ?? device.serial,
        av_state: facts.av,
        backup_state: facts.backup,
        min_free_disk_pct: facts.minFreeDiskPercent,
        inventory_at: merged.collectedAt,
        last_seen_at: now,
        agent_version: doc.agentVersion,
        search_text: searchText([hostname, facts.loggedInUser, ip, ...facts.addresses, facts.serial, facts.model, facts.manufacturer]),
        ...(doc.kind === 'full' ? { full_inventory_requested: 0 } : {}),
      })
      .where('id', '=', deviceId)
      .execute();
  }

  private async writeInventory(trx: Transaction<Database>, deviceId: string, inv: StoredInventory, sectionsZ: Buffer): Promise<void> {
    const values = {
      collected_at: inv.collectedAt,
      received_at: inv.receivedAt,
      agent_version: inv.agentVersion,
      sections: '',
      sections_z: sectionsZ,
      section_updated_at: json(inv.sectionUpdatedAt),
    };
    await trx
      .insertInto('device_inventories')
      .values({ device_id: deviceId, ...values })
      .onConflict((oc) => oc.column('device_id').doUpdateSet(values))
      .execute();
  }

  private async writeHistory(trx: Transaction<Database>, deviceId: string, changes: readonly Change[], at: number): Promise<void> {
    const rows = changes.map<InventoryHistoryTable>((c) => ({
      id: randomUUID(),
      device_id: deviceId,
      at,
      kind: c.kind,
      category: c.category,
      subject: c.subject.slice(0, 512),
      before_value: c.before,
      after_value: c.after,
    }));
    await this.insertHistory(trx, rows);
  }

  /** Keeps the searchable package table in step by applying only the difference. */
  private async writeSoftware(trx: Transaction<Database>, deviceId: string, delta: SoftwareDelta | null): Promise<void> {
    if (delta === null) return;
    if (delta.replaceAll) await trx.deleteFrom('device_software').where('device_id', '=', deviceId).execute();
    await this.updateVersions(trx, deviceId, delta.changed);
    for (let i = 0; i < delta.removed.length; i += CHUNK) {
      await trx.deleteFrom('device_software').where('device_id', '=', deviceId).where('pkg_key', 'in', delta.removed.slice(i, i + CHUNK)).execute();
    }
    await this.insertSoftware(trx, delta.added);
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
