import { ArticleFeedbackAckSchema, ArticleFeedbackSchema, DeviceArticleListSchema, DeviceArticleQuerySchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest } from '../../http/http-error.js';
import { requireDeviceContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** Every public article fits one answer: the agent's offline copy is this list. */
const ALL_ARTICLES_CAP = 500;

/**
 * Public, published articles for devices: searched (`q`), or all of them for the agent's offline copy;
 * and "This solved it", which ends a report and counts as a deflected ticket.
 */
export const deviceArticleRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/articles', { schema: { querystring: DeviceArticleQuerySchema, response: { 200: DeviceArticleListSchema } } }, async (request) => {
    requireDeviceContext(request.device);
    const { q, locale, limit, record } = request.query;
    const preferred = locale ?? 'en';
    if (q === undefined || q === '') {
      const [articles, synonyms] = await Promise.all([store.articles.forDevices(preferred, null, Math.max(limit, ALL_ARTICLES_CAP)), store.kbIndex.synonymGroups()]);
      return { articles, query: null, synonyms: synonyms.map((g) => [...g]) };
    }
    const { hits } = await store.kbIndex.search(q, { audience: 'users' }, limit);
    // The search log and the articles' texts need nothing from each other: one wait instead of two.
    const [articles] = await Promise.all([store.articles.forDevices(preferred, hits.map((h) => h.articleId), limit), record ? store.kbUsage.recordSearch('device', q, hits.length) : null]);
    return { articles, query: q, synonyms: [] };
  });

  app.post('/articles/feedback', { schema: { body: ArticleFeedbackSchema, response: { 200: ArticleFeedbackAckSchema } } }, async (request) => {
    const device = requireDeviceContext(request.device);
    const result = await store.kbUsage.recordFeedback(device.id, request.body);
    // Its article deleted since: the outbox must not retry forever, and the count has nothing to attach to.
    if (!result.articleFound) throw badRequest('articleId names no article (it may have been deleted)');
    if (!result.duplicate) {
      await store.audit.record(
        { actor: { kind: 'device', id: device.id, name: device.hostname }, action: 'article.solved', target: { kind: 'article', id: request.body.articleId }, details: { query: request.body.query }, ip: request.ip },
        store.clock(),
      );
    }
    return { id: request.body.id, duplicate: result.duplicate };
  });
};
