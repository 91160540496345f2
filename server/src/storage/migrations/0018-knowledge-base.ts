import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * The knowledge base (issue 17): articles with one row per language version, tags, revisions, links to
 * tickets, technicians' synonym groups, and the search index. The index is a plain table of
 * (term, article, weight) rather than SQLite FTS5 or pg_trgm, so both engines rank alike and a
 * two-character Chinese query is a single key lookup (docs/knowledge-base.md says why).
 */
export const knowledgeBase: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('kb_articles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('source_ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('solved_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('kb_articles_updated_idx').on('kb_articles').column('updated_at').execute();
    await db.schema.createIndex('kb_articles_category_idx').on('kb_articles').column('category').execute();
    await db.schema.createIndex('kb_articles_audience_idx').on('kb_articles').columns(['status', 'visibility']).execute();

    await db.schema
      .createTable('kb_article_texts')
      .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('kb_article_texts_pk', ['article_id', 'locale'])
      .execute();

    await db.schema
      .createTable('kb_article_tags')
      .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('kb_article_tags_pk', ['article_id', 'tag'])
      .execute();
    await db.schema.createIndex('kb_article_tags_tag_idx').on('kb_article_tags').column('tag').execute();

    await db.schema
      .createTable('kb_revisions')
      .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('technician_id', 'text')
      .addColumn('author_name', 'text')
      .addColumn('changes', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('kb_revisions_pk', ['article_id', 'revision'])
      .execute();

    await db.schema
      .createTable('kb_ticket_links')
      .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('linked_at', 'bigint', (c) => c.notNull())
      .addColumn('linked_by', 'text')
      .addPrimaryKeyConstraint('kb_ticket_links_pk', ['article_id', 'ticket_id'])
      .execute();
    await db.schema.createIndex('kb_ticket_links_ticket_idx').on('kb_ticket_links').column('ticket_id').execute();

    // Keyed by term first: a query reads each of its terms' rows in one index range. `public` (published
    // and for everyone) is copied from the article at each save, so users' searches need no join.
    if (postgres) {
      await sql`create table kb_terms (
        term text not null,
        article_id text not null references kb_articles(id) on delete cascade,
        weight double precision not null,
        public integer not null,
        primary key (term, article_id)
      )`.execute(db);
    } else {
      await sql`create table kb_terms (
        term text not null,
        article_id text not null references kb_articles(id) on delete cascade,
        weight real not null,
        public integer not null,
        primary key (term, article_id)
      ) without rowid`.execute(db);
    }
    await db.schema.createIndex('kb_terms_article_idx').on('kb_terms').column('article_id').execute();
    // A term's heaviest rows first: a search reads a bounded prefix of each of its terms.
    await sql`create index kb_terms_rank_idx on kb_terms (term, public, weight desc, article_id)`.execute(db);
    // Every Latin word ever indexed, for typo correction: a word no article holds any more matches nothing.
    // Looked up by first two letters and length (never by range over text, which collations order differently).
    await db.schema
      .createTable('kb_vocabulary')
      .addColumn('term', 'text', (c) => c.primaryKey())
      .addColumn('initial', 'text', (c) => c.notNull())
      .addColumn('length', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_vocabulary_initial_idx').on('kb_vocabulary').columns(['initial', 'length']).execute();

    await db.schema
      .createTable('kb_synonyms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('terms', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('kb_searches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('results', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_searches_at_idx').on('kb_searches').columns(['at', 'results']).execute();

    await db.schema
      .createTable('kb_feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
      .addColumn('device_id', 'text', (c) => c.references('devices.id').onDelete('set null'))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_feedback_received_idx').on('kb_feedback').column('received_at').execute();
  },
};
