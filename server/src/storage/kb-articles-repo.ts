import { randomUUID } from 'node:crypto';

import type {
  ArticleDetail,
  ArticleDraft,
  ArticleLocale,
  ArticlePage,
  ArticleRevision,
  ArticleStatus,
  ArticleSummary,
  ArticleText,
  ArticleVisibility,
  ArticleWriteSchema,
  DeviceArticle,
  TicketStatus,
} from '@deskside/shared';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { z } from 'zod';

import type { Clock } from './clock.js';
import type { KbIndexRepo } from './kb-index-repo.js';
import type { Database, KbArticlesTable } from './tables.js';
import { count, iso, json, offsetOf, parseJson } from './values.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An article as the editor saves it (after zod defaults). */
export type ArticleInput = Omit<z.output<typeof ArticleWriteSchema>, 'sourceTicketId'>;

export interface Author {
  readonly id: string;
  readonly name: string;
}

export class RevisionConflictError extends Error {
  constructor(readonly current: number) {
    super(`the article was changed by someone else (now at revision ${current}); reload it and apply your changes again`);
  }
}

export interface ArticleFilter {
  readonly q?: string | undefined;
  readonly status?: ArticleStatus | undefined;
  readonly visibility?: ArticleVisibility | undefined;
  readonly category?: string | undefined;
  readonly tag?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** The fields a revision records, named the way the history shows them. */
function changesBetween(before: ArticleInput | null, after: ArticleInput): string[] {
  if (before === null) return ['created'];
  const changes: string[] = [];
  for (const locale of ['en', 'zh-CN'] as const) {
    const a = before.texts.find((t) => t.locale === locale);
    const b = after.texts.find((t) => t.locale === locale);
    if (a === undefined && b !== undefined) changes.push(`added.${locale}`);
    else if (a !== undefined && b === undefined) changes.push(`removed.${locale}`);
    else if (a !== undefined && b !== undefined) {
      if (a.title !== b.title) changes.push(`title.${locale}`);
      if (a.body !== b.body) changes.push(`body.${locale}`);
    }
  }
  if (before.category !== after.category) changes.push('category');
  if (json([...before.tags].sort()) !== json([...after.tags].sort())) changes.push('tags');
  if (before.visibility !== after.visibility) changes.push('visibility');
  if (before.status !== after.status) changes.push('status');
  return changes;
}

const byLocale = (texts: readonly ArticleText[]) => [...texts].sort((a, b) => a.locale.localeCompare(b.locale));

/** Articles, their language versions, tags, revisions and ticket links; every write reindexes. */
export class KbArticlesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly index: KbIndexRepo,
  ) {}

  async create(trx: Transaction<Database>, input: ArticleInput, author: Author, sourceTicketId: string | null): Promise<string> {
    const id = randomUUID();
    const now = this.clock();
    await trx
      .insertInto('kb_articles')
      .values({
        id,
        category: input.category,
        tags: json(input.tags),
        visibility: input.visibility,
        status: input.status,
        revision: 1,
        source_ticket_id: sourceTicketId,
        created_at: now,
        created_by: author.name,
        updated_at: now,
        updated_by: author.name,
      })
      .execute();
    await this.writeParts(trx, id, input);
    await this.addRevision(trx, id, 1, now, author, changesBetween(null, input), input);
    if (sourceTicketId !== null) await this.link(trx, id, sourceTicketId, author);
    return id;
  }

  /** Saves a new revision; returns the changed fields (empty: nothing to save). */
  async update(trx: Transaction<Database>, id: string, input: ArticleInput, expectedRevision: number, author: Author): Promise<string[] | null> {
    const row = await trx.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    if (row.revision !== expectedRevision) throw new RevisionConflictError(row.revision);
    const before = await this.input(trx, row);
    const changes = changesBetween(before, input);
    if (changes.length === 0) return [];
    const now = this.clock();
    const revision = row.revision + 1;
    const updated = await trx
      .updateTable('kb_articles')
      .set({ category: input.category, tags: json(input.tags), visibility: input.visibility, status: input.status, revision, updated_at: now, updated_by: author.name })
      .where('id', '=', id)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    // Another save committed between our read and our write.
    if (Number(updated.numUpdatedRows) !== 1) throw new RevisionConflictError(row.revision + 1);
    await trx.deleteFrom('kb_article_texts').where('article_id', '=', id).execute();
    await trx.deleteFrom('kb_article_tags').where('article_id', '=', id).execute();
    await this.writeParts(trx, id, input);
    await this.addRevision(trx, id, revision, now, author, changes, input);
    return changes;
  }

  async remove(trx: Transaction<Database>, id: string): Promise<{ title: string } | null> {
    const title = await trx.selectFrom('kb_article_texts').select('title').where('article_id', '=', id).orderBy('locale').executeTakeFirst();
    const deleted = await trx.deleteFrom('kb_articles').where('id', '=', id).executeTakeFirst();
    this.index.articlesChanged();
    return Number(deleted.numDeletedRows) === 1 ? { title: title?.title ?? '' } : null;
  }

  private async writeParts(trx: Transaction<Database>, id: string, input: ArticleInput): Promise<void> {
    await trx
      .insertInto('kb_article_texts')
      .values(input.texts.map((t) => ({ article_id: id, locale: t.locale, title: t.title, body: t.body })))
      .execute();
    const tags = [...new Set(input.tags)];
    if (tags.length > 0) await trx.insertInto('kb_article_tags').values(tags.map((tag) => ({ article_id: id, tag }))).execute();
    await this.index.reindex(trx, id, input, input.status === 'published' && input.visibility === 'everyone');
  }

  private async addRevision(trx: Transaction<Database>, id: string, revision: number, at: number, author: Author, changes: string[], input: ArticleInput): Promise<void> {
    await trx
      .insertInto('kb_revisions')
      .values({ article_id: id, revision, at, technician_id: author.id, author_name: author.name, changes: json(changes), snapshot: json({ ...input, texts: byLocale(input.texts) }) })
      .execute();
  }

  private async input(db: Db, row: Selectable<KbArticlesTable>): Promise<ArticleInput> {
    const texts = await db.selectFrom('kb_article_texts').select(['locale', 'title', 'body']).where('article_id', '=', row.id).orderBy('locale').execute();
    return {
      texts: texts.map((t) => ({ locale: t.locale as ArticleLocale, title: t.title, body: t.body })),
      category: row.category,
      tags: parseJson<string[]>(row.tags),
      visibility: row.visibility as ArticleVisibility,
      status: row.status as ArticleStatus,
    };
  }

  /** Summaries in the order of `ids` (search order); unknown ids are skipped. */
  async summaries(ids: readonly string[]): Promise<ArticleSummary[]> {
    if (ids.length === 0) return [];
    const [rows, titles, links] = await Promise.all([
      this.db.selectFrom('kb_articles').selectAll().where('id', 'in', [...ids]).execute(),
      this.db.selectFrom('kb_article_texts').select(['article_id', 'locale', 'title']).where('article_id', 'in', [...ids]).orderBy('locale').execute(),
      this.db
        .selectFrom('kb_ticket_links')
        .select(['article_id', sql<number>`count(*)`.as('n')])
        .where('article_id', 'in', [...ids])
        .groupBy('article_id')
        .execute(),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const linkCount = new Map(links.map((l) => [l.article_id, count(l.n)]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (r === undefined) return [];
      return [
        {
          id: r.id,
          texts: titles.filter((t) => t.article_id === id).map((t) => ({ locale: t.locale as ArticleLocale, title: t.title })),
          category: r.category,
          tags: parseJson<string[]>(r.tags),
          visibility: r.visibility as ArticleVisibility,
          status: r.status as ArticleStatus,
          revision: r.revision,
          createdAt: iso(r.created_at),
          updatedAt: iso(r.updated_at),
          updatedBy: r.updated_by,
          usage: { solved: r.solved_count, linkedTickets: linkCount.get(id) ?? 0 },
        },
      ];
    });
  }

  async detail(id: string): Promise<ArticleDetail | null> {
    const [summary] = await this.summaries([id]);
    if (summary === undefined) return null;
    const [row, texts, revisions, links] = await Promise.all([
      this.db.selectFrom('kb_articles').select('source_ticket_id').where('id', '=', id).executeTakeFirstOrThrow(),
      this.db.selectFrom('kb_article_texts').select(['locale', 'title', 'body']).where('article_id', '=', id).orderBy('locale').execute(),
      this.db.selectFrom('kb_revisions').selectAll().where('article_id', '=', id).orderBy('revision', 'desc').execute(),
      this.db
        .selectFrom('kb_ticket_links as l')
        .innerJoin('tickets as t', 't.id', 'l.ticket_id')
        .select(['t.id', 't.number', 't.subject', 't.status', 'l.linked_at'])
        .where('l.article_id', '=', id)
        .orderBy('l.linked_at', 'desc')
        .execute(),
    ]);
    const source =
      row.source_ticket_id === null
        ? null
        : ((await this.db.selectFrom('tickets').select(['id', 'number', 'subject']).where('id', '=', row.source_ticket_id).executeTakeFirst()) ?? null);
    return {
      article: { ...summary, texts: texts.map((t) => ({ locale: t.locale as ArticleLocale, title: t.title, body: t.body })) },
      sourceTicket: source,
      linkedTickets: links.map((l) => ({ id: l.id, number: l.number, subject: l.subject, status: l.status as TicketStatus, linkedAt: iso(l.linked_at) })),
      revisions: revisions.map((r): ArticleRevision => {
        const snapshot = parseJson<ArticleInput>(r.snapshot);
        return {
          revision: r.revision,
          at: iso(r.at),
          technicianId: r.technician_id,
          authorName: r.author_name,
          changes: parseJson<string[]>(r.changes),
          texts: snapshot.texts,
          category: snapshot.category,
          tags: snapshot.tags,
          visibility: snapshot.visibility,
          status: snapshot.status,
        };
      }),
    };
  }

  /** The console's list: by search relevance when `q` is given, else most recently changed first. */
  async list(f: ArticleFilter): Promise<ArticlePage> {
    const categories = (await this.db.selectFrom('kb_articles').select('category').distinct().orderBy('category').execute()).map((r) => r.category);
    const filtered = (q: ReturnType<typeof this.base>) => {
      let out = q;
      if (f.status !== undefined) out = out.where('a.status', '=', f.status);
      if (f.visibility !== undefined) out = out.where('a.visibility', '=', f.visibility);
      if (f.category !== undefined && f.category !== '') out = out.where('a.category', '=', f.category);
      if (f.tag !== undefined && f.tag !== '') {
        const tag = f.tag.trim().toLowerCase();
        out = out.where((eb) => eb.exists(eb.selectFrom('kb_article_tags as g').select('g.tag').whereRef('g.article_id', '=', 'a.id').where('g.tag', '=', tag)));
      }
      return out;
    };
    if (f.q !== undefined && f.q !== '') {
      // Relevance first, then the filters: a search ranks everything, the filters keep what they match.
      const { hits } = await this.index.search(f.q, { audience: 'technicians' }, 1000);
      const ids = hits.map((h) => h.articleId);
      if (ids.length === 0) return { items: [], total: 0, page: f.page, pageSize: f.pageSize, categories };
      const kept = new Set((await filtered(this.base()).select('a.id').where('a.id', 'in', ids).execute()).map((r) => r.id));
      const ordered = ids.filter((id) => kept.has(id));
      const items = await this.summaries(ordered.slice(offsetOf(f), offsetOf(f) + f.pageSize));
      return { items, total: ordered.length, page: f.page, pageSize: f.pageSize, categories };
    }
    const [rows, total] = await Promise.all([
      filtered(this.base()).select('a.id').orderBy('a.updated_at', 'desc').orderBy('a.id').limit(f.pageSize).offset(offsetOf(f)).execute(),
      filtered(this.base()).select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    ]);
    return { items: await this.summaries(rows.map((r) => r.id)), total: count(total?.n), page: f.page, pageSize: f.pageSize, categories };
  }

  private base() {
    return this.db.selectFrom('kb_articles as a');
  }

  /** Links an article to a ticket; false when it already was. */
  async link(db: Db, articleId: string, ticketId: string, author: Author): Promise<boolean> {
    const result = await db
      .insertInto('kb_ticket_links')
      .values({ article_id: articleId, ticket_id: ticketId, linked_at: this.clock(), linked_by: author.name })
      .onConflict((oc) => oc.columns(['article_id', 'ticket_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async unlink(articleId: string, ticketId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('kb_ticket_links').where('article_id', '=', articleId).where('ticket_id', '=', ticketId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async forTicket(ticketId: string): Promise<ArticleSummary[]> {
    const rows = await this.db.selectFrom('kb_ticket_links').select('article_id').where('ticket_id', '=', ticketId).orderBy('linked_at').execute();
    return this.summaries(rows.map((r) => r.article_id));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('kb_articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  /**
   * A new article from a resolved ticket: the user's question as the title and problem, the
   * technicians' public replies as the answer, in the ticket's language. Null: no such ticket.
   */
  async draftFromTicket(ticketId: string): Promise<ArticleDraft | 'not-resolved' | null> {
    const ticket = await this.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (ticket === undefined) return null;
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') return 'not-resolved';
    const replies = await this.db
      .selectFrom('ticket_messages')
      .select('body')
      .where('ticket_id', '=', ticketId)
      .where('author', '=', 'technician')
      .where('visibility', '=', 'public')
      .orderBy('created_at')
      .execute();
    const zh = (ticket.locale ?? '').toLowerCase().startsWith('zh');
    const [problem, answer] = zh ? ['## 问题', '## 解决方法'] : ['## Problem', '## Solution'];
    const body = [problem, '', ticket.description.trim(), '', answer, '', ...replies.map((r) => r.body.trim()).flatMap((b) => [b, ''])].join('\n').trim();
    return {
      texts: [{ locale: zh ? 'zh-CN' : 'en', title: ticket.subject.slice(0, 200), body: body.slice(0, 50_000) }],
      category: ticket.category,
      tags: [],
      sourceTicketId: ticket.id,
    };
  }

  /**
   * Public published articles as devices get them, in the preferred language where it exists.
   * `ids` keeps search order; without it, every public article, most recently changed first.
   */
  async forDevices(locale: ArticleLocale, ids: readonly string[] | null, limit: number): Promise<DeviceArticle[]> {
    let q = this.db.selectFrom('kb_articles').selectAll().where('status', '=', 'published').where('visibility', '=', 'everyone');
    if (ids !== null) {
      if (ids.length === 0) return [];
      q = q.where('id', 'in', [...ids]);
    }
    const rows = await q.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
    if (rows.length === 0) return [];
    const texts = await this.db.selectFrom('kb_article_texts').selectAll().where('article_id', 'in', rows.map((r) => r.id)).execute();
    const articles = rows.flatMap((r): DeviceArticle[] => {
      const mine = texts.filter((t) => t.article_id === r.id);
      const text = mine.find((t) => t.locale === locale) ?? mine[0];
      if (text === undefined) return [];
      return [{ id: r.id, locale: text.locale as ArticleLocale, title: text.title, body: text.body, category: r.category, tags: parseJson<string[]>(r.tags), updatedAt: iso(r.updated_at) }];
    });
    if (ids === null) return articles;
    const order = new Map(ids.map((id, i) => [id, i]));
    return articles.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }
}
