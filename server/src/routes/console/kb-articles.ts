import {
  ArticleDetailSchema,
  ArticleDraftQuerySchema,
  ArticleDraftSchema,
  ArticleListQuerySchema,
  ArticlePageSchema,
  ArticleUpdateSchema,
  ArticleWriteSchema,
  IdParamsSchema,
  OkResponseSchema,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext, type TechnicianContext } from '../../http/request-context.js';
import { RevisionConflictError } from '../../storage/kb-articles-repo.js';
import type { RouteDeps } from '../deps.js';

const actorOf = (t: TechnicianContext) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
const authorOf = (t: TechnicianContext) => ({ id: t.id, name: t.displayName });

/** Knowledge-base articles for technicians: list and search, read, write (each save a revision), drafts from tickets. */
export const kbArticleRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/kb/articles', { schema: { querystring: ArticleListQuerySchema, response: { 200: ArticlePageSchema } } }, async (request) => {
    const page = await store.articles.list(request.query);
    if (request.query.q !== undefined && request.query.q !== '') await store.kbUsage.recordSearch('console', request.query.q, page.total);
    return page;
  });

  app.get('/kb/articles/:id', { schema: { params: IdParamsSchema, response: { 200: ArticleDetailSchema } } }, async (request) => {
    const detail = await store.articles.detail(request.params.id);
    if (detail === null) throw notFound('article');
    return detail;
  });

  app.get('/kb/article-draft', { schema: { querystring: ArticleDraftQuerySchema, response: { 200: ArticleDraftSchema } } }, async (request) => {
    const draft = await store.articles.draftFromTicket(request.query.ticketId);
    if (draft === null) throw notFound('ticket');
    if (draft === 'not-resolved') throw badRequest('only a resolved or closed ticket can become an article: its answer is not known yet');
    return draft;
  });

  app.post('/kb/articles', { schema: { body: ArticleWriteSchema, response: { 201: ArticleDetailSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const { sourceTicketId, ...input } = request.body;
    if (sourceTicketId !== undefined && sourceTicketId !== null && (await store.tickets.row(sourceTicketId)) === null) {
      throw badRequest('sourceTicketId names no ticket');
    }
    const id = await store.db.transaction().execute(async (trx) => {
      const created = await store.articles.create(trx, input, authorOf(t), sourceTicketId ?? null);
      await store.audit.record(
        {
          actor: actorOf(t),
          action: 'article.create',
          target: { kind: 'article', id: created },
          details: { title: input.texts[0]?.title ?? '', status: input.status, visibility: input.visibility, sourceTicketId: sourceTicketId ?? null },
          ip: request.ip,
        },
        store.clock(),
        trx,
      );
      return created;
    });
    const detail = await store.articles.detail(id);
    if (detail === null) throw notFound('article');
    return reply.status(201).send(detail);
  });

  app.put('/kb/articles/:id', { schema: { params: IdParamsSchema, body: ArticleUpdateSchema, response: { 200: ArticleDetailSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const { revision, ...input } = request.body;
    try {
      await store.db.transaction().execute(async (trx) => {
        const changes = await store.articles.update(trx, request.params.id, input, revision, authorOf(t));
        if (changes === null) throw notFound('article');
        if (changes.length === 0) return;
        await store.audit.record(
          { actor: actorOf(t), action: 'article.update', target: { kind: 'article', id: request.params.id }, details: { revision: revision + 1, changes }, ip: request.ip },
          store.clock(),
          trx,
        );
      });
    } catch (err) {
      if (err instanceof RevisionConflictError) throw conflict(err.message);
      throw err;
    }
    const detail = await store.articles.detail(request.params.id);
    if (detail === null) throw notFound('article');
    return detail;
  });
};

/** Administrators only: deleting an article (with its history) cannot be undone. */
export const kbArticleAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.delete('/kb/articles/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    await store.db.transaction().execute(async (trx) => {
      const removed = await store.articles.remove(trx, request.params.id);
      if (removed === null) throw notFound('article');
      await store.audit.record({ actor: actorOf(t), action: 'article.delete', target: { kind: 'article', id: request.params.id }, details: removed, ip: request.ip }, store.clock(), trx);
    });
    return { ok: true as const };
  });
};
