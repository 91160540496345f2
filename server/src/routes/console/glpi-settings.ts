import { GlpiForwardingUpdateSchema, GlpiForwardingViewSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/**
 * Administrator-only: forwarding each device's inventory to GLPI's native inventory endpoint. The
 * password is write-only: the view says whether one is set, the audit log that it changed.
 */
export const glpiSettingsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/settings/glpi', { schema: { response: { 200: GlpiForwardingViewSchema } } }, async () => store.glpi.view());

  app.put('/settings/glpi', { schema: { body: GlpiForwardingUpdateSchema, response: { 200: GlpiForwardingViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.glpi.view();
    const after = await store.glpi.update(request.body, t.displayName);
    const { password } = request.body;
    const visible = (v: typeof before) => ({ enabled: v.enabled, url: v.url, username: v.username, compress: v.compress, tag: v.tag });
    await store.audit.record(
      {
        actor: { kind: 'technician', id: t.id, name: t.displayName },
        action: 'settings.update',
        target: { kind: 'settings', id: 'glpi' },
        details: { before: visible(before), after: visible(after), password: password === undefined ? 'unchanged' : password === null || password === '' ? 'removed' : 'changed' },
        ip: request.ip,
      },
      store.clock(),
    );
    return after;
  });
};
