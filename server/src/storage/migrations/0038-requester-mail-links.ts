import type { Kysely, Migration } from 'kysely';

/**
 * The links in a requester's "resolved" mail (it is fixed / still broken), which work without signing
 * in: only the SHA-256 of each token is kept, each is used once, and each expires.
 */
export const requesterMailLinks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('requester_mail_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema.createIndex('requester_mail_links_ticket_idx').on('requester_mail_links').column('ticket_id').execute();
    await db.schema.createIndex('requester_mail_links_expiry_idx').on('requester_mail_links').column('expires_at').execute();
  },
};
