import { DiagnosticsRequestListSchema, IdParamsSchema, TicketCreateSchema, TicketCreatedSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';
import { assigneeProblem } from './teams.js';

/**
 * Tickets a technician records for a phone call, a walk-up or a mail, on the requester's device, and
 * fresh diagnostics asked of that device (collected and uploaded at its next check-in).
 */
export const ticketIntakeRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.post('/tickets', { schema: { body: TicketCreateSchema, response: { 201: TicketCreatedSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const body = request.body;
    const device = await store.devices.row(body.deviceId);
    if (device === null) throw badRequest('the device does not exist', [{ path: 'deviceId', message: 'no such device' }]);
    if (device.enroll_state !== 'active') throw badRequest('the device is pending approval; approve it first or choose its approved twin', [{ path: 'deviceId', message: 'pending device' }]);
    const assigneeId = body.assigneeId === 'me' ? t.id : body.assigneeId;
    if (assigneeId !== null) {
      const assignee = await store.technicians.byId(assigneeId);
      if (assignee === null || assignee.disabled !== 0) throw badRequest('the assignee is not an active technician', [{ path: 'assigneeId', message: 'not an active technician' }]);
      // The ticket will belong to the team its category routes to: its assignee must be a member.
      const problem = await assigneeProblem({ store }, await store.teams.routeFor(body.category), assigneeId);
      if (problem !== null) throw badRequest(problem, [{ path: 'assigneeId', message: 'not a member of the team this ticket is routed to' }]);
    }
    const by = { id: t.id, name: t.displayName };
    const row = await store.db.transaction().execute(async (trx) => {
      const created = await store.intake.createByTechnician(trx, { ...body, assigneeId }, by);
      // Routing gives it a team and starts its service-level clock, as for a ticket filed on a device.
      await store.workflow.created(trx, created);
      await store.audit.record(
        {
          actor: { kind: 'technician', id: t.id, name: t.displayName },
          action: 'ticket.create',
          target: { kind: 'ticket', id: created.id },
          details: { number: created.number, channel: created.channel, deviceId: device.id, priority: created.computed_priority, diagnosticsRequested: body.requestDiagnostics, assignee: assigneeId },
          ip: request.ip,
        },
        store.clock(),
        trx,
      );
      return created;
    });
    return reply.status(201).send({ id: row.id, number: row.number });
  });

  app.get('/tickets/:id/diagnostics-requests', { schema: { params: IdParamsSchema, response: { 200: DiagnosticsRequestListSchema } } }, async (request) => {
    if ((await store.tickets.row(request.params.id)) === null) throw notFound('ticket');
    return { items: await store.intake.forTicket(request.params.id) };
  });

  app.post('/tickets/:id/diagnostics-requests', { schema: { params: IdParamsSchema, response: { 200: DiagnosticsRequestListSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const ticket = await store.tickets.row(request.params.id);
    if (ticket === null) throw notFound('ticket');
    const deviceId = ticket.device_id;
    if (deviceId === null) throw conflict('the ticket has no device linked to ask for diagnostics');
    const asked = await store.intake.requestDiagnostics(store.db, { id: ticket.id, device_id: deviceId }, { id: t.id, name: t.displayName });
    if (!asked.reused) {
      await store.audit.record(
        { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'ticket.diagnostics-requested', target: { kind: 'ticket', id: ticket.id }, details: { requestId: asked.id }, ip: request.ip },
        store.clock(),
      );
    }
    return { items: await store.intake.forTicket(ticket.id) };
  });
};
