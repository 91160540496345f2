import { MailNotificationPreferencesSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { preferencesOf, storedPreferences } from '../../mail/technician-preferences.js';
import type { RouteDeps } from '../deps.js';

/** Every technician: their own mail address and which notifications they get by mail (their profile). */
export const mailNotificationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/me/mail-notifications', { schema: { response: { 200: MailNotificationPreferencesSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const row = await store.technicians.byId(t.id);
    if (row === null) throw notFound('technician');
    return preferencesOf(row);
  });

  app.put('/me/mail-notifications', { schema: { body: MailNotificationPreferencesSchema, response: { 200: MailNotificationPreferencesSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const row = await store.technicians.byId(t.id);
    if (row === null) throw notFound('technician');
    const before = preferencesOf(row);
    const after = request.body;
    await store.technicians.setMail(t.id, after.email, storedPreferences(after));
    await store.audit.record(
      { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'technician.mail-notifications', target: { kind: 'technician', id: t.id }, details: { before, after }, ip: request.ip },
      store.clock(),
    );
    return after;
  });
};
