import {
  IdParamsSchema,
  MessageCreateSchema,
  TicketAttachmentParamsSchema,
  TicketDetailSchema,
  TicketListQuerySchema,
  TicketPageSchema,
  TicketUpdateRequestSchema,
  QUEUE_EXPORT_MAX_ROWS,
  TicketExportQuerySchema,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { sendAttachment } from '../../attachments/attachment-http.js';
import { sendCsv, toCsv } from '../../http/csv.js';
import { badRequest, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { ReplyAttachmentError } from '../../storage/reply-attachments-repo.js';
import type { RouteDeps } from '../deps.js';
import { QUEUE_CSV_HEADER, exportQueue, queueFilter } from './queue-export.js';
import { assigneeProblem } from './teams.js';
import { loadTicketDetail } from './ticket-detail.js';


/** Ticket queue, detail, changes, replies and notes, attachment downloads. Every change is audited. */
export const ticketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, blobs }) => {
  app.get('/tickets', { schema: { querystring: TicketListQuerySchema, response: { 200: TicketPageSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    return store.tickets.list(await queueFilter(store, t.id, request.query));
  });

  app.get('/tickets.csv', { schema: { querystring: TicketExportQuerySchema } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const filter = await queueFilter(store, t.id, request.query);
    const { rows, truncated } = await exportQueue(store, filter);
    if (truncated) reply.header('x-deskside-truncated', String(QUEUE_EXPORT_MAX_ROWS));
    return sendCsv(reply, 'tickets', toCsv(QUEUE_CSV_HEADER, rows));
  });

  app.get('/tickets/:id', { schema: { params: IdParamsSchema, response: { 200: TicketDetailSchema } } }, async (request) => {
    const detail = await loadTicketDetail(store, request.params.id);
    if (detail === null) throw notFound('ticket');
    return detail;
  });

  app.patch(
    '/tickets/:id',
    { schema: { params: IdParamsSchema, body: TicketUpdateRequestSchema, response: { 200: TicketDetailSchema } } },
    async (request) => {
      const t = requireTechnicianContext(request.technician);
      const patch = request.body;
      const ticket = await store.tickets.row(request.params.id);
      if (ticket === null) throw notFound('ticket');
      if (patch.assigneeId !== undefined && patch.assigneeId !== null) {
        const problem = await assigneeProblem({ store }, ticket.team_id, patch.assigneeId);
        if (problem !== null) throw badRequest(problem);
      }
      await store.db.transaction().execute(async (trx) => {
        const changed = await store.tickets.update(trx, ticket, patch, t.id);
        for (const [field, change] of Object.entries(changed)) {
          await store.audit.record(
            {
              actor: { kind: 'technician', id: t.id, name: t.displayName },
              action: `ticket.${field}`,
              target: { kind: 'ticket', id: ticket.id },
              details: change,
              ip: request.ip,
            },
            store.clock(),
            trx,
          );
        }
      });
      const detail = await loadTicketDetail(store, ticket.id);
      if (detail === null) throw notFound('ticket');
      return detail;
    },
  );

  app.post(
    '/tickets/:id/messages',
    { schema: { params: IdParamsSchema, body: MessageCreateSchema, response: { 200: TicketDetailSchema } } },
    async (request) => {
      const t = requireTechnicianContext(request.technician);
      const body = request.body;
      const ticket = await store.tickets.row(request.params.id);
      if (ticket === null) throw notFound('ticket');
      const attachmentIds = body.attachmentIds ?? [];
      await store.db.transaction().execute(async (trx) => {
        const message = await store.tickets.addTechnicianMessage(trx, ticket.id, {
          visibility: body.visibility,
          body: body.body,
          technicianId: t.id,
          authorName: t.displayName,
        });
        try {
          await store.replyAttachments.claim(trx, ticket.id, t.id, attachmentIds, message.id);
        } catch (err) {
          if (err instanceof ReplyAttachmentError) throw badRequest(err.message, { attachmentIds });
          throw err;
        }
        const actor = { kind: 'technician' as const, id: t.id, name: t.displayName };
        await store.audit.record(
          {
            actor,
            action: body.visibility === 'public' ? 'ticket.reply' : 'ticket.note',
            target: { kind: 'ticket', id: ticket.id },
            details: { messageId: message.id, ...(attachmentIds.length > 0 ? { attachments: attachmentIds.length } : {}) },
            ip: request.ip,
          },
          store.clock(),
          trx,
        );
        if (body.status !== undefined) {
          const fresh = (await trx.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirst()) ?? ticket;
          const changed = await store.tickets.update(trx, fresh, { status: body.status }, t.id);
          if (changed.status) {
            await store.audit.record({ actor, action: 'ticket.status', target: { kind: 'ticket', id: ticket.id }, details: changed.status, ip: request.ip }, store.clock(), trx);
          }
        }
      });
      const detail = await loadTicketDetail(store, ticket.id);
      if (detail === null) throw notFound('ticket');
      return detail;
    },
  );

  app.get('/tickets/:id/attachments/:attachmentId', { schema: { params: TicketAttachmentParamsSchema } }, async (request, reply) => {
    const a = await store.tickets.attachment(request.params.id, request.params.attachmentId);
    if (a === null) throw notFound('attachment');
    return sendAttachment(reply, blobs, a, request.log);
  });
};
