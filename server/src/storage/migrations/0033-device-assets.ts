import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The asset record of each device (who owns it, where it is, when it was bought, its warranty) and its
 * life-cycle status with a dated history. Stored on the device row so the device list filters and sorts
 * on them through plain indexes; dates without a time (purchase, warranty end) are ISO `YYYY-MM-DD`
 * text, which sorts and compares correctly on both engines.
 */
export const deviceAssets: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['asset_tag', 'owner', 'department', 'location', 'purchase_date', 'supplier', 'warranty_end', 'asset_notes']) {
      await db.schema.alterTable('devices').addColumn(column, 'text').execute();
    }
    // Every device known before assets existed is one somebody uses.
    await db.schema.alterTable('devices').addColumn('asset_status', 'text', (c) => c.notNull().defaultTo('in-use')).execute();
    await db.schema.alterTable('devices').addColumn('asset_status_at', 'bigint').execute();
    /** When the stale-device job flagged it as not seen for the configured days (null when seen since). */
    await db.schema.alterTable('devices').addColumn('stale_since', 'bigint').execute();
    /** The last time a retired or disposed device still tried to reach the server. */
    await db.schema.alterTable('devices').addColumn('retired_contact_at', 'bigint').execute();
    await db.schema.createIndex('devices_asset_status_idx').on('devices').columns(['asset_status', 'last_seen_at']).execute();
    await db.schema.createIndex('devices_warranty_end_idx').on('devices').column('warranty_end').execute();
    await db.schema.createIndex('devices_stale_since_idx').on('devices').column('stale_since').execute();
    await db.schema.createIndex('devices_retired_contact_idx').on('devices').column('retired_contact_at').execute();
    await db.schema.createIndex('devices_asset_tag_idx').on('devices').column('asset_tag').execute();
    await db.schema.createIndex('devices_hostname_lower_idx').on('devices').expression(sql`lower(hostname)`).execute();

    await db.schema
      .createTable('device_status_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      /** Who changed it: a technician's display name, or "housekeeping" for the automatic retirement. */
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('device_status_history_device_idx').on('device_status_history').columns(['device_id', 'at']).execute();
  },
};
