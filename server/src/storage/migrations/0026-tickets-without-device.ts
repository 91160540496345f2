import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * A ticket need not come from a device (issue 16): a mail from an address no device is known for
 * opens one too. `tickets.device_id` becomes nullable; deleting a device still deletes its tickets.
 *
 * SQLite cannot drop a NOT NULL constraint in place, so the table is rebuilt the way SQLite's own
 * documentation prescribes (lang_altertable.html, "other kinds of table schema changes"): foreign
 * keys off (dropping a parent table with them on would cascade-delete every message and attachment
 * row), the stored CREATE TABLE text with the one constraint removed, copy, drop, rename, the indexes
 * re-created from their stored text, a foreign-key check, foreign keys back on. Working from the
 * stored text keeps every column later migrations added, in their order, without listing them here.
 */
export const ticketsWithoutDevice: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`alter table tickets alter column device_id drop not null`.execute(db);
      return;
    }
    const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'tickets'`.execute(db);
    const createSql = table.rows[0]?.sql;
    if (createSql === undefined) throw new Error('tickets table not found');
    const deviceColumn = /("device_id"\s+text)\s+not null(\s+references)/i;
    if (!deviceColumn.test(createSql)) throw new Error('tickets.device_id is not declared as expected; refusing to rebuild the table');
    const rebuilt = createSql.replace(deviceColumn, '$1$2').replace(/^create table\s+"?tickets"?/i, 'create table "tickets_rebuilt"');
    const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'tickets' and sql is not null`.execute(db);
    const dependents = await sql<{ name: string }>`select name from sqlite_master where type in ('trigger', 'view') and sql like '%tickets%'`.execute(db);
    if (dependents.rows.length > 0) throw new Error(`tickets has triggers or views (${dependents.rows.map((r) => r.name).join(', ')}); rebuild them too`);

    // Kysely runs SQLite migrations outside a transaction (no transactional DDL), so the pragma takes effect.
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await sql`begin`.execute(db);
      try {
        await sql.raw(rebuilt).execute(db);
        await sql`insert into tickets_rebuilt select * from tickets`.execute(db);
        await sql`drop table tickets`.execute(db);
        await sql`alter table tickets_rebuilt rename to tickets`.execute(db);
        for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
        const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
        if (broken.rows.length > 0) throw new Error(`foreign key check failed after rebuilding tickets (${broken.rows.length} rows)`);
        await sql`commit`.execute(db);
      } catch (error) {
        await sql`rollback`.execute(db);
        throw error;
      }
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  },
};
