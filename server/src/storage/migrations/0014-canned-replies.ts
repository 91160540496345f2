import type { Kysely, Migration } from 'kysely';

/** Canned replies, for one team or every team (team_id null), written in English and Simplified Chinese. */
export const cannedReplies: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('canned_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body_en', 'text', (c) => c.notNull())
      .addColumn('body_zh_cn', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('canned_replies_team_idx').on('canned_replies').column('team_id').execute();
  },
};
