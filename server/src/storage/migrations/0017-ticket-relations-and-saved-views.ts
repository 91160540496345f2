import type { Kysely, Migration } from 'kysely';

/**
 * Working faster (issue 15): a duplicate ticket merged into its survivor points at it; related tickets
 * hang under one parent ("the whole floor cannot print"); each technician keeps named queue views.
 */
export const ticketRelationsAndSavedViews: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('merged_into_id', 'text').execute();
    await db.schema.alterTable('tickets').addColumn('parent_id', 'text').execute();
    await db.schema.createIndex('tickets_merged_into_idx').on('tickets').column('merged_into_id').execute();
    await db.schema.createIndex('tickets_parent_idx').on('tickets').column('parent_id').execute();

    await db.schema
      .createTable('saved_views')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('technician_id', 'text', (c) => c.notNull().references('technicians.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('saved_views_owner_name_idx').on('saved_views').columns(['technician_id', 'name']).unique().execute();
  },
};
