import type { Kysely, Migration } from 'kysely';

/**
 * Connectors to other helpdesks (GLPI, Zammad, Jira Service Management) and each Deskside ticket's
 * twin there. Their work rides the webhook delivery queue: a delivery names either a subscription or
 * a connector.
 */
export const connectors: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('connectors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      // JSON of the product's settings with its credentials: kept as given, since each call sends them.
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ticket_remote_links')
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('remote_id', 'text')
      .addColumn('remote_number', 'text')
      .addColumn('remote_url', 'text')
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_remote_links_pk', ['ticket_id', 'connector_id'])
      .execute();

    await db.schema.alterTable('webhook_deliveries').addColumn('connector_id', 'text', (c) => c.references('connectors.id').onDelete('cascade')).execute();
    await db.schema.alterTable('webhook_deliveries').addColumn('ticket_id', 'text').execute();
    // A connector's log, and "is the create of this ticket still queued".
    await db.schema.createIndex('webhook_deliveries_connector_idx').on('webhook_deliveries').columns(['connector_id', 'created_at']).execute();
  },
};
