import type { Kysely, Migration } from 'kysely';

/**
 * Single sign-on: the sign-ins in progress (state, nonce and PKCE verifier, kept in the database so any
 * instance can finish what another started) and the directory identities linked to technicians.
 */
export const singleSignOn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sso_flows')
      .addColumn('state', 'text', (c) => c.primaryKey())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sso_flows_expires_idx').on('sso_flows').column('expires_at').execute();
    await db.schema
      .createTable('technician_identities')
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('technician_id', 'text', (c) => c.notNull().references('technicians.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('technician_identities_pk', ['provider', 'subject'])
      .execute();
    await db.schema.createIndex('technician_identities_technician_idx').on('technician_identities').column('technician_id').execute();
  },
};
