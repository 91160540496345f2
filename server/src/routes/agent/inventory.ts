import { InventoryUploadSchema, UploadAckSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { queueGlpiForward } from '../../glpi/glpi-forwarder.js';
import { conflict } from '../../http/http-error.js';
import { inventoryValidatorCompiler } from '../../http/inventory-validator.js';
import { requireDeviceContext } from '../../http/request-context.js';
import { UploadConflictError } from '../../storage/inventory-repo.js';
import type { RouteDeps } from '../deps.js';

/** `PUT inventory`: full or partial, gzip welcome, idempotent by upload id. */
export const inventoryRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics, limits }) => {
  app.put(
    '/inventory',
    {
      bodyLimit: limits.inventoryBytes,
      config: { inflatedLimit: limits.inventoryInflatedBytes },
      schema: { body: InventoryUploadSchema, response: { 200: UploadAckSchema } },
      // Hundreds of packages are checked in one loop; zod validates the rest and explains every refusal.
      validatorCompiler: inventoryValidatorCompiler,
    },
    async (request) => {
      const device = requireDeviceContext(request.device);
      const { uploadId, document } = request.body;
      try {
        const protectionBefore = await store.devices.protectionState(device.id);
        const result = await store.inventory.ingest(device.id, uploadId, document, request.ip);
        if (!result.duplicate) await store.events.afterInventory(device.id, protectionBefore);
        // Also for a replayed upload: its job is deduplicated, and a queueing that failed the first time is repaired.
        await queueGlpiForward(store, device.id, result.receivedAt);
        metrics.inventories.inc({ kind: document.kind, duplicate: String(result.duplicate) });
        return { id: uploadId, duplicate: result.duplicate, receivedAt: new Date(result.receivedAt).toISOString() };
      } catch (err) {
        if (err instanceof UploadConflictError) throw conflict(err.message);
        throw err;
      }
    },
  );
};
