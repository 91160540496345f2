import { IdParamsSchema, OkResponseSchema, SlaPolicyCreateSchema, SlaPolicyListSchema, SlaPolicySchema, SlaPolicyUpdateSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { isKnownTimeZone } from '../../sla/zoned-time.js';
import type { RouteDeps } from '../deps.js';

/**
 * Administrator-only: service-level policies. A change moves the due times of every open ticket on the
 * policy (breaches already recorded stay recorded).
 */
export const serviceLevelAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
  const zoneMustExist = (zone: string | undefined) => {
    if (zone !== undefined && !isKnownTimeZone(zone)) throw badRequest(`"${zone}" is not an IANA time zone (for example Europe/Paris, Asia/Shanghai)`, [{ path: 'timeZone', message: 'unknown time zone' }]);
  };

  app.get('/sla-policies', { schema: { response: { 200: SlaPolicyListSchema } } }, async () => ({ items: await store.sla.list() }));

  app.post('/sla-policies', { schema: { body: SlaPolicyCreateSchema, response: { 201: SlaPolicySchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    zoneMustExist(request.body.timeZone);
    const created = await store.sla.create(request.body);
    await store.audit.record({ actor: actorOf(t), action: 'sla-policy.create', target: { kind: 'sla-policy', id: created.id }, details: { policy: created }, ip: request.ip }, store.clock());
    await store.workflow.recomputeOpen();
    return reply.status(201).send(created);
  });

  app.patch('/sla-policies/:id', { schema: { params: IdParamsSchema, body: SlaPolicyUpdateSchema, response: { 200: SlaPolicySchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.sla.get(request.params.id);
    if (before === null) throw notFound('service-level policy');
    zoneMustExist(request.body.timeZone);
    const after = await store.sla.update(before.id, request.body);
    if (after === null) throw notFound('service-level policy');
    await store.audit.record({ actor: actorOf(t), action: 'sla-policy.update', target: { kind: 'sla-policy', id: before.id }, details: { before, after }, ip: request.ip }, store.clock());
    await store.workflow.recomputeOpen();
    return after;
  });

  app.delete('/sla-policies/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const policy = await store.sla.get(request.params.id);
    if (policy === null) throw notFound('service-level policy');
    await store.sla.delete(policy.id);
    await store.audit.record({ actor: actorOf(t), action: 'sla-policy.delete', target: { kind: 'sla-policy', id: policy.id }, details: { name: policy.name }, ip: request.ip }, store.clock());
    await store.workflow.recomputeOpen();
    return { ok: true as const };
  });
};
