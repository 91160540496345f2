import { NotificationListSchema, NotificationsReadSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** Each technician's own notifications: requester replies, reopenings, confirmations and ratings on their tickets. */
export const notificationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/notifications', { schema: { response: { 200: NotificationListSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    return store.loop.notifications(t.id);
  });

  app.post('/notifications/read', { schema: { body: NotificationsReadSchema, response: { 200: NotificationListSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    await store.loop.markRead(t.id, request.body.ids);
    return store.loop.notifications(t.id);
  });
};
