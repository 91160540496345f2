import type { Kysely, Migration } from 'kysely';

/**
 * Service levels: policies (targets per priority, business hours and holidays in a time zone), each
 * ticket's clock (its pauses, the due times and when the first public reply came), every breach
 * recorded once, and the technicians' notifications.
 */
export const serviceLevels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sla_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      // JSON: seven lists (Sunday first) of { start, end } wall-clock spans.
      .addColumn('week', 'text', (c) => c.notNull())
      // JSON: local dates YYYY-MM-DD.
      .addColumn('holidays', 'text', (c) => c.notNull())
      // JSON: per priority { firstResponseMinutes, resolutionMinutes } in business minutes.
      .addColumn('targets', 'text', (c) => c.notNull())
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema.alterTable('teams').addColumn('sla_policy_id', 'text', (c) => c.references('sla_policies.id').onDelete('set null')).execute();

    await db.schema.alterTable('tickets').addColumn('first_response_at', 'bigint').execute();
    await db.schema.alterTable('tickets').addColumn('sla_policy_id', 'text').execute();
    // JSON list of { from, to } (to null while paused): waiting on the user, or resolved until reopened.
    await db.schema.alterTable('tickets').addColumn('sla_pauses', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    await db.schema.alterTable('tickets').addColumn('sla_first_response_due_at', 'bigint').execute();
    await db.schema.alterTable('tickets').addColumn('sla_resolution_due_at', 'bigint').execute();
    // The next due time of a running target: what the queue sorts, filters and the breach watch scans.
    await db.schema.alterTable('tickets').addColumn('sla_next_due_at', 'bigint').execute();
    await db.schema.createIndex('tickets_sla_next_due_idx').on('tickets').column('sla_next_due_at').execute();

    await db.schema
      .createTable('sla_breaches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      // 'first-response' | 'resolution'
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addColumn('policy_id', 'text')
      .addColumn('team_id', 'text')
      .addColumn('assignee_id', 'text')
      .addColumn('priority', 'text', (c) => c.notNull())
      .execute();
    // Once per ticket and target, whichever instance sees it first.
    await db.schema.createIndex('sla_breaches_ticket_target_idx').on('sla_breaches').columns(['ticket_id', 'target']).unique().execute();
    await db.schema.createIndex('sla_breaches_recorded_idx').on('sla_breaches').column('recorded_at').execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('technician_id', 'text', (c) => c.notNull().references('technicians.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('cascade'))
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .execute();
    await db.schema.createIndex('notifications_technician_idx').on('notifications').columns(['technician_id', 'created_at']).execute();
  },
};
