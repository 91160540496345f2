import { EnrollRequestSchema, EnrollResponseSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { provenKey, rejectedDevice } from '../../enrollment/proven-key.js';
import { unauthorized } from '../../http/http-error.js';
import { DeviceRejectedError } from '../../storage/enrollment-repo.js';
import type { RouteDeps } from '../deps.js';

const ACTION = { enrolled: 'device.enroll', 're-enrolled': 'device.re-enroll', pending: 'device.enroll-pending' } as const;

/**
 * `POST enroll`: an enrollment secret buys a device id and a credential (shown once, stored hashed).
 * Only the device key reaches an existing device; matching hardware without it makes a pending
 * duplicate, never a takeover (see EnrollmentRepo).
 */
export const enrollRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics, rateLimits }) => {
  app.post(
    '/enroll',
    {
      config: { rateLimit: { max: rateLimits.enrollPerMinute, timeWindow: '1 minute' } },
      schema: { body: EnrollRequestSchema, response: { 200: EnrollResponseSchema } },
    },
    async (request) => {
      const body = request.body;
      const key =
        body.proof === undefined
          ? null
          : await provenKey(store, body.proof, {
              purpose: 'enroll',
              deviceId: null,
              hardwareUuid: body.device.hardwareUuid,
              serial: body.device.serial,
              platform: body.platform,
            });
      let result;
      try {
        result = await store.db.transaction().execute(async (trx) => {
          const secret = await store.secrets.consume(trx, body.enrollSecret);
          if (secret === null) return null;
          const enrolled = await store.enrollment.enroll(trx, {
            identity: body.device,
            platform: body.platform,
            osName: body.osName,
            agentVersion: body.agentVersion,
            ip: request.ip,
            tag: body.tag ?? null,
            key,
          });
          const actor = { kind: 'device' as const, id: enrolled.deviceId, name: body.device.hostname };
          const details = {
            enrollSecret: secret.label,
            secretPrefix: secret.prefix,
            agentVersion: body.agentVersion,
            platform: body.platform,
            tag: body.tag ?? null,
            keyFingerprint: key?.fingerprint ?? null,
            ...(enrolled.resembles === null ? {} : { resembles: enrolled.resembles, matchedOn: [...enrolled.matchedOn] }),
          };
          await store.audit.record({ actor, action: ACTION[enrolled.outcome], target: { kind: 'device', id: enrolled.deviceId }, details, ip: request.ip }, store.clock(), trx);
          // A new device (active, or pending an administrator's look); a re-enrollment is the same device.
          if (enrolled.outcome !== 're-enrolled') await store.events.deviceEnrolled(trx, enrolled.deviceId);
          if (enrolled.resembles !== null) {
            // On the resembled device's own record too: its page shows who tried to look like it.
            await store.audit.record(
              { actor, action: 'device.duplicate-suspect', target: { kind: 'device', id: enrolled.resembles }, details: { pendingDevice: enrolled.deviceId, ...details }, ip: request.ip },
              store.clock(),
              trx,
            );
          }
          return enrolled;
        });
      } catch (err) {
        if (err instanceof DeviceRejectedError) {
          metrics.enrollments.inc({ result: 'refused' });
          throw rejectedDevice();
        }
        throw err;
      }
      if (result === null) {
        metrics.enrollments.inc({ result: 'refused' });
        // One answer for unknown, revoked, expired and used-up secrets: no oracle for guessing.
        throw unauthorized('the enrollment secret is not valid (unknown, revoked, expired or used up)');
      }
      metrics.enrollments.inc({ result: result.outcome });
      request.log.info({ deviceId: result.deviceId, outcome: result.outcome, resembles: result.resembles }, 'device enrolled');
      return {
        deviceId: result.deviceId,
        credential: result.credential,
        settings: await store.settings.pushed(),
        enrollState: result.state,
        keyBound: key !== null,
      };
    },
  );
};
