import type SQLite from 'better-sqlite3';

import type { DeviceColumns, IngestPlan } from './ingest-plan.js';
import type { DeviceInventoriesTable } from './tables.js';

/** Rows per multi-row statement: one call into SQLite per batch instead of per row. */
const BATCH = 64;

/** A catalog this large is a fleet of mostly unique names: forget them and start over. */
const KNOWN_NAMES_CAP = 200_000;

/** The write lock is held by another connection. */
export const BUSY = Symbol('busy');

export type SqliteClaim =
  | { readonly claimed: true; readonly previousReceivedAt: number | null }
  | { readonly claimed: false; readonly owner: { readonly device_id: string; readonly received_at: number } | undefined };

/**
 * An inventory's SQLite statements, prepared once and run synchronously on the connection: compiling
 * a query (Kysely, then SQLite) costs more than running it, and an upload runs a dozen of them plus
 * hundreds of package rows. Writes run only inside the transaction Kysely opened on this connection,
 * so nothing interleaves with them.
 */
export class SqliteInventoryWriter {
  private readonly statements = new Map<string, SQLite.Statement>();
  /**
   * Numbers of names already in the software catalog, which is never pruned (a name keeps its number
   * for good): most of a fleet's names repeat, and knowing them saves a B-tree probe each. Filled only
   * after the transaction that read or wrote them committed.
   */
  private readonly knownNames = new Map<string, number>();

  /** The connection's own busy timeout (ms), restored after each attempt that must not wait. */
  readonly busyTimeout: number;

  constructor(private readonly db: SQLite.Database) {
    this.busyTimeout = Number(db.pragma('busy_timeout', { simple: true }));
  }

