import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { deviceAuthHook } from '../../http/device-auth.js';
import { depsOf, type RouteDeps } from '../deps.js';
import { deviceArticleRoutes } from './articles.js';
import { challengeRoute } from './challenge.js';
import { checkinRoute } from './checkin.js';
import { keyBindRoute, recoverRoute } from './device-key.js';
import { enrollRoute } from './enroll.js';
import { inventoryRoute } from './inventory.js';
import { deviceTicketLoopRoutes } from './ticket-loop.js';
import { deviceTicketRoutes } from './tickets.js';

/** The device API. Everything but enrollment, its challenge and key recovery needs the device's bearer credential. */
export const agentApi: FastifyPluginAsyncZod<RouteDeps> = async (app, options) => {
  const deps = depsOf(options);
  await app.register(enrollRoute, deps);
  await app.register(challengeRoute, deps);
  await app.register(recoverRoute, deps);
  await app.register(async (authed) => {
    authed.addHook('onRequest', deviceAuthHook(deps.store));
    await authed.register(checkinRoute, deps);
    await authed.register(keyBindRoute, deps);
    await authed.register(inventoryRoute, deps);
    await authed.register(deviceTicketRoutes, deps);
    await authed.register(deviceTicketLoopRoutes, deps);
    await authed.register(deviceArticleRoutes, deps);
  });
};
