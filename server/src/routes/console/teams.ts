import {
  CannedReplyListSchema,
  IdParamsSchema,
  NotificationListSchema,
  NotificationQuerySchema,
  NotificationsReadSchema,
  TeamListSchema,
  TicketDetailSchema,
  TicketTransferSchema,
  uuid,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { badRequest, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { transferTicket } from '../../workflow/transfer.js';
import type { RouteDeps } from '../deps.js';
import { loadTicketDetail } from './ticket-detail.js';

/** An assignee must be an active technician and, on a ticket that has a team, one of its members. */
export async function assigneeProblem(deps: Pick<RouteDeps, 'store'>, teamId: string | null, assigneeId: string): Promise<string | null> {
  const assignee = await deps.store.technicians.byId(assigneeId);
  if (assignee === null || assignee.disabled !== 0) return 'the assignee is not an active technician';
  if (teamId === null || (await deps.store.teams.isMember(teamId, assigneeId))) return null;
  const team = await deps.store.teams.row(teamId);
  return `${assignee.display_name} is not a member of ${team?.name ?? 'the ticket\u2019s team'}: add them to the team, or transfer the ticket to a team of theirs`;
}

/**
 * What every technician uses of teams and service levels: the team list, transfers with a note,
 * canned replies, their own notifications.
 */
export const teamWorkRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/teams', { schema: { response: { 200: TeamListSchema } } }, async () => ({ items: await store.teams.list() }));

  app.post(
    '/tickets/:id/transfer',
    { schema: { params: IdParamsSchema, body: TicketTransferSchema, response: { 200: TicketDetailSchema } } },
    async (request) => {
      const t = requireTechnicianContext(request.technician);
      const body = request.body;
      const ticket = await store.tickets.row(request.params.id);
      if (ticket === null) throw notFound('ticket');
      const team = await store.teams.row(body.teamId);
      if (team === null) throw badRequest('no team has this id', [{ path: 'teamId', message: 'unknown team' }]);
      if (ticket.team_id === team.id) throw badRequest(`the ticket is already with ${team.name}`, [{ path: 'teamId', message: 'same team' }]);
      if (body.assigneeId !== undefined && body.assigneeId !== null) {
        const problem = await assigneeProblem({ store }, team.id, body.assigneeId);
        if (problem !== null) throw badRequest(problem, [{ path: 'assigneeId', message: problem }]);
      }
      await store.db.transaction().execute((trx) =>
        transferTicket(store, trx, ticket, { toTeamId: team.id, note: body.note, assigneeId: body.assigneeId, technician: t, ip: request.ip }),
      );
      const detail = await loadTicketDetail(store, ticket.id);
      if (detail === null) throw notFound('ticket');
      return detail;
    },
  );

  app.get(
    '/canned-replies',
    { schema: { querystring: z.strictObject({ teamId: uuid.optional() }), response: { 200: CannedReplyListSchema } } },
    async (request) => ({ items: await store.cannedReplies.list(request.query.teamId) }),
  );

  app.get('/notifications', { schema: { querystring: NotificationQuerySchema, response: { 200: NotificationListSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    return store.notifications.list(t.id, { unreadOnly: request.query.unread === 'true', limit: request.query.limit });
  });

  app.post(
    '/notifications/read',
    { schema: { body: NotificationsReadSchema, response: { 200: z.strictObject({ marked: z.number().int().nonnegative() }) } } },
    async (request) => {
      const t = requireTechnicianContext(request.technician);
      return { marked: await store.notifications.markRead(t.id, request.body.ids) };
    },
  );
};
