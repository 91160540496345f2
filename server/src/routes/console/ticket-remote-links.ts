import { IdParamsSchema, RemoteTicketLinkListSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { notFound } from '../../http/http-error.js';
import type { RouteDeps } from '../deps.js';

/** Every technician: the ticket's twins in other helpdesks (their numbers and links). */
export const ticketRemoteLinkRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/tickets/:id/remote-links', { schema: { params: IdParamsSchema, response: { 200: RemoteTicketLinkListSchema } } }, async (request) => {
    if ((await store.tickets.row(request.params.id)) === null) throw notFound('ticket');
    return { items: await store.connectors.links(request.params.id) };
  });
};
