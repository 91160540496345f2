import type { Kysely, Migration } from 'kysely';

/**
 * Technicians get a mail address and their choice of mail notifications (JSON of topic → on/off; null:
 * the defaults, every notification on).
 */
export const technicianMail: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('technicians').addColumn('email', 'text').execute();
    await db.schema.alterTable('technicians').addColumn('mail_notifications', 'text').execute();
  },
};
