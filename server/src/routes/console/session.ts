import { CONSOLE_SESSION_COOKIE, LoginRequestSchema, LoginResponseSchema, MeResponseSchema, OkResponseSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { signInFromDirectory } from '../../auth/directory-sign-in.js';
import { ldapAuthenticate } from '../../auth/ldap.js';
import { throttleSignIn } from '../../auth/login-throttle.js';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords.js';
import { sessionHook } from '../../http/console-auth.js';
import { HttpError, badRequest, forbidden, unauthorized } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { toTechnician } from '../../storage/technicians-repo.js';
import type { RouteDeps } from '../deps.js';

const WRONG = 'wrong user name or password';

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
      // Local accounts first: they are the break-glass path and must work while the directory is down.
      const localOk = row === null ? (await burnPasswordCheck(password), false) : await verifyPassword(password, row.password_hash);
      if (localOk && row !== null && row.disabled !== 0) {
        await fail('disabled', row.id);
        throw unauthorized(WRONG);
      }
      let signedIn = localOk ? row : null;
      let via: 'local' | 'ldap' = 'local';
      if (signedIn === null) {
        const { ldap, policy } = await store.sso.settings();
        if (ldap === null || !ldap.enabled) {
          await fail(row === null ? 'unknown-user' : 'wrong-password', row?.id ?? null);
          throw unauthorized(WRONG);
        }
        const found = await ldapAuthenticate(ldap, username, password);
        if (!found.ok) {
          request.log.info({ reason: found.reason, detail: found.detail }, 'LDAP sign-in refused');
          await fail(found.reason === 'wrong' ? 'wrong-password' : 'directory-unavailable', row?.id ?? null);
          if (found.reason === 'unavailable') throw new HttpError(503, 'unavailable', 'the directory (LDAP) could not be reached; local accounts still work');
          throw unauthorized(WRONG);
        }
        const outcome = await signInFromDirectory(store, policy, found.person, request.ip);
        if (!outcome.ok) {
          metrics.logins.inc({ result: `ldap-${outcome.reason}` });
          throw outcome.reason === 'not-allowed' ? forbidden('your directory account is not in a group that may use Deskside') : unauthorized(WRONG);
        }
        signedIn = outcome.technician;
        via = 'ldap';
      }
      const t = signedIn;
      await throttle.succeeded();
      await store.technicians.recordSuccess(t.id);
      const session = await store.sessions.create(t.id, request.ip);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      metrics.logins.inc({ result: 'ok' });
      await store.audit.record(
        { actor: { kind: 'technician', id: t.id, name: t.display_name }, action: 'session.login', target: { kind: 'session', id: t.id }, ...(via === 'ldap' ? { details: { via } } : {}), ip: request.ip },
        now,
      );
      const fresh = (await store.technicians.byId(t.id)) ?? t;
      return { technician: toTechnician(fresh), sessionExpiresAt: new Date(session.expiresAt).toISOString() };
    },
  );

  await app.register(async (authed) => {
    authed.addHook('onRequest', sessionHook(store, null));

    authed.post('/logout', { schema: { response: { 200: OkResponseSchema } } }, async (request, reply) => {
      const t = requireTechnicianContext(request.technician);
      if (t.via.kind !== 'session') throw badRequest('an API token is not signed out; an administrator revokes it');
      await store.sessions.destroy(t.via.hash);
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
      const expiresAt = t.via.expiresAt;
      return { technician: toTechnician(row), sessionExpiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() };
    });
  });
};
