import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';

import { migrationProvider } from './migrations.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import type { Database } from './tables.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  /** SQLite only: the driver's connection, for bulk writes through prepared statements. */
  readonly raw?: SQLite.Database;
  /** Safe to print: the URL without its password. */
  readonly description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /**
   * SQLite only: checkpoint the WAL from a worker thread instead of inside commits (the server does).
   * `elsewhere`: another process of the same server runs that thread; this one only stays out of it.
   */
  readonly backgroundCheckpoints?: boolean | 'elsewhere';
  readonly onBackgroundError?: (message: string) => void;
  /** PostgreSQL only: run in this schema (created when missing); tests use one schema per suite. */
  readonly schema?: string;
  readonly poolSize?: number;
}

// bigint columns hold epoch milliseconds and counts: well inside Number's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

/**
 * Transactions take SQLite's write lock when they begin. A deferred `begin` that reads first and
 * writes later fails at once with SQLITE_BUSY when another process (a second worker, a CLI command)
 * committed in between; an immediate one waits its turn under busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` → an open Kysely handle. */
export function openDatabase(url: string, options: DatabaseOptions = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  throw new Error('database URL must be sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB');
}

function openSqlite(path: string, options: DatabaseOptions): DatabaseHandle {
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the one writer; busy_timeout rides out a concurrent CLI write.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // 64 MiB of page cache instead of 2 MiB: an inventory's package rows land in B-tree pages spread over
  // the whole package table, which SQLite would otherwise read back from the OS for every upload.
  sqlite.pragma('cache_size = -65536');
  const checkpointer = !memory && options.backgroundCheckpoints === true ? startCheckpointer(file, options.onBackgroundError ?? (() => undefined)) : null;
  if (checkpointer !== null || (!memory && options.backgroundCheckpoints === 'elsewhere')) {
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return {
    kind: 'sqlite',
    db,
    raw: sqlite,
    description: `sqlite:${file}`,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error('invalid schema name');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  if (safe.password !== '') safe.password = '***';
  return { kind: 'postgres', db, description: safe.toString(), close: () => db.destroy() };
}

/** Applies every pending migration; throws with the failing step's name. */
export async function migrate(handle: DatabaseHandle, options: DatabaseOptions = {}): Promise<readonly string[]> {
  if (handle.kind === 'postgres' && options.schema !== undefined) {
    await sql`create schema if not exists ${sql.id(options.schema)}`.execute(handle.db);
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: migrationProvider,
    // Kysely looks for its bookkeeping tables across schemas unless told which one is ours.
    ...(handle.kind === 'postgres' && options.schema !== undefined ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when a query round-trips: what /readyz reports. */
export async function ping(handle: DatabaseHandle): Promise<boolean> {
  try {
    await sql`select 1`.execute(handle.db);
    return true;
  } catch {
    return false;
  }
}