  /**
   * Runs `fn` in a write transaction if the write lock is free now; BUSY when another process (a
   * second worker, a CLI command) holds it. SQLite's own busy handler would wait by sleeping, and a
   * sleeping thread is a stalled event loop: every request of this process would wait with it. The
   * caller waits asynchronously instead and tries again. `fn` throwing rolls everything back.
   */
  transactionNow<T>(fn: () => T): T | typeof BUSY {
    this.db.pragma('busy_timeout = 0');
    try {
      this.prepared('begin immediate').run();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return BUSY;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${this.busyTimeout}`);
    }
    try {
      const value = fn();
      this.prepared('commit').run();
      return value;
    } catch (err) {
      if (this.db.inTransaction) this.prepared('rollback').run();
      throw err;
    }
  }

  private prepared(text: string): SQLite.Statement {
    let stmt = this.statements.get(text);
    if (stmt === undefined) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  /** `head values (?, …), (?, …)` for `rows` rows of `width` columns. */
  private batch(head: string, width: number, rows: number): SQLite.Statement {
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    return this.prepared(`${head} values ${Array.from({ length: rows }, () => tuple).join(', ')}`);
  }

  /**
   * Runs `head` over `rows` in full batches, then the rest in one statement. `fill` writes a row's
   * `width` values into the parameter array at `at`, so no per-row arrays are built.
   */
  private insertRows<T>(head: string, width: number, rows: readonly T[], fill: (row: T, params: unknown[], at: number) => void): void {
    if (rows.length === 0) return;
    let params: unknown[] = new Array<unknown>(Math.min(BATCH, rows.length) * width);
    for (let i = 0; i < rows.length; i += BATCH) {
      const n = Math.min(BATCH, rows.length - i);
      if (n * width !== params.length) params = new Array<unknown>(n * width);
      for (let j = 0; j < n; j++) fill(rows[i + j]!, params, j * width);
      this.batch(head, width, n).run(params);
    }
  }

  /** The stored inventory row, read outside any transaction (callers check `idle`). */
  latest(deviceId: string): Pick<DeviceInventoriesTable, 'collected_at' | 'received_at' | 'agent_version' | 'sections' | 'sections_z' | 'section_updated_at' | 'user_scope'> | undefined {
    return this.prepared(
      'select collected_at, received_at, agent_version, sections, sections_z, section_updated_at, user_scope from device_inventories where device_id = ?',
    ).get(deviceId) as ReturnType<SqliteInventoryWriter['latest']>;
  }

  /** True when no transaction holds the connection, so a read on the side sees only committed data. */
  get idle(): boolean {
    return !this.db.inTransaction;
  }

  /** Claims the upload id for the device and reads which inventory is the latest now. */
  claim(deviceId: string, uploadId: string, kind: string, now: number): SqliteClaim {
    const inserted = this.prepared('insert into uploads (id, device_id, kind, received_at) values (?, ?, ?, ?) on conflict (id) do nothing').run(uploadId, deviceId, kind, now);
    if (inserted.changes === 0) {
      const owner = this.prepared('select device_id, received_at from uploads where id = ?').get(uploadId) as { device_id: string; received_at: number } | undefined;
      return { claimed: false, owner };
    }
    const current = this.prepared('select received_at from device_inventories where device_id = ?').get(deviceId) as { received_at: number } | undefined;
    return { claimed: true, previousReceivedAt: current?.received_at ?? null };
  }

  /** Every write of the plan; returns the catalog numbers it looked up, to remember once committed. */
  write(deviceId: string, plan: IngestPlan): ReadonlyMap<string, number> {
    const { merged } = plan;
    this.prepared(
      `insert into device_inventories (device_id, collected_at, received_at, agent_version, sections, sections_z, section_updated_at, user_scope) values (?, ?, ?, ?, '', ?, ?, ?)
       on conflict (device_id) do update set collected_at = excluded.collected_at, received_at = excluded.received_at, agent_version = excluded.agent_version,
         sections = '', sections_z = excluded.sections_z, section_updated_at = excluded.section_updated_at, user_scope = excluded.user_scope`,
    ).run(deviceId, merged.collectedAt, merged.receivedAt, merged.agentVersion, plan.sectionsZ, plan.sectionUpdatedAt, plan.userScope);
    this.insertRows('insert into inventory_history (id, device_id, at, kind, category, subject, before_value, after_value)', 8, plan.history, (r, p, at) => {
      p[at] = r.id;
      p[at + 1] = r.device_id;
      p[at + 2] = r.at;
      p[at + 3] = r.kind;
      p[at + 4] = r.category;
      p[at + 5] = r.subject;
      p[at + 6] = r.before_value;
      p[at + 7] = r.after_value;
    });
    const names = this.writeSoftware(deviceId, plan);
    this.updateDevice(deviceId, plan);
    const observe = this.prepared('insert or ignore into ip_observations (hour, network, ip, mac, device_id) values (?, ?, ?, ?, ?)');
    for (const o of plan.ipObservations) observe.run(plan.hour, o.network, o.ip, o.mac, deviceId);
    return names;
  }

  /** Numbers read or written by a committed transaction are the catalog's for good. */
  remember(names: ReadonlyMap<string, number>): void {
    if (this.knownNames.size + names.size > KNOWN_NAMES_CAP) this.knownNames.clear();
    for (const [name, id] of names) this.knownNames.set(name, id);
  }

  /**
   * The catalog numbers of `names`: from memory, else read (after adding the missing names first when
   * `add`). `learned` collects what was read, for `remember` once the transaction has committed.
   */
  private nameIds(names: readonly string[], add: boolean, learned: Map<string, number>): number[] {
    const unknown = names.filter((n) => !this.knownNames.has(n));
    if (add) this.insertRows('insert or ignore into software_names (name_lower)', 1, unknown, (n, p, at) => {
      p[at] = n;
    });
    for (let i = 0; i < unknown.length; i += BATCH) {
      const chunk = unknown.slice(i, i + BATCH);
      const rows = this.prepared(`select id, name_lower from software_names where name_lower in (${chunk.map(() => '?').join(', ')})`).all(chunk) as { id: number; name_lower: string }[];
      for (const r of rows) learned.set(r.name_lower, r.id);
    }
    const ids: number[] = [];
    for (const n of names) {
      const id = this.knownNames.get(n) ?? learned.get(n);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  private writeSoftware(deviceId: string, plan: IngestPlan): ReadonlyMap<string, number> {
    const learned = new Map<string, number>();
    const delta = plan.software;
    if (delta === null) return learned;
    if (delta.replaceAll) this.prepared('delete from device_software where device_id = ?').run(deviceId);
    const remove = this.prepared('delete from device_software where device_id = ? and name_id = ?');
    for (const id of this.nameIds(delta.removed, false, learned)) remove.run(deviceId, id);
    // In key order (device_id, name_id), so a device's rows fill pages one after another.
    const added = this.nameIds(delta.added, true, learned).sort((x, y) => x - y);
    this.insertRows('insert or ignore into device_software (device_id, name_id)', 2, added, (id, p, at) => {
      p[at] = deviceId;
      p[at + 1] = id;
    });
    return learned;
  }

  private updateDevice(deviceId: string, plan: IngestPlan): void {
    const d: DeviceColumns = plan.device;
    // A pending restart or security update keeps the time it was first reported; it clears once not pending.
    this.prepared(
      `update devices set hostname = ?, os_name = ?, os_version = ?, logged_in_user = ?, manufacturer = ?, model = ?, serial = coalesce(?, serial),
         av_state = ?, backup_state = ?, min_free_disk_pct = ?, inventory_at = ?, last_seen_at = ?, agent_version = ?, search_text = ?,
         firewall_state = ?, encryption_state = ?, battery_health_pct = ?,
         restart_pending_since = case when ? then coalesce(restart_pending_since, ?) else null end,
         security_updates_since = case when ? then coalesce(security_updates_since, ?) else null end,
         full_inventory_requested = case when ? then 0 else full_inventory_requested end
       where id = ?`,
    ).run(
      d.hostname,
      d.os_name,
      d.os_version,
      d.logged_in_user,
      d.manufacturer,
      d.model,
      d.serial,
      d.av_state,
      d.backup_state,
      d.min_free_disk_pct,
      d.inventory_at,
      d.last_seen_at,
      d.agent_version,
      d.search_text,
      d.firewall_state,
      d.encryption_state,
      d.battery_health_pct,
      plan.pending.restart ? 1 : 0,
      d.last_seen_at,
      plan.pending.securityUpdates ? 1 : 0,
      d.last_seen_at,
      d.clearsFullRequest ? 1 : 0,
      deviceId,
    );
  }
}
