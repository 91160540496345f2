import { CONSOLE_SESSION_COOKIE } from '@deskside/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  reply.setCookie(CONSOLE_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the browser reached us over TLS (directly or through a trusted proxy).
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}
