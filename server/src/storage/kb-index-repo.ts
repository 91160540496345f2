import {
  articleTermWeights,
  isLatinTerm,
  planQuery,
  typoCandidatesWanted,
  distinctTerms,
  expandWithSynonyms,
  type IndexableArticle,
  type ScoredTerm,
  type SynonymGroups,
} from '@deskside/shared';
import { sql, type Kysely, type Transaction } from 'kysely';

import type { Database } from './tables.js';
import { count, parseJson } from './values.js';

type Db = Kysely<Database> | Transaction<Database>;

interface Cached<T> {
  readonly value: T;
  readonly at: number;
}

/** Who may see a search's results: users get published public articles; technicians see everything. */
export interface SearchScope {
  readonly audience: 'users' | 'technicians';
}

export interface SearchHit {
  readonly articleId: string;
  readonly score: number;
}

/** The most rows one query term reads (see `search`). */
export const POSTINGS_PER_TERM = 1000;

/**
 * How long one instance reuses the synonym groups and the article counts read for searches. Its own
 * changes drop them at once; another instance's (several servers on one PostgreSQL) show within this.
 */
export const SEARCH_CACHE_MS = 5000;

/** Rows inserted per statement: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const INSERT_BATCH = 500;

/**
 * The search index: each article's terms with weights (kb_terms), the words known for typo correction
 * (kb_vocabulary), and the technicians' synonym groups. Written in the same transaction as the article.
 */
export class KbIndexRepo {
  private synonymsCache: Cached<SynonymGroups> | null = null;
  private readonly articleCounts = new Map<SearchScope['audience'], Cached<number>>();

  constructor(
    private readonly db: Kysely<Database>,
    /** Monotonic milliseconds, for the caches' age only. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * An article was written or deleted. Called inside the writing transaction: a search running before
   * its commit may cache the old count, which only shifts the rarity weights slightly and for at most
   * SEARCH_CACHE_MS; the matching itself always reads the committed index.
   */
  articlesChanged(): void {
    this.articleCounts.clear();
  }

  /** The synonym groups were changed by this instance. */
  synonymsChanged(): void {
    this.synonymsCache = null;
  }

  async reindex(trx: Db, articleId: string, article: IndexableArticle, isPublic: boolean): Promise<void> {
    this.articlesChanged();
    await trx.deleteFrom('kb_terms').where('article_id', '=', articleId).execute();
    const rows = [...articleTermWeights(article)].map(([term, weight]) => ({ term, article_id: articleId, weight, public: isPublic ? 1 : 0 }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await trx.insertInto('kb_terms').values(rows.slice(i, i + INSERT_BATCH)).execute();
    const words = rows.map((r) => r.term).filter(isLatinTerm);
    for (let i = 0; i < words.length; i += INSERT_BATCH) {
      await trx
        .insertInto('kb_vocabulary')
        .values(words.slice(i, i + INSERT_BATCH).map((term) => ({ term, initial: term.slice(0, 2), length: term.length })))
        .onConflict((oc) => oc.column('term').doNothing())
        .execute();
    }
  }

  /** Read by every search and every offline copy: kept for SEARCH_CACHE_MS. */
  async synonymGroups(): Promise<SynonymGroups> {
    const cached = this.synonymsCache;
    if (cached !== null && this.now() - cached.at < SEARCH_CACHE_MS) return cached.value;
    const at = this.now();
    const rows = await this.db.selectFrom('kb_synonyms').select('terms').execute();
    const value = rows.map((r) => parseJson<string[]>(r.terms));
    // A change made while this read ran wins: keep only what nothing invalidated since.
    if (this.synonymsCache === cached) this.synonymsCache = { value, at };
    return value;
  }

  /**
   * Article ids by relevance. The score is the sum, over the words typed, of the best-weighted stand-in
   * (the word, a synonym or a typo's correction) times its rarity: the formula of `scoreArticles`.
   * Each term contributes at most its `POSTINGS_PER_TERM` heaviest rows (titles and tags first), read
   * in index order: a word found in thousands of articles costs the same as one found in a thousand.
   */
  async search(query: string, scope: SearchScope, limit: number, offset = 0): Promise<{ hits: SearchHit[]; total: number }> {
    const plan = await this.plan(query, scope);
    if (plan.length === 0) return { hits: [], total: 0 };
    const coefficient = sql.join(plan.map((p) => sql`when ${p.term} then cast(${p.coefficient} as double precision)`), sql` `);
    const source = sql.join(plan.map((p) => sql`when ${p.term} then ${p.source}`), sql` `);
    const audiences = scope.audience === 'users' ? [1] : [1, 0];
    const arms = plan.flatMap((p, i) =>
      audiences.map(
        (pub) => sql`select * from (select article_id, term, weight from kb_terms where term = ${p.term} and public = ${pub}
          order by weight desc, article_id limit ${POSTINGS_PER_TERM}) as ${sql.id(`arm_${i}_${pub}`)}`,
      ),
    );
    const { rows } = await sql<{ article_id: string; score: number; total: number }>`
      with postings as (${sql.join(arms, sql` union all `)}),
      per_source as (
        select article_id, max(weight * case term ${coefficient} end) as best
        from postings
        group by article_id, case term ${source} end
      ), scored as (
        select article_id, sum(best) as score from per_source group by article_id
      )
      select article_id, score, count(*) over () as total from scored
      order by score desc, article_id limit ${limit} offset ${offset}`.execute(this.db);
    return { hits: rows.map((r) => ({ articleId: r.article_id, score: Number(r.score) })), total: count(rows[0]?.total) };
  }

  private async plan(query: string, scope: SearchScope): Promise<ScoredTerm[]> {
    const synonyms = await this.synonymGroups();
    const typed = distinctTerms(query);
    if (typed.length === 0) return [];
    const expanded = expandWithSynonyms(typed, synonyms).map((t) => t.term);
    const known = await this.documentFrequencies(expanded, scope);
    const vocabulary = await this.typoNeighbours(typoCandidatesWanted(query, known));
    const more = vocabulary.filter((w) => !known.has(w));
    if (more.length > 0) for (const [term, n] of await this.documentFrequencies(more, scope)) known.set(term, n);
    return planQuery(query, synonyms, known, await this.articleCount(scope), vocabulary);
  }

  private async documentFrequencies(terms: readonly string[], scope: SearchScope): Promise<Map<string, number>> {
    if (terms.length === 0) return new Map();
    let q = this.db
      .selectFrom('kb_terms as t')
      .where('t.term', 'in', [...terms])
      .select(['t.term', sql<number>`count(*)`.as('n')])
      .groupBy('t.term');
    if (scope.audience === 'users') q = q.where('t.public', '=', 1);
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.term, count(r.n)]));
  }

