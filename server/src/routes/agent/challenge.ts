import { ChallengeResponseSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { RouteDeps } from '../deps.js';

/**
 * `POST challenge`: a one-time nonce the agent signs with its device key (enrollment, key binding,
 * credential recovery). No credential needed, so it is rate limited like enrollment.
 */
export const challengeRoute: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, rateLimits }) => {
  app.post(
    '/challenge',
    {
      config: { rateLimit: { max: rateLimits.enrollPerMinute, timeWindow: '1 minute' } },
      schema: { response: { 200: ChallengeResponseSchema } },
    },
    async () => {
      const { challenge, expiresAt } = await store.challenges.issue();
      return { challenge, expiresAt: new Date(expiresAt).toISOString() };
    },
  );
};
