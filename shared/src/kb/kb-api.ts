import { z } from 'zod';

import { LIMITS, anyText, isoDateTime, maybeText, nonNegativeInt, text, uuid } from '../limits.js';
import { TicketStatusSchema } from '../ticket.js';

/**
 * The knowledge base: articles technicians write (console API under `/kb`) and users read (device
 * API `GET articles`). Bodies are Markdown, stored as written and rendered at the edge with raw HTML
 * off and the result sanitised (see docs/knowledge-base.md).
 */

export const ARTICLE_LOCALES = ['en', 'zh-CN'] as const;
export const ArticleLocaleSchema = z.enum(ARTICLE_LOCALES);
export type ArticleLocale = z.infer<typeof ArticleLocaleSchema>;

/** `everyone`: users see it in the tray; `technicians`: only the console shows it. */
export const ARTICLE_VISIBILITIES = ['everyone', 'technicians'] as const;
export const ArticleVisibilitySchema = z.enum(ARTICLE_VISIBILITIES);
export type ArticleVisibility = z.infer<typeof ArticleVisibilitySchema>;

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

export const ARTICLE_LIMITS = { title: 200, body: 50_000, category: 80, tag: 40, tags: 20, synonymTerms: 12, synonymTerm: 60, query: 200 } as const;

export const ArticleTitleSchema = z.string().trim().min(1, 'a title is required').max(ARTICLE_LIMITS.title);
export const ArticleCategorySchema = z.string().trim().min(1, 'a category is required').max(ARTICLE_LIMITS.category);
export const ArticleTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(ARTICLE_LIMITS.tag)
  .regex(/^[^,\s][^,]*$/u, 'tags hold no commas');

export const ArticleTextSchema = z.strictObject({
  locale: ArticleLocaleSchema,
  title: ArticleTitleSchema,
  body: anyText(ARTICLE_LIMITS.body),
});
export type ArticleText = z.infer<typeof ArticleTextSchema>;

const textsSchema = z
  .array(ArticleTextSchema)
  .min(1, 'an article needs an English or a Chinese version')
  .max(ARTICLE_LOCALES.length)
  .refine((texts) => new Set(texts.map((t) => t.locale)).size === texts.length, 'one version per language');

/** Create or replace an article. `revision` on update is the one the editor started from (409 if another saved since). */
export const ArticleWriteSchema = z.strictObject({
  texts: textsSchema,
  category: ArticleCategorySchema,
  tags: z.array(ArticleTagSchema).max(ARTICLE_LIMITS.tags).default([]),
  visibility: ArticleVisibilitySchema,
  status: ArticleStatusSchema,
  /** The resolved ticket the article was written from; linked to it on creation. */
  sourceTicketId: uuid.nullable().optional(),
});
export type ArticleWrite = z.input<typeof ArticleWriteSchema>;

export const ArticleUpdateSchema = ArticleWriteSchema.omit({ sourceTicketId: true }).extend({
  revision: z.number().int().positive(),
});
export type ArticleUpdate = z.input<typeof ArticleUpdateSchema>;

export const ArticleUsageSchema = z.strictObject({
  /** Reports the article ended on the device ("This solved it"). */
  solved: nonNegativeInt,
  /** Tickets it is linked to (including replies it was inserted into). */
  linkedTickets: nonNegativeInt,
});

