import { EnrollResponseSchema, KeyBindRequestSchema, KeyBindResponseSchema, RecoverRequestSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { provenKey, rejectedDevice } from '../../enrollment/proven-key.js';
import { conflict, unauthorized } from '../../http/http-error.js';
import { requireDeviceContext } from '../../http/request-context.js';
import { KeyConflictError } from '../../storage/enrollment-repo.js';
import type { RouteDeps } from '../deps.js';

/**
 * `POST key` (credential required): a device enrolled before device keys binds its key, so that from
 * now on only that key can re-enroll it. Check-in says `keyBound: false` until it has.
 */
export const keyBindRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.post('/key', { schema: { body: KeyBindRequestSchema, response: { 200: KeyBindResponseSchema } } }, async (request) => {
    const device = requireDeviceContext(request.device);
    const key = await provenKey(store, request.body.proof, { purpose: 'bind-key', deviceId: device.id, hardwareUuid: null, serial: null, platform: null });
    let outcome;
    try {
      outcome = await store.enrollment.bindKey(device.id, key);
    } catch (err) {
      if (err instanceof KeyConflictError) throw conflict(err.message);
      throw err;
    }
    if (outcome === 'bound') {
      await store.audit.record(
        {
          actor: { kind: 'device', id: device.id, name: device.hostname },
          action: 'device.key-bound',
          target: { kind: 'device', id: device.id },
          details: { keyFingerprint: key.fingerprint },
          ip: request.ip,
        },
        store.clock(),
      );
    }
    return { keyBound: true as const };
  });
};

/**
 * `POST recover` (no credential: it was refused): the device proves its key and gets a fresh
 * credential, so one lost or revoked credential does not un-enroll a machine that still holds its
 * key. A device an administrator rejected is refused with 403.
 */
export const recoverRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics, rateLimits }) => {
  app.post(
    '/recover',
    {
      config: { rateLimit: { max: rateLimits.enrollPerMinute, timeWindow: '1 minute' } },
      schema: { body: RecoverRequestSchema, response: { 200: EnrollResponseSchema } },
    },
    async (request) => {
      const body = request.body;
      const key = await provenKey(store, body.proof, { purpose: 'recover', deviceId: body.deviceId, hardwareUuid: null, serial: null, platform: null });
      const outcome = await store.db.transaction().execute(async (trx) => {
        const r = await store.enrollment.recover(trx, body.deviceId, key, body.agentVersion, request.ip);
        if (r.result === 'recovered') {
          await store.audit.record(
            {
              actor: { kind: 'device', id: body.deviceId, name: r.hostname },
              action: 'device.credential-recover',
              target: { kind: 'device', id: body.deviceId },
              details: { keyFingerprint: key.fingerprint, agentVersion: body.agentVersion },
              ip: request.ip,
            },
            store.clock(),
            trx,
          );
        }
        return r;
      });
      if (outcome.result === 'rejected') throw rejectedDevice();
      // Unknown device and another key look the same.
      if (outcome.result === 'refused') throw unauthorized('no device with this id holds this key; enroll again');
      metrics.enrollments.inc({ result: 'recovered' });
      return {
        deviceId: body.deviceId,
        credential: outcome.credential,
        settings: await store.settings.pushed(),
        enrollState: outcome.state === 'pending' ? ('pending' as const) : ('active' as const),
        keyBound: true,
      };
    },
  );
};
