import {
  DeviceDetailSchema,
  DeviceListQuerySchema,
  DevicePageSchema,
  DeviceSummarySchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  IdParamsSchema,
  OkResponseSchema,
  type DeviceIdentity,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { findingContext } from '../../findings/fleet-findings.js';
import { notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/** Device list (search, filters, server-side pages), detail with the merged inventory, change history. */
export const deviceRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/devices', { schema: { querystring: DeviceListQuerySchema, response: { 200: DevicePageSchema } } }, async (request) => {
    const { finding, ...query } = request.query;
    return store.devices.list({ ...query, finding: finding === undefined ? undefined : { code: finding, context: await findingContext(store) } });
  });

  // What a ticket's header shows of its device, without the whole inventory.
  app.get('/devices/:id/summary', { schema: { params: IdParamsSchema, response: { 200: DeviceSummarySchema } } }, async (request) => {
    const summary = await store.devices.summary(request.params.id);
    if (summary === null) throw notFound('device');
    return summary;
  });

  app.get('/devices/:id', { schema: { params: IdParamsSchema, response: { 200: DeviceDetailSchema } } }, async (request) => {
    const id = request.params.id;
    const [summary, row, inventory, history] = await Promise.all([
      store.devices.summary(id),
      store.devices.row(id),
      store.inventory.latest(id),
      store.inventory.history(id, { page: 1, pageSize: 50 }),
    ]);
    if (summary === null || row === null) throw notFound('device');
    const identity: DeviceIdentity = {
      hostname: row.hostname,
      hardwareUuid: row.hardware_uuid,
      serial: row.serial,
      macs: JSON.parse(row.macs) as string[],
    };
    return {
      device: summary,
      identity,
      fullInventoryRequested: row.full_inventory_requested !== 0,
      outboxItems: row.outbox_items,
      inventory:
        inventory === null
          ? null
          : {
              collectedAt: new Date(inventory.collectedAt).toISOString(),
              receivedAt: new Date(inventory.receivedAt).toISOString(),
              agentVersion: inventory.agentVersion,
              sections: inventory.sections,
              sectionUpdatedAt: Object.fromEntries(Object.entries(inventory.sectionUpdatedAt).map(([k, v]) => [k, new Date(v).toISOString()])),
              users: [...inventory.users],
            },
      recentHistory: history.items,
    };
  });

  app.get(
    '/devices/:id/history',
    { schema: { params: IdParamsSchema, querystring: HistoryQuerySchema, response: { 200: HistoryPageSchema } } },
    async (request) => {
      if ((await store.devices.row(request.params.id)) === null) throw notFound('device');
      return store.inventory.history(request.params.id, request.query);
    },
  );

  app.post('/devices/:id/request-inventory', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    if ((await store.devices.row(request.params.id)) === null) throw notFound('device');
    await store.devices.requestFullInventory(request.params.id);
    await store.audit.record(
      { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'device.request-inventory', target: { kind: 'device', id: request.params.id }, ip: request.ip },
      store.clock(),
    );
    return { ok: true as const };
  });
};
