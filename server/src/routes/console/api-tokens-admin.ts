import { ApiTokenCreateSchema, ApiTokenCreatedSchema, ApiTokenListSchema, ApiTokenSchema, IdParamsSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, forbidden, notFound } from '../../http/http-error.js';
import { requireTechnicianContext, type TechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/**
 * Administrator-only: issuing and revoking API tokens. Tokens are managed from a signed-in session
 * only, so a leaked token can never mint itself a successor that outlives its revocation.
 */
export const apiTokenAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: TechnicianContext) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
  // A hook rather than a check in each handler, so a token is refused before its body is even validated.
  app.addHook('onRequest', async (request) => {
    if (requireTechnicianContext(request.technician).via.kind !== 'session') throw forbidden('API tokens are managed from a signed-in console session, not with another token');
  });

  app.get('/api-tokens', { schema: { response: { 200: ApiTokenListSchema } } }, async () => {
    return { items: await store.apiTokens.list() };
  });

  app.post('/api-tokens', { schema: { body: ApiTokenCreateSchema, response: { 201: ApiTokenCreatedSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const { name, technicianId, scope, expiresAt } = request.body;
    const owner = await store.technicians.byId(technicianId);
    if (owner === null) throw badRequest('no technician has this id', [{ path: 'technicianId', message: 'unknown technician' }]);
    if (owner.disabled !== 0) throw badRequest('this technician is disabled; a token would not work', [{ path: 'technicianId', message: 'disabled technician' }]);
    const expiry = expiresAt === null ? null : Date.parse(expiresAt);
    if (expiry !== null && expiry <= store.clock()) throw badRequest('the expiry lies in the past', [{ path: 'expiresAt', message: 'must be in the future' }]);
    const created = await store.apiTokens.create({ name, technicianId, scope, expiresAt: expiry, createdBy: t.displayName });
    await store.audit.record(
      {
        actor: actorOf(t),
        action: 'api-token.create',
        target: { kind: 'api-token', id: created.apiToken.id },
        details: { name, scope, technician: owner.username, expiresAt, hint: created.apiToken.hint },
        ip: request.ip,
      },
      store.clock(),
    );
    return reply.status(201).send(created);
  });

  app.post('/api-tokens/:id/revoke', { schema: { params: IdParamsSchema, response: { 200: ApiTokenSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.apiTokens.get(request.params.id);
    if (before === null) throw notFound('API token');
    if (before.revokedAt !== null) return before;
    const after = await store.apiTokens.revoke(before.id);
    if (after === null) throw notFound('API token');
    await store.audit.record(
      { actor: actorOf(t), action: 'api-token.revoke', target: { kind: 'api-token', id: before.id }, details: { name: before.name, technician: before.technician.username, hint: before.hint }, ip: request.ip },
      store.clock(),
    );
    return after;
  });
};
