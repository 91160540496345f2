import {
  ASSET_CSV_COLUMNS,
  ASSET_IMPORT_MAX_CHARS,
  AssetExportQuerySchema,
  AssetImportReportSchema,
  AssetImportRequestSchema,
  AssetStatusChangeSchema,
  AssetUpdateSchema,
  AssetViewSchema,
  FleetRulesUpdateSchema,
  FleetRulesViewSchema,
  IdParamsSchema,
  type AssetFields,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { importAssets } from '../../assets/asset-import.js';
import { sendCsv, toCsv } from '../../http/csv.js';
import { notFound } from '../../http/http-error.js';
import { requireTechnicianContext, type TechnicianContext } from '../../http/request-context.js';
import type { ChangeContext } from '../../storage/assets-repo.js';
import type { RouteDeps } from '../deps.js';

const changeContext = (t: TechnicianContext, ip: string): ChangeContext => ({ actor: { kind: 'technician', id: t.id, name: t.displayName }, ip });

/** JSON escaping and multi-byte characters can triple the CSV's size on the wire. */
const IMPORT_BODY_BYTES = ASSET_IMPORT_MAX_CHARS * 4;

/** Asset records: read and edit one, move it through its life cycle, import and export them as CSV. */
export const assetRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const viewOf = async (id: string) => {
    const view = await store.assets.view(id);
    if (view === null) throw notFound('device');
    return view;
  };

  app.get('/devices/:id/asset', { schema: { params: IdParamsSchema, response: { 200: AssetViewSchema } } }, async (request) => viewOf(request.params.id));

  app.patch('/devices/:id/asset', { schema: { params: IdParamsSchema, body: AssetUpdateSchema, response: { 200: AssetViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const changed = await store.assets.update(request.params.id, request.body as Partial<AssetFields>, changeContext(t, request.ip));
    if (changed === null) throw notFound('device');
    return viewOf(request.params.id);
  });

  app.post('/devices/:id/asset/status', { schema: { params: IdParamsSchema, body: AssetStatusChangeSchema, response: { 200: AssetViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const done = await store.assets.changeStatus(request.params.id, request.body.status, request.body.reason ?? null, changeContext(t, request.ip));
    if (done === null) throw notFound('device');
    return viewOf(request.params.id);
  });

  app.post(
    '/assets/import',
    { bodyLimit: IMPORT_BODY_BYTES, schema: { body: AssetImportRequestSchema, response: { 200: AssetImportReportSchema } } },
    async (request) => {
      const t = requireTechnicianContext(request.technician);
      return importAssets(store, request.body.csv, request.body.dryRun, changeContext(t, request.ip));
    },
  );

  // The same columns an import reads, so an export edited in a spreadsheet imports back as it is.
  app.get('/assets.csv', { schema: { querystring: AssetExportQuerySchema } }, async (request, reply) => {
    const rows = await store.assets.exportRows(request.query.assetStatus);
    return sendCsv(
      reply,
      'assets',
      toCsv(
        ASSET_CSV_COLUMNS,
        rows.map((r) => [r.serial, r.hostname, r.asset_tag, r.owner, r.department, r.location, r.purchase_date, r.supplier, r.warranty_end, r.asset_notes, r.asset_status]),
      ),
    );
  });
};

/** Administrator-only: the fleet rules (stale after, retire after, delete after, warranty warning). */
export const fleetRulesRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/settings/fleet-rules', { schema: { response: { 200: FleetRulesViewSchema } } }, async () => store.fleetRules.get());

  app.put('/settings/fleet-rules', { schema: { body: FleetRulesUpdateSchema, response: { 200: FleetRulesViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const { updatedAt: _at, updatedBy: _by, ...before } = await store.fleetRules.get();
    const after = await store.fleetRules.set(request.body, t.displayName);
    await store.audit.record(
      { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'settings.update', target: { kind: 'settings', id: 'fleet-rules' }, details: { before, after: request.body }, ip: request.ip },
      store.clock(),
    );
    return after;
  });
};
