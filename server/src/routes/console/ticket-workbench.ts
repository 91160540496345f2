import {
  IdParamsSchema,
  OkResponseSchema,
  SavedViewCreateSchema,
  SavedViewListSchema,
  SavedViewSchema,
  TicketBulkResultSchema,
  TicketBulkUpdateSchema,
  TicketListQuerySchema,
  TicketMergeSchema,
  TicketParentSchema,
  TicketRelationsSchema,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { DuplicateViewNameError, TooManyViewsError } from '../../storage/saved-views-repo.js';
import { TicketRelationError } from '../../storage/ticket-relations-repo.js';
import type { RouteDeps } from '../deps.js';
import { assigneeProblem } from './teams.js';

/**
 * Working the queue faster: one status or assignee for many tickets, merging a duplicate into its
 * survivor, hanging related tickets under one parent, and each technician's saved queue views.
 * Every change to tickets is audited per ticket.
 */
export const ticketWorkbenchRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.post('/tickets/bulk', { schema: { body: TicketBulkUpdateSchema, response: { 200: TicketBulkResultSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const body = request.body;
    const assigneeId = body.assigneeId === 'me' ? t.id : body.assigneeId;
    if (assigneeId !== undefined && assigneeId !== null) {
      const assignee = await store.technicians.byId(assigneeId);
      if (assignee === null || assignee.disabled !== 0) throw badRequest('the assignee is not an active technician');
    }
    const ids = [...new Set(body.ids)];
    const rows = await store.db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute();
    // The assignee must belong to each ticket's team, as for one ticket: all or nothing.
    if (assigneeId !== undefined && assigneeId !== null) {
      for (const teamId of new Set(rows.map((r) => r.team_id))) {
        const problem = await assigneeProblem({ store }, teamId, assigneeId);
        if (problem !== null) throw badRequest(problem);
      }
    }
    let updated = 0;
    await store.db.transaction().execute(async (trx) => {
      for (const ticket of rows) {
        const changed = await store.tickets.update(trx, ticket, { status: body.status, assigneeId }, t.id);
        if (Object.keys(changed).length > 0) updated += 1;
        for (const [field, change] of Object.entries(changed)) {
          await store.audit.record(
            { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: `ticket.${field}`, target: { kind: 'ticket', id: ticket.id }, details: { ...change, bulk: true }, ip: request.ip },
            store.clock(),
            trx,
          );
        }
      }
    });
    return { updated, missing: ids.filter((id) => !rows.some((r) => r.id === id)) };
  });

  app.get('/tickets/:id/relations', { schema: { params: IdParamsSchema, response: { 200: TicketRelationsSchema } } }, async (request) => {
    const ticket = await store.tickets.row(request.params.id);
    if (ticket === null) throw notFound('ticket');
    return store.relations.relations(ticket);
  });

  app.post('/tickets/:id/merge', { schema: { params: IdParamsSchema, body: TicketMergeSchema, response: { 200: TicketRelationsSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const [duplicate, survivor] = await Promise.all([store.tickets.row(request.params.id), store.tickets.row(request.body.into)]);
    if (duplicate === null) throw notFound('ticket');
    if (survivor === null) throw badRequest('the ticket to merge into does not exist', [{ path: 'into', message: 'no such ticket' }]);
    const actor = { kind: 'technician' as const, id: t.id, name: t.displayName };
    try {
      await store.db.transaction().execute(async (trx) => {
        await store.relations.merge(trx, duplicate, survivor);
        // The duplicate is closed: its service-level clock stops like any other closing.
        await store.workflow.changed(trx, duplicate.id);
        if (duplicate.status !== 'closed') await store.workflow.updated(trx, duplicate.id, { status: { before: duplicate.status, after: 'closed' } });
        await store.audit.record({ actor, action: 'ticket.merged', target: { kind: 'ticket', id: duplicate.id }, details: { into: survivor.id, number: survivor.number, status: { before: duplicate.status, after: 'closed' } }, ip: request.ip }, store.clock(), trx);
        await store.audit.record({ actor, action: 'ticket.merge-received', target: { kind: 'ticket', id: survivor.id }, details: { from: duplicate.id, number: duplicate.number }, ip: request.ip }, store.clock(), trx);
      });
    } catch (err) {
      if (err instanceof TicketRelationError) throw conflict(err.message);
      throw err;
    }
    return store.relations.relations((await store.tickets.row(duplicate.id)) ?? duplicate);
  });

  app.put('/tickets/:id/parent', { schema: { params: IdParamsSchema, body: TicketParentSchema, response: { 200: TicketRelationsSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const child = await store.tickets.row(request.params.id);
    if (child === null) throw notFound('ticket');
    const parent = request.body.parentId === null ? null : await store.tickets.row(request.body.parentId);
    if (request.body.parentId !== null && parent === null) throw badRequest('the parent ticket does not exist', [{ path: 'parentId', message: 'no such ticket' }]);
    if (child.parent_id === (parent?.id ?? null)) return store.relations.relations(child);
    try {
      await store.db.transaction().execute(async (trx) => {
        await store.relations.setParent(trx, child, parent);
        await store.audit.record(
          { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'ticket.parent', target: { kind: 'ticket', id: child.id }, details: { before: child.parent_id, after: parent?.id ?? null }, ip: request.ip },
          store.clock(),
          trx,
        );
      });
    } catch (err) {
      if (err instanceof TicketRelationError) throw conflict(err.message);
      throw err;
    }
    return store.relations.relations((await store.tickets.row(child.id)) ?? child);
  });

  app.get('/saved-views', { schema: { response: { 200: SavedViewListSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    return { items: await store.savedViews.list(t.id) };
  });

  app.post('/saved-views', { schema: { body: SavedViewCreateSchema, response: { 201: SavedViewSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const query = request.body.query.replace(/^\?/, '');
    // Kept only if the queue itself would accept it (unknown keys and bad values are refused now, not when opened).
    const parsed = TicketListQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    if (!parsed.success) throw badRequest('the view is not a valid queue filter', parsed.error.issues.slice(0, 20).map((i) => ({ path: `query.${i.path.join('.')}`, message: i.message })));
    try {
      return reply.status(201).send(await store.savedViews.create(t.id, request.body.name, query));
    } catch (err) {
      if (err instanceof DuplicateViewNameError || err instanceof TooManyViewsError) throw conflict(err.message);
      throw err;
    }
  });

  app.delete('/saved-views/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    if ((await store.savedViews.remove(t.id, request.params.id)) === null) throw notFound('saved view');
    return { ok: true as const };
  });
};
