import type { Kysely, Migration } from 'kysely';

/**
 * One housekeeper among several instances: a named lease row any instance may take once it has
 * expired, and each job's last run, so a new holder continues the schedule instead of starting over.
 */
export const housekeepingLease: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('housekeeping_jobs')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('last_started_at', 'bigint', (c) => c.notNull())
      .addColumn('last_finished_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
  },
};
