import { sql, type Kysely } from 'kysely';

import type { Database } from './tables.js';

/**
 * Named leases in the database, so that of several instances exactly one does a piece of work at a
 * time, and another takes over when the holder dies. Taking and renewing are one statement (an upsert
 * whose update applies only while the row is the caller's or has expired), so two instances racing
 * for an expired lease cannot both win. A lease row works the same on SQLite (several `--workers`) and
 * PostgreSQL, unlike an advisory lock, which also ties the lease to one pooled connection.
 */
export class LeasesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Takes or renews `name` for `holder` until `now + ttlMs`; true when `holder` now holds it. */
  async acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const expiresAt = now + ttlMs;
    const row = await this.db
      .insertInto('leases')
      .values({ name, holder, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, expires_at: expiresAt })
          .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<=', now)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  /** Gives the lease up at once (a clean shutdown), so another instance need not wait for it to expire. */
  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
  }

  async holderOf(name: string, now: number): Promise<string | null> {
    const row = await this.db.selectFrom('leases').select('holder').where('name', '=', name).where('expires_at', '>', sql<number>`${now}`).executeTakeFirst();
    return row?.holder ?? null;
  }
}