export const ArticleSummarySchema = z.strictObject({
  id: uuid,
  texts: z.array(z.strictObject({ locale: ArticleLocaleSchema, title: text(ARTICLE_LIMITS.title) })),
  category: text(ARTICLE_LIMITS.category),
  tags: z.array(text(ARTICLE_LIMITS.tag)),
  visibility: ArticleVisibilitySchema,
  status: ArticleStatusSchema,
  revision: z.number().int().positive(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  updatedBy: maybeText(),
  usage: ArticleUsageSchema,
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

/** Which fields one save changed, and who saved it. */
export const ArticleRevisionSchema = z.strictObject({
  revision: z.number().int().positive(),
  at: isoDateTime,
  technicianId: uuid.nullable(),
  authorName: maybeText(),
  /** e.g. `created`, `title.en`, `body.zh-CN`, `status`, `tags`. */
  changes: z.array(text(64)),
  /** The article as this save left it. */
  texts: z.array(ArticleTextSchema),
  category: text(ARTICLE_LIMITS.category),
  tags: z.array(text(ARTICLE_LIMITS.tag)),
  visibility: ArticleVisibilitySchema,
  status: ArticleStatusSchema,
});
export type ArticleRevision = z.infer<typeof ArticleRevisionSchema>;

export const LinkedTicketSchema = z.strictObject({
  id: uuid,
  number: z.number().int().positive(),
  subject: text(LIMITS.ticketSubject),
  status: TicketStatusSchema,
  linkedAt: isoDateTime,
});

export const ArticleDetailSchema = z.strictObject({
  article: ArticleSummarySchema.omit({ texts: true }).extend({ texts: z.array(ArticleTextSchema) }),
  sourceTicket: z.strictObject({ id: uuid, number: z.number().int().positive(), subject: text(LIMITS.ticketSubject) }).nullable(),
  linkedTickets: z.array(LinkedTicketSchema),
  revisions: z.array(ArticleRevisionSchema),
});
export type ArticleDetail = z.infer<typeof ArticleDetailSchema>;

const searchQuery = z
  .string()
  .max(ARTICLE_LIMITS.query)
  .transform((s) => s.trim())
  .optional();

export const ArticleListQuerySchema = z.strictObject({
  q: searchQuery,
  status: ArticleStatusSchema.optional(),
  visibility: ArticleVisibilitySchema.optional(),
  category: z.string().max(ARTICLE_LIMITS.category).optional(),
  tag: z.string().max(ARTICLE_LIMITS.tag).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ArticleListQuery = z.input<typeof ArticleListQuerySchema>;

export const ArticlePageSchema = z.strictObject({
  items: z.array(ArticleSummarySchema),
  total: nonNegativeInt,
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  /** Every category in use, for the filter and the editor's suggestions. */
  categories: z.array(text(ARTICLE_LIMITS.category)),
});
export type ArticlePage = z.infer<typeof ArticlePageSchema>;

/** `GET kb/article-draft?ticketId=`: a new article prefilled from a resolved ticket. */
export const ArticleDraftQuerySchema = z.strictObject({ ticketId: uuid });
export const ArticleDraftSchema = z.strictObject({
  texts: z.array(ArticleTextSchema),
  category: text(ARTICLE_LIMITS.category),
  tags: z.array(text(ARTICLE_LIMITS.tag)),
  sourceTicketId: uuid,
});
export type ArticleDraft = z.infer<typeof ArticleDraftSchema>;

export const TicketArticleLinkSchema = z.strictObject({ articleId: uuid });
export const TicketArticleParamsSchema = z.strictObject({ id: uuid, articleId: uuid });
export const TicketArticlesSchema = z.strictObject({ items: z.array(ArticleSummarySchema) });
export type TicketArticles = z.infer<typeof TicketArticlesSchema>;

/* ───────────── synonyms ───────────── */

export const SynonymTermSchema = z.string().trim().min(1).max(ARTICLE_LIMITS.synonymTerm);
export const SynonymWriteSchema = z.strictObject({
  terms: z
    .array(SynonymTermSchema)
    .min(2, 'a synonym group needs at least two words')
    .max(ARTICLE_LIMITS.synonymTerms)
    .refine((terms) => new Set(terms.map((t) => t.toLowerCase())).size === terms.length, 'each word once'),
});
export type SynonymWrite = z.infer<typeof SynonymWriteSchema>;

export const SynonymGroupSchema = z.strictObject({
  id: uuid,
  terms: z.array(text(ARTICLE_LIMITS.synonymTerm)),
  updatedAt: isoDateTime,
  updatedBy: maybeText(),
});
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;
export const SynonymListSchema = z.strictObject({ items: z.array(SynonymGroupSchema) });

/* ───────────── reports ───────────── */

export const KbReportQuerySchema = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const KbReportSchema = z.strictObject({
  since: isoDateTime,
  /** Reports users ended with "This solved it". */
  deflected: nonNegativeInt,
  /** Tickets filed from devices in the same period. */
  ticketsFiled: nonNegativeInt,
  /** deflected / (deflected + ticketsFiled); null when there was neither. */
  deflectionRate: z.number().min(0).max(1).nullable(),
  searches: nonNegativeInt,
  /** Searches that found nothing, most frequent first: the articles that are missing. */
  unanswered: z.array(z.strictObject({ query: text(ARTICLE_LIMITS.query), count: nonNegativeInt, lastAt: isoDateTime })),
  /** Articles by use: solved reports, then tickets linked. */
  topArticles: z.array(z.strictObject({ id: uuid, title: text(ARTICLE_LIMITS.title), solved: nonNegativeInt, linkedTickets: nonNegativeInt })),
});
export type KbReport = z.infer<typeof KbReportSchema>;

/* ───────────── device API ───────────── */

/** `GET articles?q=…`: public published articles; without `q`, all of them (the agent's offline copy). */
export const DeviceArticleQuerySchema = z.strictObject({
  q: searchQuery,
  /** The version to prefer; the other is returned when this one is missing. */
  locale: ArticleLocaleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(10),
  /** `false` for suggestions while the user types: only committed searches count in the reports. */
  record: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type DeviceArticleQuery = z.input<typeof DeviceArticleQuerySchema>;

export const DeviceArticleSchema = z.strictObject({
  id: uuid,
  locale: ArticleLocaleSchema,
  title: text(ARTICLE_LIMITS.title),
  body: anyText(ARTICLE_LIMITS.body),
  category: text(ARTICLE_LIMITS.category),
  tags: z.array(text(ARTICLE_LIMITS.tag)),
  updatedAt: isoDateTime,
});
export type DeviceArticle = z.infer<typeof DeviceArticleSchema>;

export const DeviceArticleListSchema = z.strictObject({
  articles: z.array(DeviceArticleSchema),
  /** Every public article when the list has no query; the best matches, best first, when it has one. */
  query: z.string().max(ARTICLE_LIMITS.query).nullable(),
  /** With the full list: the synonym groups, so the agent's offline search matches as the server's does. */
  synonyms: z.array(z.array(text(ARTICLE_LIMITS.synonymTerm))).max(1000),
});
export type DeviceArticleList = z.infer<typeof DeviceArticleListSchema>;

/** `POST articles/feedback`: "This solved it", sent through the outbox (`id` makes retries safe). */
export const ArticleFeedbackSchema = z.strictObject({
  id: uuid,
  articleId: uuid,
  outcome: z.literal('solved'),
  /** What the user had typed when the article answered them. */
  query: z.string().max(ARTICLE_LIMITS.query),
  at: isoDateTime,
});
export type ArticleFeedback = z.infer<typeof ArticleFeedbackSchema>;
export const ArticleFeedbackAckSchema = z.strictObject({ id: uuid, duplicate: z.boolean() });
