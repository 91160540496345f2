import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { csrfHook, sessionHook } from '../../http/console-auth.js';
import { depsOf, type RouteDeps } from '../deps.js';
import { adminRoutes, colleaguesRoute } from './admin.js';
import { apiTokenAdminRoutes } from './api-tokens-admin.js';
import { assetRoutes, fleetRulesRoutes } from './assets.js';
import { cannedReplyAdminRoutes } from './canned-replies-admin.js';
import { connectorAdminRoutes } from './connectors-admin.js';
import { dashboardRoutes } from './dashboard.js';
import { deviceRoutes } from './devices.js';
import { enrollmentRoutes } from './enrollments.js';
import { fleetFindingRoutes } from './fleet-findings.js';
import { glpiSettingsRoutes } from './glpi-settings.js';
import { helpdeskSettingsRoutes } from './helpdesk-settings.js';
import { kbArticleAdminRoutes, kbArticleRoutes } from './kb-articles.js';
import { kbSynonymRoutes } from './kb-synonyms.js';
import { mailAdminRoutes } from './mail-admin.js';
import { mailNotificationRoutes } from './mail-notifications.js';
import { replyAttachmentRoutes } from './reply-attachments.js';
import { reportRoutes } from './reports.js';
import { serviceLevelAdminRoutes } from './service-levels-admin.js';
import { sessionRoutes } from './session.js';
import { signInSettingsAdminRoutes } from './sign-in-settings-admin.js';
import { ssoRoutes } from './sso.js';
import { teamAdminRoutes } from './teams-admin.js';
import { teamWorkRoutes } from './teams.js';
import { ticketArticleRoutes } from './ticket-articles.js';
import { ticketIntakeRoutes } from './ticket-intake.js';
import { ticketRemoteLinkRoutes } from './ticket-remote-links.js';
import { ticketWorkbenchRoutes } from './ticket-workbench.js';
import { ticketRoutes } from './tickets.js';
import { webhookAdminRoutes } from './webhooks-admin.js';

/** The technician API: session routes, technician routes, and admin routes behind a role check. */
export const consoleApi: FastifyPluginAsyncZod<RouteDeps> = async (app, options) => {
  const deps = depsOf(options);
  app.addHook('onRequest', csrfHook(deps.publicOrigins ?? []));
  // Console data is per-person: never let a shared cache keep it.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  await app.register(sessionRoutes, deps);
  await app.register(ssoRoutes, deps);
  await app.register(async (technician) => {
    technician.addHook('onRequest', sessionHook(deps.store, null));
    await technician.register(deviceRoutes, deps);
    await technician.register(assetRoutes, deps);
    await technician.register(fleetFindingRoutes, deps);
    await technician.register(ticketRoutes, deps);
    await technician.register(replyAttachmentRoutes, deps);
    await technician.register(ticketIntakeRoutes, deps);
    await technician.register(ticketWorkbenchRoutes, deps);
    await technician.register(dashboardRoutes, deps);
    await technician.register(colleaguesRoute, deps);
    await technician.register(teamWorkRoutes, deps);
    await technician.register(kbArticleRoutes, deps);
    await technician.register(kbSynonymRoutes, deps);
    await technician.register(ticketArticleRoutes, deps);
    await technician.register(reportRoutes, deps);
    await technician.register(ticketRemoteLinkRoutes, deps);
    await technician.register(mailNotificationRoutes, deps);
  });
  await app.register(async (admin) => {
    admin.addHook('onRequest', sessionHook(deps.store, 'admin'));
    await admin.register(adminRoutes, deps);
    await admin.register(enrollmentRoutes, deps);
    await admin.register(helpdeskSettingsRoutes, deps);
    await admin.register(glpiSettingsRoutes, deps);
    await admin.register(mailAdminRoutes, deps);
    await admin.register(fleetRulesRoutes, deps);
    await admin.register(teamAdminRoutes, deps);
    await admin.register(serviceLevelAdminRoutes, deps);
    await admin.register(cannedReplyAdminRoutes, deps);
    await admin.register(kbArticleAdminRoutes, deps);
    await admin.register(webhookAdminRoutes, deps);
    await admin.register(connectorAdminRoutes, deps);
    await admin.register(apiTokenAdminRoutes, deps);
    await admin.register(signInSettingsAdminRoutes, deps);
  });
};
