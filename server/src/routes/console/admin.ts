import {
  AuditPageSchema,
  AuditQuerySchema,
  EnrollSecretCreateSchema,
  EnrollSecretCreatedSchema,
  EnrollSecretListSchema,
  EnrollSecretSchema,
  FleetSettingsSchema,
  IdParamsSchema,
  PushedSettingsSchema,
  TechnicianCreateSchema,
  TechnicianListSchema,
  TechnicianSchema,
  TechnicianUpdateSchema,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { DuplicateUsernameError } from '../../storage/technicians-repo.js';
import type { RouteDeps } from '../deps.js';

/** Every technician sees colleagues (to assign tickets); nothing secret is in the list. */
export const colleaguesRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/technicians', { schema: { response: { 200: TechnicianListSchema } } }, async () => ({ items: await store.technicians.list() }));
};

/** Administrator-only: creating and changing technicians, enrollment secrets, fleet settings, the audit log. */
export const adminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });

  app.post('/technicians', { schema: { body: TechnicianCreateSchema, response: { 201: TechnicianSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    try {
      const created = await store.technicians.create({ ...request.body, username: request.body.username.toLowerCase() });
      await store.audit.record(
        { actor: actorOf(t), action: 'technician.create', target: { kind: 'technician', id: created.id }, details: { username: created.username, role: created.role, email: created.email ?? null }, ip: request.ip },
        store.clock(),
      );
      return reply.status(201).send(created);
    } catch (err) {
      if (err instanceof DuplicateUsernameError) throw conflict(err.message);
      throw err;
    }
  });

  app.patch('/technicians/:id', { schema: { params: IdParamsSchema, body: TechnicianUpdateSchema, response: { 200: TechnicianSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const target = await store.technicians.byId(request.params.id);
    if (target === null) throw notFound('technician');
    const patch = request.body;
    const losesAdmin = target.role === 'admin' && target.disabled === 0 && (patch.role === 'technician' || patch.disabled === true);
    // Never leave the installation without anyone who can administer it.
    if (losesAdmin && (await store.technicians.countActiveAdmins()) <= 1) throw conflict('this is the last active administrator');
    const updated = await store.technicians.update(target.id, patch);
    if (updated === null) throw notFound('technician');
    if (patch.password !== undefined || patch.disabled === true) await store.sessions.destroyAllFor(target.id);
    const details: Record<string, unknown> = {};
    if (patch.displayName !== undefined) details.displayName = { before: target.display_name, after: patch.displayName };
    if (patch.role !== undefined) details.role = { before: target.role, after: patch.role };
    if (patch.disabled !== undefined) details.disabled = { before: target.disabled !== 0, after: patch.disabled };
    if (patch.password !== undefined) details.password = 'changed';
    if (patch.email !== undefined) details.email = { before: target.email, after: patch.email };
    await store.audit.record({ actor: actorOf(t), action: 'technician.update', target: { kind: 'technician', id: target.id }, details, ip: request.ip }, store.clock());
    return updated;
  });

  app.get('/enroll-secrets', { schema: { response: { 200: EnrollSecretListSchema } } }, async () => ({ items: await store.secrets.list() }));

  app.post('/enroll-secrets', { schema: { body: EnrollSecretCreateSchema, response: { 201: EnrollSecretCreatedSchema } } }, async (request, reply) => {
    const t = requireTechnicianContext(request.technician);
    const created = await store.secrets.create({ ...request.body, createdBy: t.displayName });
    await store.audit.record(
      {
        actor: actorOf(t),
        action: 'enroll-secret.create',
        target: { kind: 'enroll-secret', id: created.secret.id },
        details: { label: created.secret.label, prefix: created.secret.prefix, expiresAt: created.secret.expiresAt, maxUses: created.secret.maxUses },
        ip: request.ip,
      },
      store.clock(),
    );
    return reply.status(201).send(created);
  });

  app.post('/enroll-secrets/:id/revoke', { schema: { params: IdParamsSchema, response: { 200: EnrollSecretSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const revoked = await store.secrets.revoke(request.params.id);
    if (revoked === null) throw notFound('enrollment secret');
    await store.audit.record({ actor: actorOf(t), action: 'enroll-secret.revoke', target: { kind: 'enroll-secret', id: revoked.id }, details: { label: revoked.label }, ip: request.ip }, store.clock());
    return revoked;
  });

  app.get('/settings', { schema: { response: { 200: FleetSettingsSchema } } }, async () => store.settings.fleet());

  app.put('/settings', { schema: { body: PushedSettingsSchema, response: { 200: FleetSettingsSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const before = (await store.settings.fleet()).settings;
    const after = await store.settings.setFleet(request.body, t.displayName);
    await store.audit.record({ actor: actorOf(t), action: 'settings.update', target: { kind: 'settings', id: 'fleet' }, details: { before, after: after.settings }, ip: request.ip }, store.clock());
    return after;
  });

  app.get('/audit', { schema: { querystring: AuditQuerySchema, response: { 200: AuditPageSchema } } }, async (request) => {
    const q = request.query;
    return store.audit.page({ ...q, since: q.since === undefined ? undefined : Date.parse(q.since) });
  });
};
