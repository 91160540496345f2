import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { csrfHook, sessionHook } from '../../http/console-auth.js';
import { depsOf, type RouteDeps } from '../deps.js';
import { adminRoutes, colleaguesRoute } from './admin.js';
import { dashboardRoutes } from './dashboard.js';
import { deviceRoutes } from './devices.js';
import { enrollmentRoutes } from './enrollments.js';
import { helpdeskSettingsRoutes } from './helpdesk-settings.js';
import { notificationRoutes } from './notifications.js';
import { sessionRoutes } from './session.js';
import { ticketIntakeRoutes } from './ticket-intake.js';
import { ticketWorkbenchRoutes } from './ticket-workbench.js';
import { ticketRoutes } from './tickets.js';

/** The technician API: session routes, technician routes, and admin routes behind a role check. */
export const consoleApi: FastifyPluginAsyncZod<RouteDeps> = async (app, options) => {
  const deps = depsOf(options);
  app.addHook('onRequest', csrfHook(deps.publicOrigins ?? []));
  // Console data is per-person: never let a shared cache keep it.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  await app.register(sessionRoutes, deps);
  await app.register(async (technician) => {
    technician.addHook('onRequest', sessionHook(deps.store, null));
    await technician.register(deviceRoutes, deps);
    await technician.register(ticketRoutes, deps);
    await technician.register(ticketIntakeRoutes, deps);
    await technician.register(ticketWorkbenchRoutes, deps);
    await technician.register(notificationRoutes, deps);
    await technician.register(dashboardRoutes, deps);
    await technician.register(colleaguesRoute, deps);
  });
  await app.register(async (admin) => {
    admin.addHook('onRequest', sessionHook(deps.store, 'admin'));
    await admin.register(adminRoutes, deps);
    await admin.register(enrollmentRoutes, deps);
    await admin.register(helpdeskSettingsRoutes, deps);
  });
};
