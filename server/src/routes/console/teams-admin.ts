import { IdParamsSchema, OkResponseSchema, RoutingSchema, RoutingUpdateSchema, TeamCreateSchema, TeamMembersSchema, TeamSchema, TeamUpdateSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest, conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { DuplicateTeamNameError } from '../../storage/teams-repo.js';
import type { RouteDeps } from '../deps.js';

/** Administrator-only: teams, their members and the routing of new tickets. Every change is audited. */
export const teamAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });
  const policyMustExist = async (id: string | null | undefined) => {
    if (id !== undefined && id !== null && (await store.sla.get(id)) === null) throw badRequest('no service-level policy has this id', [{ path: 'slaPolicyId', message: 'unknown policy' }]);
  };
  const teamOrThrow = async (id: string) => {
    const team = await store.teams.get(id);
    if (team === null) throw notFound('team');
    return team;
  };

  app.post('/teams', { schema: { body: TeamCreateSchema, response: { 201: TeamSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    await policyMustExist(request.body.slaPolicyId);
    try {
      const row = await store.teams.create(request.body);
      await store.audit.record({ actor: actorOf(t), action: 'team.create', target: { kind: 'team', id: row.id }, details: { name: row.name, slaPolicyId: row.sla_policy_id }, ip: request.ip }, store.clock());
      return reply.status(201).send(await teamOrThrow(row.id));
    } catch (err) {
      if (err instanceof DuplicateTeamNameError) throw conflict(err.message);
      throw err;
    }
  });

  app.patch('/teams/:id', { schema: { params: IdParamsSchema, body: TeamUpdateSchema, response: { 200: TeamSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = await store.teams.row(request.params.id);
    if (before === null) throw notFound('team');
    await policyMustExist(request.body.slaPolicyId);
    try {
      await store.teams.update(before.id, request.body);
    } catch (err) {
      if (err instanceof DuplicateTeamNameError) throw conflict(err.message);
      throw err;
    }
    const details: Record<string, unknown> = {};
    if (request.body.name !== undefined) details.name = { before: before.name, after: request.body.name };
    if (request.body.description !== undefined) details.description = { before: before.description, after: request.body.description };
    if (request.body.slaPolicyId !== undefined) details.slaPolicyId = { before: before.sla_policy_id, after: request.body.slaPolicyId };
    await store.audit.record({ actor: actorOf(t), action: 'team.update', target: { kind: 'team', id: before.id }, details, ip: request.ip }, store.clock());
    // Another policy for this team: its open tickets' due times follow.
    if (request.body.slaPolicyId !== undefined && request.body.slaPolicyId !== before.sla_policy_id) await store.workflow.recomputeOpen();
    return teamOrThrow(before.id);
  });

  app.delete('/teams/:id', { schema: { params: IdParamsSchema, response: { 200: OkResponseSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const team = await store.teams.row(request.params.id);
    if (team === null) throw notFound('team');
    const tickets = await store.teams.ticketCount(team.id);
    // Reports need to know who held each ticket: a team with tickets is renamed, never deleted.
    if (tickets > 0) throw conflict(`${team.name} has ${tickets} ticket(s); transfer them or rename the team instead`);
    await store.teams.delete(team.id);
    await store.audit.record({ actor: actorOf(t), action: 'team.delete', target: { kind: 'team', id: team.id }, details: { name: team.name }, ip: request.ip }, store.clock());
    return { ok: true as const };
  });

  app.put('/teams/:id/members', { schema: { params: IdParamsSchema, body: TeamMembersSchema, response: { 200: TeamSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const team = await store.teams.row(request.params.id);
    if (team === null) throw notFound('team');
    const known = new Set((await store.technicians.list()).map((x) => x.id));
    const unknown = request.body.technicianIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw badRequest('some members are not technicians', unknown.map((id) => ({ path: 'technicianIds', message: `unknown technician ${id}` })));
    const { added, removed } = await store.teams.setMembers(team.id, request.body.technicianIds);
    if (added.length > 0 || removed.length > 0) {
      await store.audit.record({ actor: actorOf(t), action: 'team.members', target: { kind: 'team', id: team.id }, details: { added, removed }, ip: request.ip }, store.clock());
    }
    return teamOrThrow(team.id);
  });

  app.get('/routing', { schema: { response: { 200: RoutingSchema } } }, async () => store.teams.routing());

  app.put('/routing', { schema: { body: RoutingUpdateSchema, response: { 200: RoutingSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const teams = new Set((await store.teams.list()).map((x) => x.id));
    const referenced = [...(request.body.defaultTeamId === null ? [] : [request.body.defaultTeamId]), ...request.body.rules.map((r) => r.teamId)];
    const unknown = referenced.filter((id) => !teams.has(id));
    if (unknown.length > 0) throw badRequest('a rule names a team that does not exist', unknown.map((id) => ({ path: 'rules', message: `unknown team ${id}` })));
    const before = await store.teams.routing();
    await store.teams.setRouting(request.body);
    const after = await store.teams.routing();
    await store.audit.record({ actor: actorOf(t), action: 'routing.update', target: { kind: 'routing', id: null }, details: { before, after }, ip: request.ip }, store.clock());
    return after;
  });
};
