import type { Kysely, Migration } from 'kysely';

/**
 * Forwarding inventories to GLPI: per device, the version (the stored inventory's received_at) GLPI
 * last accepted, and the retry state of the next attempt. A device whose stored inventory is newer
 * than its `sent_version` is pending, so nothing is lost while GLPI is down and each version is
 * sent until GLPI accepts it, then never again.
 */
export const glpiForwards: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('glpi_forwards')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('sent_version', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
  },
};
