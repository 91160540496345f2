import { randomUUID } from 'node:crypto';

import { sql, type Kysely } from 'kysely';

import type { DatabaseKind } from './database.js';
import type { Database } from './tables.js';

/**
 * Each device's large uploads being unpacked, by every instance sharing the database. A reservation
 * is taken before a body is inflated and given back once the response is sent; one whose instance
 * died expires after `holdMs`. The check and the insert are one step for each database: SQLite runs a
 * writing statement under the database's write lock from its first read, and PostgreSQL serialises a
 * device's reservations on a transaction-scoped advisory lock (two READ COMMITTED inserts would
 * otherwise both see the budget free).
 */
export class UploadReservationsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  /**
   * Reserves `bytes` for `deviceId` unless the device already has bytes reserved and this would take it
   * past `limit` (so one body of any size always gets through): the reservation's id, or null.
   */
  async reserve(deviceId: string, bytes: number, limit: number, now: number, holdMs: number): Promise<string | null> {
    const id = randomUUID();
    const insert = (db: Kysely<Database>) =>
      sql`insert into upload_reservations (id, device_id, bytes, expires_at)
        select ${id}, ${deviceId}, ${bytes}, ${now + holdMs}
        where not exists (
          select 1 from (select coalesce(sum(bytes), 0) as held from upload_reservations where device_id = ${deviceId} and expires_at > ${now}) as mine
          where mine.held > 0 and mine.held + ${bytes} > ${limit}
        )`.execute(db);
    const inserted = await (this.kind === 'postgres'
      ? this.db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(hashtextextended(${`upload:${deviceId}`}, 0))`.execute(trx);
          await trx.deleteFrom('upload_reservations').where('device_id', '=', deviceId).where('expires_at', '<=', now).execute();
          return insert(trx);
        })
      : this.db
          .deleteFrom('upload_reservations')
          .where('device_id', '=', deviceId)
          .where('expires_at', '<=', now)
          .execute()
          .then(() => insert(this.db)));
    return Number(inserted.numAffectedRows ?? 0) === 1 ? id : null;
  }

  async release(id: string): Promise<void> {
    await this.db.deleteFrom('upload_reservations').where('id', '=', id).execute();
  }

  /** Bytes reserved for the device now, by any instance. */
  async held(deviceId: string, now: number): Promise<number> {
    const row = await this.db
      .selectFrom('upload_reservations')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('bytes'), eb.lit(0)).as('held'))
      .where('device_id', '=', deviceId)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.held);
  }
}
