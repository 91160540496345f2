import type { Kysely, Migration } from 'kysely';

/**
 * Tickets from every channel (issue 15): how a request came in (`tray` for everything filed on a
 * device so far; `phone`, `walk-up`, `mail`, … when a technician records it) and which technician
 * recorded it. Fresh diagnostics a technician asks a device for wait in their own table until the
 * agent's next check-in picks them up and its upload fulfils them.
 */
export const ticketChannelsAndFreshDiagnostics: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('channel', 'text', (c) => c.notNull().defaultTo('tray')).execute();
    await db.schema.alterTable('tickets').addColumn('created_by', 'text').execute();
    await db.schema.createIndex('tickets_channel_idx').on('tickets').columns(['channel', 'created_at']).execute();

    await db.schema
      .createTable('ticket_diagnostics_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('requested_by', 'text')
      .addColumn('requested_by_name', 'text')
      .addColumn('requested_at', 'bigint', (c) => c.notNull())
      .addColumn('fulfilled_at', 'bigint')
      .addColumn('diagnostics', 'text')
      .execute();
    // The check-in asks "anything pending for this device?" on every call.
    await db.schema.createIndex('ticket_diag_requests_pending_idx').on('ticket_diagnostics_requests').columns(['device_id', 'fulfilled_at']).execute();
    await db.schema.createIndex('ticket_diag_requests_ticket_idx').on('ticket_diagnostics_requests').columns(['ticket_id', 'requested_at']).execute();
  },
};
