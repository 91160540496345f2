import type { Kysely, Migration } from 'kysely';

/**
 * Large uploads being unpacked, per device, counted where every instance sees them: a device's budget
 * then holds across instances instead of multiplying with them. A row lives while its request does
 * and expires on its own when the instance holding it dies.
 */
export const uploadReservations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('upload_reservations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('upload_reservations_device_idx').on('upload_reservations').columns(['device_id', 'expires_at']).execute();
  },
};
