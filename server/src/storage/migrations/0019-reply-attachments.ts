import type { Kysely, Migration } from 'kysely';

/**
 * Files a technician attaches to a reply or note. They are uploaded first (`message_id` null,
 * `uploaded_by` the technician) and claimed by the message that sends them; the device sees only those
 * of public messages. Attachments the tray uploaded keep both columns null.
 */
export const replyAttachments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('attachments').addColumn('message_id', 'text').execute();
    await db.schema.alterTable('attachments').addColumn('uploaded_by', 'text').execute();
    await db.schema.createIndex('attachments_message_idx').on('attachments').column('message_id').execute();
  },
};
