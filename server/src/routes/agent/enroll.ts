import { EnrollRequestSchema, EnrollResponseSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { unauthorized } from '../../http/http-error.js';
import type { RouteDeps } from '../deps.js';

/** `POST enroll`: an enrollment secret buys a device id and a credential (shown once, stored hashed). */
export const enrollRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics, rateLimits }) => {
  app.post(
    '/enroll',
    {
      config: { rateLimit: { max: rateLimits.enrollPerMinute, timeWindow: '1 minute' } },
      schema: { body: EnrollRequestSchema, response: { 200: EnrollResponseSchema } },
    },
    async (request) => {
      const body = request.body;
      const result = await store.db.transaction().execute(async (trx) => {
        const secret = await store.secrets.consume(trx, body.enrollSecret);
        if (secret === null) return null;
        const enrolled = await store.devices.enroll(trx, {
          identity: body.device,
          platform: body.platform,
          osName: body.osName,
          agentVersion: body.agentVersion,
          ip: request.ip,
          tag: body.tag ?? null,
        });
        await store.audit.record(
          {
            actor: { kind: 'device', id: enrolled.deviceId, name: body.device.hostname },
            action: enrolled.reenrolled ? 'device.re-enroll' : 'device.enroll',
            target: { kind: 'device', id: enrolled.deviceId },
            details: { enrollSecret: secret.label, secretPrefix: secret.prefix, agentVersion: body.agentVersion, platform: body.platform, tag: body.tag ?? null },
            ip: request.ip,
          },
          store.clock(),
          trx,
        );
        return enrolled;
      });
      if (result === null) {
        metrics.enrollments.inc({ result: 'refused' });
        // One answer for unknown, revoked, expired and used-up secrets: no oracle for guessing.
        throw unauthorized('the enrollment secret is not valid (unknown, revoked, expired or used up)');
      }
      metrics.enrollments.inc({ result: result.reenrolled ? 're-enrolled' : 'enrolled' });
      request.log.info({ deviceId: result.deviceId, reenrolled: result.reenrolled }, 'device enrolled');
      return { deviceId: result.deviceId, credential: result.credential, settings: await store.settings.pushed() };
    },
  );
};
