import { CannedReplyCreateSchema, CannedReplySchema, CannedReplyUpdateSchema, IdParamsSchema, OkResponseSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** Administrator-only: writing canned replies (every technician reads and inserts them). */
export const cannedReplyAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
  const teamMustExist = async (id: string | null | undefined) => {
    if (id !== undefined && id !== null && (await store.teams.row(id)) === null) throw badRequest('no team has this id', [{ path: 'teamId', message: 'unknown team' }]);
  };

  app.post('/canned-replies', { schema: { body: CannedReplyCreateSchema, response: { 201: CannedReplySchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    await teamMustExist(request.body.teamId);
    const created = await store.cannedReplies.create(request.body);
    await store.audit.record({ actor: actorOf(t), action: 'canned-reply.create', target: { kind: 'canned-reply', id: created.id }, details: { title: created.title, teamId: created.teamId }, ip: request.ip }, store.clock());
    return reply.status(201).send(created);
  });

  app.patch('/canned-replies/:id', { schema: { params: IdParamsSchema, body: CannedReplyUpdateSchema, response: { 200: CannedReplySchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.cannedReplies.get(request.params.id);
    if (before === null) throw notFound('canned reply');
    await teamMustExist(request.body.teamId);
    const after = await store.cannedReplies.update(before.id, request.body);
    if (after === null) throw notFound('canned reply');
    await store.audit.record({ actor: actorOf(t), action: 'canned-reply.update', target: { kind: 'canned-reply', id: before.id }, details: { before, after }, ip: request.ip }, store.clock());
    return after;
  });

  app.delete('/canned-replies/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const existing = await store.cannedReplies.get(request.params.id);
    if (existing === null) throw notFound('canned reply');
    await store.cannedReplies.delete(existing.id);
    await store.audit.record({ actor: actorOf(t), action: 'canned-reply.delete', target: { kind: 'canned-reply', id: existing.id }, details: { title: existing.title }, ip: request.ip }, store.clock());
    return { ok: true as const };
  });
};
