import type SQLite from 'better-sqlite3';

/**
 * Prepared statements for the hottest SQLite paths (device authentication, check-in). Preparing and
 * compiling a query costs more than running it; these are prepared once per connection.
 */
export class StatementCache {
  private readonly cache = new Map<string, SQLite.Statement>();

  constructor(readonly db: SQLite.Database) {}

  /**
   * Kysely holds SQLite's one connection across awaits during a transaction; a statement run on the
   * side then would join (and roll back with) someone else's transaction. Callers take the fast path
   * only when no transaction is open, and queue behind Kysely otherwise.
   */
  get idle(): boolean {
    return !this.db.inTransaction;
  }

  get(sql: string): SQLite.Statement {
    let stmt = this.cache.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
