import { createHash, randomBytes } from 'node:crypto';

import { API_TOKEN_PREFIX } from '@deskside/shared';

/**
 * Credentials, enrollment secrets, session ids and API tokens are 32 random bytes. Only their SHA-256
 * is stored, so a copy of the database cannot be replayed. A fast hash is enough here, unlike for
 * passwords: with 256 random bits there is nothing to guess, so a slow or salted hash would only add
 * latency to every request (and a server-side key would have to be shared by every instance while
 * protecting nothing a 2^256 search does not already). The prefix tells a leaked token's kind at a glance
 * (and lets secret scanners match it).
 */
export type TokenKind = 'device' | 'enroll' | 'session' | 'api';

const PREFIX: Record<TokenKind, string> = { device: 'dsd_', enroll: 'dse_', session: 'dss_', api: API_TOKEN_PREFIX };

export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup. */
export function looksLikeToken(kind: TokenKind, token: string): boolean {
  return token.length === PREFIX[kind].length + 43 && token.startsWith(PREFIX[kind]) && /^[A-Za-z0-9_-]+$/.test(token.slice(4));
}
