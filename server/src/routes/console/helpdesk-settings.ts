import { HelpdeskSettingsSchema, HelpdeskSettingsViewSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** Administrator-only: the server's helpdesk settings (how many days before unanswered resolved tickets close). */
export const helpdeskSettingsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/settings/helpdesk', { schema: { response: { 200: HelpdeskSettingsViewSchema } } }, async () => store.helpdesk.get());

  app.put('/settings/helpdesk', { schema: { body: HelpdeskSettingsSchema, response: { 200: HelpdeskSettingsViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const { updatedAt: _at, updatedBy: _by, ...before } = await store.helpdesk.get();
    const after = await store.helpdesk.set(request.body, t.displayName);
    await store.audit.record(
      { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'settings.update', target: { kind: 'settings', id: 'helpdesk' }, details: { before, after: request.body }, ip: request.ip },
      store.clock(),
    );
    return after;
  });
};
