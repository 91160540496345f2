import { API_TOKEN_PREFIX, CONSOLE_CSRF_HEADER, CONSOLE_CSRF_VALUE, CONSOLE_SESSION_COOKIE, type Role } from '@deskside/shared';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

import { looksLikeToken } from '../auth/tokens.js';
import type { Store } from '../storage/store.js';
import { forbidden, unauthorized } from './http-error.js';
import type { TechnicianContext } from './request-context.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes must carry our custom header or a JSON body: neither can be produced by a cross-site form
 * without a CORS preflight we never grant. SameSite=Strict on the cookie is the first line. As a
 * further line, a browser's `Origin` on a write must be this server's own origin (as the request
 * reached it) or one of `publicOrigins` (DESKSIDE_PUBLIC_URL); non-browser clients send none.
 */
export function csrfHook(publicOrigins: readonly string[] = []) {
  return async (request: FastifyRequest): Promise<void> => {
    // A browser never attaches an Authorization header on its own (unlike a cookie), and a cross-site
    // page cannot set one without a preflight we never grant: bearer requests cannot be forged.
    if (!WRITES.has(request.method) || bearerApiToken(request) !== null) return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `${request.protocol}://${request.host}` && !publicOrigins.includes(origin)) {
      throw forbidden('console writes are accepted only from the console itself (Origin does not match)');
    }
    const header = request.headers[CONSOLE_CSRF_HEADER];
    const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (header === CONSOLE_CSRF_VALUE || type === 'application/json') return;
    throw forbidden(`console writes need a JSON body or the ${CONSOLE_CSRF_HEADER}: ${CONSOLE_CSRF_VALUE} header`);
  };
}

/**
 * The API token a script sent as `Authorization: Bearer dsk_…`, or null when the request carries none
 * (device credentials and other schemes are not ours to read here: such a request needs a session).
 */
function bearerApiToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  return token !== undefined && token.startsWith(API_TOKEN_PREFIX) ? token : null;
}

const READS = new Set(['GET', 'HEAD']);

/** API token → its technician, capped by the token's scope; runs before the body is read. */
async function authenticateApiToken(store: Store, request: FastifyRequest, token: string): Promise<TechnicianContext> {
  const resolved = looksLikeToken('api', token) ? await store.apiTokens.resolve(token, request.ip) : null;
  if (resolved === null) throw unauthorized('this API token is not valid (unknown, revoked, expired, or its technician is disabled)');
  if (resolved.scope === 'read' && !READS.has(request.method)) throw forbidden('this API token may only read; an administrator can issue a read-write token');
  const t = resolved.technician;
  return {
    id: t.id,
    username: t.username,
    displayName: t.display_name,
    role: t.role as Role,
    via: { kind: 'api-token', id: resolved.id, name: resolved.name, expiresAt: resolved.expiresAt },
  };
}

/** Session cookie or API token → technician; runs before the body is read. */
export function sessionHook(store: Store, role: Role | null) {
  return async (request: FastifyRequest): Promise<void> => {
    const bearer = bearerApiToken(request);
    if (bearer !== null) {
      const t = await authenticateApiToken(store, request, bearer);
      if (role === 'admin' && t.role !== 'admin') throw forbidden('this needs an administrator (the API token acts as a technician who is not one)');
      request.technician = t;
      return;
    }
    const token = request.cookies[CONSOLE_SESSION_COOKIE];
    if (token === undefined || !looksLikeToken('session', token)) throw unauthorized('sign in first');
    const session = await store.sessions.resolve(token);
    if (session === null) throw unauthorized('your session has ended; sign in again');
    const t = session.technician;
    if (role === 'admin' && t.role !== 'admin') throw forbidden('this needs an administrator');
    request.technician = {
      id: t.id,
      username: t.username,
      displayName: t.display_name,
      role: t.role as Role,
      via: { kind: 'session', hash: session.tokenHash, expiresAt: session.expiresAt },
    };
  };
}
