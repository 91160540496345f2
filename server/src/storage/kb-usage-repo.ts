import { randomUUID } from 'node:crypto';

import type { ArticleFeedback, KbReport } from '@deskside/shared';
import { sql, type Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { count, iso } from './values.js';

export type SearchSource = 'device' | 'console';

const REPORT_ROWS = 20;

/** What users did with the knowledge base: searches (with how many results) and "This solved it". */
export class KbUsageRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async recordSearch(source: SearchSource, query: string, results: number): Promise<void> {
    // Stored as normalised so "Printer  offline" and "printer offline" count as one missing article.
    const normalised = query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);
    if (normalised === '') return;
    await this.db.insertInto('kb_searches').values({ id: randomUUID(), at: this.clock(), source, query: normalised, results }).execute();
  }

  async pruneSearches(before: number): Promise<number> {
    const result = await this.db.deleteFrom('kb_searches').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Records a device's "This solved it" once per client id; false for a retry already counted. */
  async recordFeedback(deviceId: string, f: ArticleFeedback): Promise<{ duplicate: boolean; articleFound: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const seen = await trx.selectFrom('kb_feedback').select('id').where('id', '=', f.id).executeTakeFirst();
      if (seen !== undefined) return { duplicate: true, articleFound: true };
      const article = await trx.selectFrom('kb_articles').select('id').where('id', '=', f.articleId).executeTakeFirst();
      if (article === undefined) return { duplicate: false, articleFound: false };
      const at = Date.parse(f.at);
      const now = this.clock();
      await trx
        .insertInto('kb_feedback')
        .values({ id: f.id, article_id: f.articleId, device_id: deviceId, outcome: f.outcome, query: f.query, at: Number.isFinite(at) ? at : now, received_at: now })
        .execute();
      await trx
        .updateTable('kb_articles')
        .set((eb) => ({ solved_count: eb('solved_count', '+', 1) }))
        .where('id', '=', f.articleId)
        .execute();
      return { duplicate: false, articleFound: true };
    });
  }

  async report(days: number): Promise<KbReport> {
    const since = this.clock() - days * 86_400_000;
    const [deflected, filed, searches, unanswered, top] = await Promise.all([
      this.db.selectFrom('kb_feedback').select(sql<number>`count(*)`.as('n')).where('received_at', '>=', since).executeTakeFirst(),
      this.db.selectFrom('tickets').select(sql<number>`count(*)`.as('n')).where('created_at', '>=', since).executeTakeFirst(),
      this.db.selectFrom('kb_searches').select(sql<number>`count(*)`.as('n')).where('at', '>=', since).executeTakeFirst(),
      this.db
        .selectFrom('kb_searches')
        .select(['query', sql<number>`count(*)`.as('n'), sql<number>`max(at)`.as('last_at')])
        .where('at', '>=', since)
        .where('results', '=', 0)
        .groupBy('query')
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('query')
        .limit(REPORT_ROWS)
        .execute(),
      this.topArticles(since),
    ]);
    const d = count(deflected?.n);
    const t = count(filed?.n);
    return {
      since: iso(since),
      deflected: d,
      ticketsFiled: t,
      deflectionRate: d + t === 0 ? null : d / (d + t),
      searches: count(searches?.n),
      unanswered: unanswered.map((u) => ({ query: u.query, count: count(u.n), lastAt: iso(Number(u.last_at)) })),
      topArticles: top,
    };
  }

  /** Articles by use in the period: reports they solved, then tickets they were linked to. */
  private async topArticles(since: number): Promise<KbReport['topArticles']> {
    const [solved, linked] = await Promise.all([
      this.db.selectFrom('kb_feedback').select(['article_id', sql<number>`count(*)`.as('n')]).where('received_at', '>=', since).groupBy('article_id').execute(),
      this.db.selectFrom('kb_ticket_links').select(['article_id', sql<number>`count(*)`.as('n')]).where('linked_at', '>=', since).groupBy('article_id').execute(),
    ]);
    const usage = new Map<string, { solved: number; linkedTickets: number }>();
    for (const s of solved) usage.set(s.article_id, { solved: count(s.n), linkedTickets: 0 });
    for (const l of linked) usage.set(l.article_id, { solved: usage.get(l.article_id)?.solved ?? 0, linkedTickets: count(l.n) });
    const ranked = [...usage].sort((a, b) => b[1].solved - a[1].solved || b[1].linkedTickets - a[1].linkedTickets || a[0].localeCompare(b[0])).slice(0, REPORT_ROWS);
    if (ranked.length === 0) return [];
    const titles = await this.db.selectFrom('kb_article_texts').select(['article_id', 'locale', 'title']).where('article_id', 'in', ranked.map(([id]) => id)).orderBy('locale').execute();
    return ranked.map(([id, u]) => ({ id, title: titles.find((t) => t.article_id === id)?.title ?? id, ...u }));
  }
}
