import { CONSOLE_API_BASE, SSO_ERROR_PARAM, SignInOptionsSchema, type SsoError } from '@deskside/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { signInFromDirectory } from '../../auth/directory-sign-in.js';
import { OidcRelyingParty, groupsOf } from '../../auth/oidc.js';
import { notFound } from '../../http/http-error.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { SSO_FLOW_TTL_MS } from '../../storage/sso-repo.js';
import type { RouteDeps } from '../deps.js';

const SSO_PATH = `${CONSOLE_API_BASE}/sso`;
const STATE_COOKIE = 'deskside_sso_state';
/** Only a path on this server: never an absolute URL, so the sign-in cannot be turned into an open redirect. */
const ReturnToSchema = z
  .string()
  .max(1024)
  .regex(/^\/(?![/\\])/, 'returnTo is a path on this server, starting with a single /')
  .default('/');
const StartQuerySchema = z.strictObject({ returnTo: ReturnToSchema });
// Providers add their own parameters (session_state, iss, scope…): accept and ignore the rest.
const CallbackQuerySchema = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
});

/**
 * openid-client's message with its causes (the failed check, e.g. `unexpected ID Token "nonce" claim
 * value`) and the provider's OAuth error code and description when it sent them.
 */
function describeOidcError(err: unknown): string {
  const parts: string[] = [];
  let e = err as (Error & { error?: unknown; error_description?: unknown; cause?: unknown }) | undefined;
  for (let depth = 0; e instanceof Error && depth < 4; depth += 1) {
    parts.push([e.message, e.error, e.error_description].filter((x) => typeof x === 'string').join(': '));
    e = e.cause as typeof e;
  }
  return parts.join(' <- ') || String(err);
}

/**
 * OpenID Connect sign-in for technicians. The browser is sent to the provider with a fresh state,
 * nonce and PKCE challenge; the state also rides in a cookie so only the browser that started the
 * sign-in can finish it (no login CSRF). The flow's secrets live in the database, so any instance can
 * take the callback.
 */
export const ssoRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, metrics, rateLimits, publicOrigins }) => {
  const rp = new OidcRelyingParty();
  const limited = { rateLimit: { max: rateLimits.loginPerMinute, timeWindow: '1 minute' } };
  // The address registered at the provider: the public URL when one is configured, else how we were reached.
  const callbackUrl = (request: FastifyRequest) => `${publicOrigins?.[0] ?? `${request.protocol}://${request.host}`}${SSO_PATH}/oidc/callback`;
  const stateCookie = (request: FastifyRequest) => ({
    httpOnly: true,
    // Lax, not Strict: the callback is a top-level navigation coming back from the provider's site.
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    path: SSO_PATH,
  });
  const fail = async (request: FastifyRequest, reply: FastifyReply, error: SsoError, detail: string) => {
    metrics.logins.inc({ result: `sso-${error}` });
    await store.audit.record(
      { actor: { kind: 'system', id: null, name: 'OpenID Connect' }, action: 'session.login-failed', target: { kind: 'session', id: null }, details: { via: 'oidc', reason: error, detail: detail.slice(0, 200) }, ip: request.ip },
      store.clock(),
    );
    reply.clearCookie(STATE_COOKIE, stateCookie(request));
    return reply.redirect(`/?${SSO_ERROR_PARAM}=${error}`, 303);
  };

  app.get('/sign-in/options', { schema: { response: { 200: SignInOptionsSchema } } }, async () => {
    const { oidc: s, ldap } = await store.sso.settings();
    return { oidc: s !== null && s.enabled ? { displayName: s.displayName, startUrl: `${SSO_PATH}/oidc/start` } : null, ldap: ldap !== null && ldap.enabled };
  });

  app.get('/sso/oidc/start', { config: limited, schema: { querystring: StartQuerySchema } }, async (request, reply) => {
    const { oidc: s } = await store.sso.settings();
    if (s === null || !s.enabled) throw notFound('OpenID Connect sign-in (it is not configured)');
    let started;
    try {
      started = await rp.start(s, callbackUrl(request));
    } catch (err) {
      request.log.warn({ err: (err as Error).message }, 'OpenID Connect discovery failed');
      return fail(request, reply, 'failed', `discovery: ${(err as Error).message}`);
    }
    await store.sso.startFlow({ state: started.state, nonce: started.nonce, code_verifier: started.codeVerifier, return_to: request.query.returnTo });
    reply.setCookie(STATE_COOKIE, started.state, { ...stateCookie(request), maxAge: SSO_FLOW_TTL_MS / 1000 });
    return reply.redirect(started.url.href, 302);
  });

  app.get('/sso/oidc/callback', { config: limited, schema: { querystring: CallbackQuerySchema } }, async (request, reply) => {
    const { oidc: s, policy } = await store.sso.settings();
    if (s === null || !s.enabled) return fail(request, reply, 'not-configured', 'callback while OpenID Connect is off');
    const { state, error } = request.query;
    if (error !== undefined) return fail(request, reply, 'failed', `provider: ${error}`);
    const cookie = request.cookies[STATE_COOKIE];
    if (state === undefined || cookie === undefined || cookie !== state) return fail(request, reply, 'state', 'state does not match the one this browser started with');
    const flow = await store.sso.takeFlow(state);
    if (flow === null) return fail(request, reply, 'state', 'unknown, used or expired state');

    let claims: Record<string, unknown>;
    try {
      const url = new URL(callbackUrl(request));
      url.search = new URLSearchParams(request.query as Record<string, string>).toString();
      claims = await rp.finish(s, url, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier });
    } catch (err) {
      const detail = describeOidcError(err);
      request.log.warn({ err: detail }, 'OpenID Connect code exchange refused');
      return fail(request, reply, 'failed', detail);
    }
    const username = claims[s.usernameClaim];
    const name = typeof claims.name === 'string' ? claims.name : '';
    const outcome = await signInFromDirectory(
      store,
      policy,
      { provider: 'oidc', subject: `${s.issuer}#${String(claims.sub)}`, username: typeof username === 'string' ? username : '', displayName: name.slice(0, 256), email: typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.slice(0, 254) : null, groups: groupsOf(claims[s.groupsClaim]) },
      request.ip,
    );
    if (!outcome.ok) return fail(request, reply, outcome.reason, `directory: ${outcome.reason}`);
    const t = outcome.technician;
    await store.technicians.recordSuccess(t.id);
    const session = await store.sessions.create(t.id, request.ip);
    setSessionCookie(request, reply, session.token, session.expiresAt);
    reply.clearCookie(STATE_COOKIE, stateCookie(request));
    metrics.logins.inc({ result: 'ok' });
    await store.audit.record({ actor: { kind: 'technician', id: t.id, name: t.display_name }, action: 'session.login', target: { kind: 'session', id: t.id }, details: { via: 'oidc' }, ip: request.ip }, store.clock());
    return reply.redirect(flow.return_to, 303);
  });
};
