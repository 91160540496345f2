import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The requester's loop (issue 15): a resolved ticket is confirmed, reopened ("still broken") or closed
 * after N days unanswered, then rated. What reports need is kept on the ticket (closed at and why,
 * reopen count, rating and comment, when the requester last wrote); each answer from a device is one
 * row keyed by its client id so an agent's retry is never counted twice; technicians hear about
 * requester replies through the console's notifications (table `notifications`, 0013).
 */
export const requesterLoop: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, type] of [
      ['requester_replied_at', 'bigint'],
      ['closed_at', 'bigint'],
      ['close_reason', 'text'],
      ['rating', 'integer'],
      ['rating_comment', 'text'],
      ['rated_at', 'bigint'],
    ] as const) {
      await db.schema.alterTable('tickets').addColumn(name, type).execute();
    }
    await db.schema.alterTable('tickets').addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // Tickets closed before: closed when their status last changed, by a technician.
    await sql`update tickets set closed_at = status_changed_at, close_reason = 'technician' where status = 'closed'`.execute(db);
    // The auto-close job looks for resolved tickets by when they were resolved.
    await db.schema.createIndex('tickets_status_resolved_idx').on('tickets').columns(['status', 'resolved_at']).execute();

    await db.schema
      .createTable('ticket_feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer')
      .addColumn('body', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_feedback_ticket_idx').on('ticket_feedback').columns(['ticket_id', 'created_at']).execute();
  },
};
