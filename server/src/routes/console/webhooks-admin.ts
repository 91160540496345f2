import {
  IdParamsSchema,
  OkResponseSchema,
  WEBHOOK_PING,
  WebhookCreateSchema,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookSecretIssuedSchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionSchema,
  WebhookUpdateSchema,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { webhookBody } from '../../webhooks/payloads.js';
import type { RouteDeps } from '../deps.js';

/**
 * Administrator-only: webhook subscriptions, their delivery log, a test ping and redelivery. The
 * secret is in the answer to creating a subscription or rotating its secret, and nowhere else (not
 * in the list, not in the audit log).
 */
export const webhookAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
  const target = (id: string | null) => ({ kind: 'webhook' as const, id });

  app.get('/webhooks', { schema: { response: { 200: WebhookSubscriptionListSchema } } }, async () => ({ items: await store.webhooks.list() }));

  app.post('/webhooks', { schema: { body: WebhookCreateSchema, response: { 201: WebhookSecretIssuedSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const issued = await store.webhooks.create(request.body, t.id);
    const s = issued.subscription;
    await store.audit.record({ actor: actorOf(t), action: 'webhook.create', target: target(s.id), details: { name: s.name, url: s.url, events: s.events, enabled: s.enabled }, ip: request.ip }, store.clock());
    return reply.status(201).send(issued);
  });

  app.patch('/webhooks/:id', { schema: { params: IdParamsSchema, body: WebhookUpdateSchema, response: { 200: WebhookSubscriptionSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.webhooks.get(request.params.id);
    if (before === null) throw notFound('webhook');
    const after = await store.webhooks.update(before.id, request.body);
    if (after === null) throw notFound('webhook');
    const pick = (s: typeof before) => ({ name: s.name, url: s.url, events: s.events, enabled: s.enabled });
    await store.audit.record({ actor: actorOf(t), action: 'webhook.update', target: target(before.id), details: { before: pick(before), after: pick(after) }, ip: request.ip }, store.clock());
    return after;
  });

  app.post('/webhooks/:id/secret', { schema: { params: IdParamsSchema, response: { 200: WebhookSecretIssuedSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const issued = await store.webhooks.rotateSecret(request.params.id);
    if (issued === null) throw notFound('webhook');
    await store.audit.record({ actor: actorOf(t), action: 'webhook.rotate-secret', target: target(request.params.id), details: { name: issued.subscription.name }, ip: request.ip }, store.clock());
    return issued;
  });

  app.delete('/webhooks/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const existing = await store.webhooks.get(request.params.id);
    if (existing === null) throw notFound('webhook');
    await store.webhooks.delete(existing.id);
    await store.audit.record({ actor: actorOf(t), action: 'webhook.delete', target: target(existing.id), details: { name: existing.name, url: existing.url }, ip: request.ip }, store.clock());
    return { ok: true as const };
  });

  app.post('/webhooks/:id/test', { schema: { params: IdParamsSchema, response: { 202: WebhookDeliverySchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const subscription = await store.webhooks.get(request.params.id);
    if (subscription === null) throw notFound('webhook');
    const body = webhookBody(WEBHOOK_PING, { subscriptionId: subscription.id, message: `Test from Deskside, sent by ${t.displayName}` }, store.clock());
    const delivery = await store.webhooks.enqueueTest(subscription.id, body);
    await store.audit.record({ actor: actorOf(t), action: 'webhook.test', target: target(subscription.id), details: { delivery: delivery.id }, ip: request.ip }, store.clock());
    return reply.status(202).send(delivery);
  });

  app.get('/webhooks/:id/deliveries', { schema: { params: IdParamsSchema, response: { 200: WebhookDeliveryListSchema } } }, async (request) => {
    if ((await store.webhooks.get(request.params.id)) === null) throw notFound('webhook');
    return { items: await store.webhooks.deliveries(request.params.id) };
  });

  app.post('/webhooks/deliveries/:id/redeliver', { schema: { params: IdParamsSchema, response: { 202: WebhookDeliverySchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const delivery = await store.webhooks.redeliver(request.params.id);
    if (delivery === null) throw notFound('delivery');
    await store.audit.record({ actor: actorOf(t), action: 'webhook.redeliver', target: target(delivery.subscriptionId), details: { delivery: request.params.id, redelivery: delivery.id }, ip: request.ip }, store.clock());
    return reply.status(202).send(delivery);
  });
};
