import { IdParamsSchema, PendingDecisionResultSchema, PendingDeviceListSchema, type DeviceSummary } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { conflict, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import type { RouteDeps } from '../deps.js';

/**
 * Administrator-only: enrollments that repeat an existing device's hardware identifiers without its
 * key wait here as separate devices until approved (a separate machine), merged into the device they
 * resemble (same machine, new key) or rejected (credential revoked).
 */
export const enrollmentRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  const actorOf = (t: { id: string; displayName: string }) => ({ kind: 'technician' as const, id: t.id, name: t.displayName });

  app.get('/enrollments/pending', { schema: { response: { 200: PendingDeviceListSchema } } }, async () => {
    const pending = await store.enrollment.pendingIds();
    const items = [];
    for (const p of pending) {
      const [device, resembles] = await Promise.all([store.devices.summary(p.id), p.resembles === null ? null : store.devices.summary(p.resembles)]);
      if (device === null) continue;
      const matchedOn: ('hardwareUuid' | 'serial')[] = [];
      if (resembles !== null) {
        const [a, b] = await Promise.all([store.devices.row(p.id), store.devices.row(resembles.id)]);
        if (a?.hardware_uuid != null && a.hardware_uuid === b?.hardware_uuid) matchedOn.push('hardwareUuid');
        if (a?.serial != null && a.serial === b?.serial) matchedOn.push('serial');
      }
      items.push({ device, resembles, matchedOn });
    }
    return { items };
  });

  const decided = async (id: string): Promise<DeviceSummary> => {
    const summary = await store.devices.summary(id);
    if (summary === null) throw notFound('device');
    return summary;
  };

  // Approving and rejecting differ only in what becomes of the pending device.
  const decisions = [
    ['approve', 'device.enroll-approve', (id: string) => store.enrollment.approve(id)],
    ['reject', 'device.enroll-reject', (id: string) => store.enrollment.reject(id)],
  ] as const;
  for (const [decision, action, decide] of decisions) {
    app.post(`/enrollments/:id/${decision}`, { schema: { params: IdParamsSchema, response: { 200: PendingDecisionResultSchema } } }, async (request) => {
      const t = requireTechnicianContext(request.technician);
      const row = await store.devices.row(request.params.id);
      if (row === null) throw notFound('device');
      if (!(await decide(row.id))) throw conflict('this device is not pending');
      await store.audit.record({ actor: actorOf(t), action, target: { kind: 'device', id: row.id }, details: { resembled: row.resembles_device_id }, ip: request.ip }, store.clock());
      return { device: await decided(row.id) };
    });
  }

  app.post('/enrollments/:id/merge', { schema: { params: IdParamsSchema, response: { 200: PendingDecisionResultSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const row = await store.devices.row(request.params.id);
    if (row === null) throw notFound('device');
    const outcome = await store.enrollment.merge(row.id);
    if (outcome === 'not-pending') throw conflict('this device is not pending');
    if (outcome === 'no-target') throw conflict('the device this one resembles no longer exists; approve or reject it instead');
    const details = { mergedDevice: row.id, into: outcome.into, hostname: row.hostname, keyFingerprint: row.key_fingerprint };
    // Both records: the merged id disappears from the device list, the audit keeps what became of it.
    await store.audit.record({ actor: actorOf(t), action: 'device.enroll-merge', target: { kind: 'device', id: outcome.into }, details, ip: request.ip }, store.clock());
    await store.audit.record({ actor: actorOf(t), action: 'device.enroll-merge', target: { kind: 'device', id: row.id }, details, ip: request.ip }, store.clock());
    return { device: await decided(outcome.into) };
  });
};
