import {
  ArticleDetailSchema,
  ArticleDraftSchema,
  ArticlePageSchema,
  CONSOLE_API_BASE,
  KbReportSchema,
  OkResponseSchema,
  SynonymGroupSchema,
  SynonymListSchema,
  TicketArticlesSchema,
  type ArticleListQuery,
  type ArticleUpdate,
  type ArticleWrite,
} from '@deskside/shared';
import type { z } from 'zod';

import type { HttpClient } from './http-client.js';

const enc = encodeURIComponent;

/** The knowledge-base calls of the technician API, checked against the shared schemas. */
export class KbClient {
  constructor(private readonly http: HttpClient) {}

  private get<S extends z.ZodType>(path: string, schema: S, query?: Record<string, string | number | undefined>, signal?: AbortSignal) {
    return this.http.request(CONSOLE_API_BASE + path, { schema, query, signal });
  }

  private send<S extends z.ZodType>(method: 'POST' | 'PUT' | 'DELETE', path: string, schema: S, body?: unknown) {
    return this.http.request(CONSOLE_API_BASE + path, { method, schema, body });
  }

  articles(query: ArticleListQuery, signal?: AbortSignal) {
    return this.get('/kb/articles', ArticlePageSchema, query as Record<string, string | number | undefined>, signal);
  }
  article(id: string, signal?: AbortSignal) {
    return this.get(`/kb/articles/${enc(id)}`, ArticleDetailSchema, undefined, signal);
  }
  draftFromTicket(ticketId: string, signal?: AbortSignal) {
    return this.get('/kb/article-draft', ArticleDraftSchema, { ticketId }, signal);
  }
  createArticle(body: ArticleWrite) {
    return this.send('POST', '/kb/articles', ArticleDetailSchema, body);
  }
  updateArticle(id: string, body: ArticleUpdate) {
    return this.send('PUT', `/kb/articles/${enc(id)}`, ArticleDetailSchema, body);
  }
  deleteArticle(id: string) {
    return this.send('DELETE', `/kb/articles/${enc(id)}`, OkResponseSchema);
  }

  ticketArticles(ticketId: string, signal?: AbortSignal) {
    return this.get(`/tickets/${enc(ticketId)}/articles`, TicketArticlesSchema, undefined, signal);
  }
  linkArticle(ticketId: string, articleId: string) {
    return this.send('POST', `/tickets/${enc(ticketId)}/articles`, TicketArticlesSchema, { articleId });
  }
  unlinkArticle(ticketId: string, articleId: string) {
    return this.send('DELETE', `/tickets/${enc(ticketId)}/articles/${enc(articleId)}`, TicketArticlesSchema);
  }

  synonyms(signal?: AbortSignal) {
    return this.get('/kb/synonyms', SynonymListSchema, undefined, signal);
  }
  createSynonyms(terms: readonly string[]) {
    return this.send('POST', '/kb/synonyms', SynonymGroupSchema, { terms });
  }
  updateSynonyms(id: string, terms: readonly string[]) {
    return this.send('PUT', `/kb/synonyms/${enc(id)}`, SynonymGroupSchema, { terms });
  }
  deleteSynonyms(id: string) {
    return this.send('DELETE', `/kb/synonyms/${enc(id)}`, OkResponseSchema);
  }

  report(days: number, signal?: AbortSignal) {
    return this.get('/kb/report', KbReportSchema, { days }, signal);
  }
}
