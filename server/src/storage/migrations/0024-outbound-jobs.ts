import type { Kysely, Migration } from 'kysely';

/**
 * The outbound job queue (mail, and later webhooks and connectors): one row per thing the server must
 * send, written in the transaction of the event that causes it, then claimed by one instance at a time
 * under a lease. The dedupe key is unique so the same event never enqueues twice.
 */
export const outboundJobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbound_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('last_response', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    // The worker's question: what is due now?
    await db.schema.createIndex('outbound_jobs_due_idx').on('outbound_jobs').columns(['status', 'next_attempt_at']).execute();
    // The admin's: the newest jobs of one kind (the mail outbox), by status.
    await db.schema.createIndex('outbound_jobs_kind_idx').on('outbound_jobs').columns(['kind', 'status', 'created_at']).execute();
  },
};
