import { z } from 'zod';

import { isoDateTime, maybeDateTime, maybeText, text, uuid } from './limits.js';

/**
 * API tokens let scripts and reporting tools call the console API without a browser session. They
 * are sent as `Authorization: Bearer dsk_…`; the prefix lets secret scanners recognise a leaked one.
 * A token acts as the technician who owns it, so that technician's role caps what it may do, and a
 * `read` token is further refused on every route that changes something.
 */
export const API_TOKEN_PREFIX = 'dsk_';
export const API_TOKEN_SCOPES = ['read', 'read-write'] as const;
export const ApiTokenScopeSchema = z.enum(API_TOKEN_SCOPES);
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>;

export const ApiTokenSchema = z.strictObject({
  id: uuid,
  name: text(),
  scope: ApiTokenScopeSchema,
  technician: z.strictObject({ id: uuid, username: text(64), displayName: text() }),
  /** The first characters of the token, enough to tell which one a script uses; never the secret. */
  hint: text(16),
  createdAt: isoDateTime,
  createdBy: maybeText(),
  expiresAt: maybeDateTime,
  lastUsedAt: maybeDateTime,
  lastUsedIp: maybeText(64),
  revokedAt: maybeDateTime,
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokenListSchema = z.strictObject({ items: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

export const ApiTokenCreateSchema = z.strictObject({
  name: text(),
  technicianId: uuid,
  scope: ApiTokenScopeSchema,
  /** Optional end of validity; must lie in the future. */
  expiresAt: isoDateTime.nullable().default(null),
});
export type ApiTokenCreate = z.input<typeof ApiTokenCreateSchema>;

/** The only answer that carries the token itself: it is shown once and cannot be read back. */
export const ApiTokenCreatedSchema = z.strictObject({ token: z.string().startsWith(API_TOKEN_PREFIX), apiToken: ApiTokenSchema });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;
