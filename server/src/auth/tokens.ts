import { createHash, randomBytes } from 'node:crypto';

/**
 * Credentials, enrollment secrets and session ids are 32 random bytes. Only their SHA-256 is stored,
 * so a copy of the database cannot be replayed. The prefix tells a leaked token's kind at a glance
 * (and lets secret scanners match it).
 */
export type TokenKind = 'device' | 'enroll' | 'session';

const PREFIX: Record<TokenKind, string> = { device: 'dsd_', enroll: 'dse_', session: 'dss_' };

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
