import { DiagnosticsUploadSchema, FeedbackSubmissionSchema, IdParamsSchema, UploadAckSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { HttpError, conflict, notFound } from '../../http/http-error.js';
import { requireDeviceContext } from '../../http/request-context.js';
import { DiagnosticsRequestNotFoundError } from '../../storage/ticket-intake-repo.js';
import { FeedbackNotApplicableError } from '../../storage/ticket-loop-repo.js';
import { TicketClosedError, TicketOwnershipError } from '../../storage/tickets-repo.js';
import type { RouteDeps } from '../deps.js';

/**
 * What a device sends back on its tickets besides replies: the fresh diagnostics a technician asked
 * for, and the requester's answer to "Did this fix it?" and their rating. Both idempotent by client id.
 */
export const deviceTicketLoopRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.post(
    '/tickets/:id/diagnostics',
    { schema: { params: IdParamsSchema, body: DiagnosticsUploadSchema, response: { 200: UploadAckSchema } } },
    async (request) => {
      const device = requireDeviceContext(request.device);
      let result;
      try {
        result = await store.intake.fulfil(device.id, request.params.id, request.body.id, request.body.diagnostics);
      } catch (err) {
        // Another device's request, or one never made, looks exactly like a missing one.
        if (err instanceof DiagnosticsRequestNotFoundError) throw notFound('diagnostics request');
        throw err;
      }
      if (!result.duplicate) {
        const ticket = await store.tickets.row(request.params.id);
        if (ticket !== null) await store.loop.notify(store.db, ticket, 'diagnostics-arrived', result.fulfilledAt);
        await store.audit.record(
          {
            actor: { kind: 'device', id: device.id, name: device.hostname },
            action: 'ticket.diagnostics-received',
            target: { kind: 'ticket', id: request.params.id },
            details: { requestId: request.body.id },
            ip: request.ip,
          },
          store.clock(),
        );
      }
      return { id: request.body.id, duplicate: result.duplicate, receivedAt: new Date(result.fulfilledAt).toISOString() };
    },
  );

  app.post(
    '/tickets/:id/feedback',
    { schema: { params: IdParamsSchema, body: FeedbackSubmissionSchema, response: { 200: UploadAckSchema } } },
    async (request) => {
      const device = requireDeviceContext(request.device);
      const f = request.body;
      let result;
      try {
        result = await store.loop.feedback(device.id, request.params.id, f, null);
      } catch (err) {
        // Own codes, so the agent keeps the answer and tells the user why rather than guessing from a 409.
        if (err instanceof TicketClosedError) throw new HttpError(409, 'ticket_closed', err.message);
        if (err instanceof FeedbackNotApplicableError) throw new HttpError(409, err.code, err.message);
        if (err instanceof TicketOwnershipError) throw conflict(err.message);
        throw err;
      }
      if (result === null) throw notFound('ticket');
      if (!result.duplicate) {
        await store.audit.record(
          {
            actor: { kind: 'device', id: device.id, name: device.hostname },
            action: `ticket.requester-${f.kind}`,
            target: { kind: 'ticket', id: request.params.id },
            details: { ...(result.status === null ? {} : { status: result.status }), ...(f.kind === 'rating' ? { rating: f.rating } : {}) },
            ip: request.ip,
          },
          store.clock(),
        );
      }
      return { id: f.id, duplicate: result.duplicate, receivedAt: new Date(result.receivedAt).toISOString() };
    },
  );
};
