import { IdParamsSchema, TicketArticleLinkSchema, TicketArticleParamsSchema, TicketArticlesSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** Articles linked to a ticket: listed on the ticket page, linked when one is inserted into a reply. */
export const ticketArticleRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/tickets/:id/articles', { schema: { params: IdParamsSchema, response: { 200: TicketArticlesSchema } } }, async (request) => {
    if ((await store.tickets.row(request.params.id)) === null) throw notFound('ticket');
    return { items: await store.articles.forTicket(request.params.id) };
  });

  app.post('/tickets/:id/articles', { schema: { params: IdParamsSchema, body: TicketArticleLinkSchema, response: { 200: TicketArticlesSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    if ((await store.tickets.row(request.params.id)) === null) throw notFound('ticket');
    if (!(await store.articles.exists(request.body.articleId))) throw badRequest('articleId names no article');
    const linked = await store.articles.link(store.db, request.body.articleId, request.params.id, { id: t.id, name: t.displayName });
    if (linked) {
      await store.audit.record(
        { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'ticket.article-link', target: { kind: 'ticket', id: request.params.id }, details: { articleId: request.body.articleId }, ip: request.ip },
        store.clock(),
      );
    }
    return { items: await store.articles.forTicket(request.params.id) };
  });

  app.delete('/tickets/:id/articles/:articleId', { schema: { params: TicketArticleParamsSchema, response: { 200: TicketArticlesSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const removed = await store.articles.unlink(request.params.articleId, request.params.id);
    if (!removed) throw notFound('link between this ticket and article');
    await store.audit.record(
      { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'ticket.article-unlink', target: { kind: 'ticket', id: request.params.id }, details: { articleId: request.params.articleId }, ip: request.ip },
      store.clock(),
    );
    return { items: await store.articles.forTicket(request.params.id) };
  });
};