  private async articleCount(scope: SearchScope): Promise<number> {
    const cached = this.articleCounts.get(scope.audience);
    if (cached !== undefined && this.now() - cached.at < SEARCH_CACHE_MS) return cached.value;
    const at = this.now();
    let q = this.db.selectFrom('kb_articles').select(sql<number>`count(*)`.as('n'));
    if (scope.audience === 'users') q = q.where('status', '=', 'published').where('visibility', '=', 'everyone');
    const value = count((await q.executeTakeFirst())?.n);
    if (this.articleCounts.get(scope.audience) === cached) this.articleCounts.set(scope.audience, { value, at });
    return value;
  }

  /**
   * Known words that could be what a misspelt word meant: the same first two letters (or those two
   * swapped) and a length within the allowance. A slip in the first two letters is not corrected: it
   * keeps the candidates to a few dozen in a vocabulary of hundreds of thousands of words. The distance
   * itself is checked in planQuery.
   */
  private async typoNeighbours(wanted: readonly { term: string; allowance: number }[]): Promise<string[]> {
    const arms = wanted.flatMap(({ term, allowance }) =>
      [...new Set([term.slice(0, 2), `${term[1]!}${term[0]!}`])].map(
        (initial) => sql`select * from (select term from kb_vocabulary where initial = ${initial}
          and length >= ${term.length - allowance} and length <= ${term.length + allowance} limit 5000) as ${sql.id(`typo_${initial}_${term.length}_${allowance}`)}`,
      ),
    );
    if (arms.length === 0) return [];
    // One round trip for every misspelt word, however many: each arm is still one bounded index range.
    const { rows } = await sql<{ term: string }>`${sql.join(arms, sql` union all `)}`.execute(this.db);
    return [...new Set(rows.map((r) => r.term))];
  }
}
