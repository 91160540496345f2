import type { Kysely, Migration } from 'kysely';

/**
 * Teams and escalation: teams with members, the routing rule per ticket category (category `*` is the
 * default team), each ticket's team, and every change of team with who made it and why, so reports can
 * tell which team held a ticket at any moment.
 */
export const teams: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // Lower-cased name: two teams may not differ only by case.
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('technician_id', 'text', (c) => c.notNull().references('technicians.id').onDelete('cascade'))
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'technician_id'])
      .execute();
    await db.schema.createIndex('team_members_technician_idx').on('team_members').column('technician_id').execute();

    await db.schema
      .createTable('routing_rules')
      .addColumn('category', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .execute();

    await db.schema.alterTable('tickets').addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null')).execute();
    await db.schema.createIndex('tickets_team_idx').on('tickets').columns(['team_id', 'status']).execute();

    await db.schema
      .createTable('ticket_team_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      // 'routed' (by the rules, on arrival) or 'transferred' (by a technician, with a note).
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_team_id', 'text')
      .addColumn('to_team_id', 'text')
      .addColumn('technician_id', 'text')
      .addColumn('technician_name', 'text')
      .addColumn('note', 'text')
      .addColumn('message_id', 'text')
      .execute();
    await db.schema.createIndex('ticket_team_changes_ticket_idx').on('ticket_team_changes').columns(['ticket_id', 'at']).execute();
    await db.schema.createIndex('ticket_team_changes_to_idx').on('ticket_team_changes').columns(['to_team_id', 'at']).execute();
  },
};
