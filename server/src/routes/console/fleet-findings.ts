import { FleetFindingsSchema, NeedsAttentionPageSchema, NeedsAttentionQuerySchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { findingContext, fleetFindings, needsAttention } from '../../findings/fleet-findings.js';
import type { RouteDeps } from '../deps.js';

/** Fleet findings for every technician: the counts and trends behind Fleet health, and the Needs attention list. */
export const fleetFindingRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/fleet/findings', { schema: { response: { 200: FleetFindingsSchema } } }, async () => fleetFindings(store));

  app.get('/fleet/needs-attention', { schema: { querystring: NeedsAttentionQuerySchema, response: { 200: NeedsAttentionPageSchema } } }, async (request) =>
    needsAttention(store, await findingContext(store), request.query),
  );
};
