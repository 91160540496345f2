import type { Kysely, Migration } from 'kysely';

/** The fleet findings counted once a day (the last count of a day stands for it): Fleet health's 30-day trends. */
export const fleetFindingsDaily: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('fleet_findings_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('finding', 'text', (c) => c.notNull())
      .addColumn('devices', 'integer', (c) => c.notNull())
      .addColumn('counted_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('fleet_findings_daily_pk', ['day', 'finding'])
      .execute();
  },
};
