import { CONSOLE_CSRF_HEADER, CONSOLE_CSRF_VALUE, CONSOLE_SESSION_COOKIE, type Role } from '@deskside/shared';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

import { looksLikeToken } from '../auth/tokens.js';
import type { Store } from '../storage/store.js';
import { forbidden, unauthorized } from './http-error.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes must carry our custom header or a JSON body: neither can be produced by a cross-site form
 * without a CORS preflight we never grant. SameSite=Strict on the cookie is the first line. As a
 * further line, a browser's `Origin` on a write must be this server's own origin (as the request
 * reached it) or one of `publicOrigins` (DESKSIDE_PUBLIC_URL); non-browser clients send none.
 */
export function csrfHook(publicOrigins: readonly string[] = []) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!WRITES.has(request.method)) return;
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

/** Session cookie → technician; runs before the body is read. */
export function sessionHook(store: Store, role: Role | null) {
  return async (request: FastifyRequest): Promise<void> => {
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
      sessionHash: session.tokenHash,
      sessionExpiresAt: session.expiresAt,
    };
  };
}
