import { IdParamsSchema, KbReportQuerySchema, KbReportSchema, OkResponseSchema, SynonymGroupSchema, SynonymListSchema, SynonymWriteSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../../http/http-error.js';
import { requireTechnicianContext, type TechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

const actorOf = (t: TechnicianContext) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });

/** Synonym groups technicians define for search, and the knowledge base's report. */
export const kbSynonymRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/kb/synonyms', { schema: { response: { 200: SynonymListSchema } } }, async () => ({ items: await store.synonyms.list() }));

  app.post('/kb/synonyms', { schema: { body: SynonymWriteSchema, response: { 201: SynonymGroupSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const group = await store.synonyms.create(request.body.terms, t.displayName);
    await store.audit.record({ actor: actorOf(t), action: 'kb-synonym.create', target: { kind: 'kb-synonym', id: group.id }, details: { terms: group.terms }, ip: request.ip }, store.clock());
    return reply.status(201).send(group);
  });

  app.put('/kb/synonyms/:id', { schema: { params: IdParamsSchema, body: SynonymWriteSchema, response: { 200: SynonymGroupSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.synonyms.byId(request.params.id);
    const group = await store.synonyms.update(request.params.id, request.body.terms, t.displayName);
    if (before === null || group === null) throw notFound('synonym group');
    await store.audit.record(
      { actor: actorOf(t), action: 'kb-synonym.update', target: { kind: 'kb-synonym', id: group.id }, details: { before: before.terms, after: group.terms }, ip: request.ip },
      store.clock(),
    );
    return group;
  });

  app.delete('/kb/synonyms/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.synonyms.byId(request.params.id);
    if (before === null || !(await store.synonyms.remove(request.params.id))) throw notFound('synonym group');
    await store.audit.record({ actor: actorOf(t), action: 'kb-synonym.delete', target: { kind: 'kb-synonym', id: before.id }, details: { terms: before.terms }, ip: request.ip }, store.clock());
    return { ok: true as const };
  });

  app.get('/kb/report', { schema: { querystring: KbReportQuerySchema, response: { 200: KbReportSchema } } }, async (request) => store.kbUsage.report(request.query.days));
};
