import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { RouteDeps } from '../routes/deps.js';
import { ping } from '../storage/database.js';
import { SERVER_VERSION } from '../version.js';

const StatusSchema = z.strictObject({ status: z.enum(['ok', 'unavailable']), version: z.string() });

/** Liveness, readiness (the database answers), Prometheus metrics and the OpenAPI document. */
export const opsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics }) => {
  app.get('/healthz', { schema: { hide: true, response: { 200: StatusSchema } } }, async () => ({ status: 'ok' as const, version: SERVER_VERSION }));

  app.get('/readyz', { schema: { hide: true, response: { 200: StatusSchema, 503: StatusSchema } } }, async (_request, reply) => {
    const ok = await ping(store.handle);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', version: SERVER_VERSION });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
