import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Tickets from mail (issue 16). `mail_imports` records each message read from a mailbox by the
 * mailbox's UIDVALIDITY and the message's UID, in the same transaction as the ticket or comment it
 * became: a reader killed between that commit and flagging the message finds it recorded and only
 * flags it, so every mail is turned into work exactly once. `mail_message_ids` maps Message-IDs to
 * tickets, so a reply that names one in In-Reply-To or References threads onto its ticket (mail sent
 * about a ticket may record its own ids here too, with direction `out`).
 */
export const mailIntake: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mail_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('uid_validity', 'bigint', (c) => c.notNull())
      .addColumn('uid', 'bigint', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('from_address', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('mail_imports_uid_unique', ['mailbox', 'uid_validity', 'uid'])
      .execute();
    await db.schema.createIndex('mail_imports_message_idx').on('mail_imports').column('message_id').execute();

    await db.schema
      .createTable('mail_message_ids')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_message_ids_ticket_idx').on('mail_message_ids').column('ticket_id').execute();
    // Linking a new mail's sender to the device they last used reads tickets by contact address:
    // the address lower-cased in a column of its own, filled in for the tickets already there.
    await db.schema.alterTable('tickets').addColumn('requester_email', 'text').execute();
    const rows = await sql<{ id: string; contact: string }>`select id, contact from tickets where contact like '%"email":"%'`.execute(db);
    for (const row of rows.rows) {
      const email = contactEmail(row.contact);
      if (email !== null) await sql`update tickets set requester_email = ${email} where id = ${row.id}`.execute(db);
    }
    await db.schema.createIndex('tickets_requester_email_idx').on('tickets').column('requester_email').execute();
  },
};

function contactEmail(contact: string): string | null {
  try {
    const parsed: unknown = JSON.parse(contact);
    const email = typeof parsed === 'object' && parsed !== null ? (parsed as { email?: unknown }).email : undefined;
    return typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}
