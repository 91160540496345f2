import type { Kysely, Migration } from 'kysely';

/**
 * Outgoing webhooks: administrators' subscriptions, and one delivery row per event and subscription:
 * the delivery log (attempts, the receiver's last answer). Sending is the outbound queue's job
 * (migration 0024); each delivery names the job that sends it.
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      // A JSON list of event names.
      .addColumn('events', 'text', (c) => c.notNull())
      // Kept as issued: signing with HMAC needs the secret itself (docs/integrations.md says why).
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Null for a delivery to another kind of target (a connector, added by a later migration).
      .addColumn('subscription_id', 'text', (c) => c.references('webhook_subscriptions.id').onDelete('cascade'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      // The exact body signed and sent, so a redelivery repeats it byte for byte.
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      // The outbound job sending it (outbound_jobs.id): its schedule is the queue's.
      .addColumn('job_id', 'text')
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('response_status', 'integer')
      .addColumn('response_excerpt', 'text')
      .addColumn('error', 'text')
      .addColumn('duration_ms', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .addColumn('redelivery_of', 'text')
      .execute();
    // The delivery log per subscription, newest first.
    await db.schema.createIndex('webhook_deliveries_subscription_idx').on('webhook_deliveries').columns(['subscription_id', 'created_at']).execute();
  },
};
