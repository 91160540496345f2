import { CheckinRequestSchema, CheckinResponseSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requireDeviceContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** `POST checkin`: the hot path. Four indexed statements and a cached settings read. */
export const checkinRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics }) => {
  app.post('/checkin', { schema: { body: CheckinRequestSchema, response: { 200: CheckinResponseSchema } } }, async (request) => {
    const device = requireDeviceContext(request.device);
    const body = request.body;
    const { sendFullInventory, keyBound } = await store.devices.checkin(device.id, {
      ip: request.ip,
      agentVersion: body.agentVersion,
      hostname: body.hostname,
      outboxItems: body.outboxItems ?? null,
      // Absent means the installer recorded none (or it was removed on reinstall).
      tag: body.tag ?? null,
    });
    const [tickets, settings, diagnosticsRequests] = await Promise.all([
      store.tickets.updatesSince(device.id, body.ticketCursor),
      store.settings.pushed(),
      store.intake.pendingForDevice(device.id),
    ]);
    metrics.checkins.inc();
    return {
      serverTime: new Date(store.clock()).toISOString(),
      settings,
      sendFullInventory,
      ticketUpdates: tickets.updates,
      ticketCursor: tickets.cursor,
      keyBound,
      ...(diagnosticsRequests.length > 0 ? { diagnosticsRequests } : {}),
    };
  });
};
