import { ConnectorCreateSchema, ConnectorListSchema, ConnectorSchema, ConnectorUpdateSchema, IdParamsSchema, OkResponseSchema, WebhookDeliveryListSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { settingsOf } from '../../storage/connectors-repo.js';
import type { RouteDeps } from '../deps.js';

/** Administrator-only: connectors to GLPI, Zammad and Jira Service Management, and their delivery log. Credentials are written, never read back or audited. */
export const connectorAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
  const target = (id: string) => ({ kind: 'connector' as const, id });

  app.get('/connectors', { schema: { response: { 200: ConnectorListSchema } } }, async () => ({ items: await store.connectors.list() }));

  app.post('/connectors', { schema: { body: ConnectorCreateSchema, response: { 201: ConnectorSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const created = await store.connectors.create(request.body);
    await store.audit.record({ actor: actorOf(t), action: 'connector.create', target: target(created.id), details: { name: created.name, enabled: created.enabled, settings: created.settings }, ip: request.ip }, store.clock());
    return reply.status(201).send(created);
  });

  app.patch('/connectors/:id', { schema: { params: IdParamsSchema, body: ConnectorUpdateSchema, response: { 200: ConnectorSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.connectors.get(request.params.id);
    if (before === null) throw notFound('connector');
    const after = await store.connectors.update(before.id, request.body);
    if (after === null) throw notFound('connector');
    const pick = (c: typeof before) => ({ name: c.name, enabled: c.enabled, settings: c.settings });
    await store.audit.record(
      { actor: actorOf(t), action: 'connector.update', target: target(before.id), details: { before: pick(before), after: pick(after), credentialsReplaced: request.body.config !== undefined ? settingsOf(request.body.config).kind : null }, ip: request.ip },
      store.clock(),
    );
    return after;
  });

  app.delete('/connectors/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const existing = await store.connectors.get(request.params.id);
    if (existing === null) throw notFound('connector');
    await store.connectors.delete(existing.id);
    await store.audit.record({ actor: actorOf(t), action: 'connector.delete', target: target(existing.id), details: { name: existing.name, kind: existing.settings.kind }, ip: request.ip }, store.clock());
    return { ok: true as const };
  });

  app.get('/connectors/:id/deliveries', { schema: { params: IdParamsSchema, response: { 200: WebhookDeliveryListSchema } } }, async (request) => {
    if ((await store.connectors.get(request.params.id)) === null) throw notFound('connector');
    return { items: await store.webhooks.deliveries({ connectorId: request.params.id }) };
  });
};
