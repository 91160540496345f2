import { CONSOLE_SESSION_COOKIE, LoginRequestSchema, LoginResponseSchema, MeResponseSchema, OkResponseSchema } from '@deskside/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { throttleSignIn } from '../../auth/login-throttle.js';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords.js';
import { sessionHook } from '../../http/console-auth.js';
import { HttpError, unauthorized } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { toTechnician } from '../../storage/technicians-repo.js';
import type { RouteDeps } from '../deps.js';

const WRONG = 'wrong user name or password';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  reply.setCookie(CONSOLE_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the browser reached us over TLS (directly or through a trusted proxy).
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

/** Sign in, sign out, who am I. Sessions live in the database so any instance can serve any request. */
export const sessionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics, rateLimits }) => {
  app.post(
    '/login',
    {
      config: { rateLimit: { max: rateLimits.loginPerMinute, timeWindow: '1 minute' } },
      schema: { body: LoginRequestSchema, response: { 200: LoginResponseSchema } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = store.clock();
      const row = await store.technicians.byUsername(username);
      const fail = async (reason: string, technicianId: string | null) => {
        metrics.logins.inc({ result: reason });
        await store.audit.record(
          {
            actor: { kind: 'system', id: null, name: null },
            action: 'session.login-failed',
            target: { kind: 'session', id: technicianId },
            details: { username: username.slice(0, 64), reason },
            ip: request.ip,
          },
          now,
        );
      };
      const throttle = await throttleSignIn(store.loginThrottle, username, request.ip, now);
      if (throttle.retryAfterSeconds !== null) {
        // The same answer whether or not the name exists, and no lockout: only this source waits.
        await fail('throttled', row?.id ?? null);
        reply.header('retry-after', String(throttle.retryAfterSeconds));
        throw new HttpError(429, 'rate_limited', 'too many sign-in attempts from here; wait a little and try again');
      }
      if (row === null) {
        await burnPasswordCheck(password);
        await fail('unknown-user', null);
        throw unauthorized(WRONG);
      }
      const ok = await verifyPassword(password, row.password_hash);
      if (!ok || row.disabled !== 0) {
        await fail(ok ? 'disabled' : 'wrong-password', row.id);
        throw unauthorized(WRONG);
      }
      await throttle.succeeded();
      await store.technicians.recordSuccess(row.id);
      const session = await store.sessions.create(row.id, request.ip);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      metrics.logins.inc({ result: 'ok' });
      await store.audit.record(
        { actor: { kind: 'technician', id: row.id, name: row.display_name }, action: 'session.login', target: { kind: 'session', id: row.id }, ip: request.ip },
        now,
      );
      const fresh = (await store.technicians.byId(row.id)) ?? row;
      return { technician: toTechnician(fresh), sessionExpiresAt: new Date(session.expiresAt).toISOString() };
    },
  );

  await app.register(async (authed) => {
    authed.addHook('onRequest', sessionHook(store, null));

    authed.post('/logout', { schema: { response: { 200: OkResponseSchema } } }, async (request, reply) => {
      const t = requireTechnicianContext(request.technician);
      await store.sessions.destroy(t.sessionHash);
      reply.clearCookie(CONSOLE_SESSION_COOKIE, { path: '/' });
      await store.audit.record(
        { actor: { kind: 'technician', id: t.id, name: t.displayName }, action: 'session.logout', target: { kind: 'session', id: t.id }, ip: request.ip },
        store.clock(),
      );
      return { ok: true as const };
    });

    authed.get('/me', { schema: { response: { 200: MeResponseSchema } } }, async (request) => {
      const t = requireTechnicianContext(request.technician);
      const row = await store.technicians.byId(t.id);
      if (row === null) throw unauthorized();
      return { technician: toTechnician(row), sessionExpiresAt: new Date(t.sessionExpiresAt).toISOString() };
    });
  });
};
