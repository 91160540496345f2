import { z } from 'zod';

import { maybeDateTime, maybeText, nonNegativeInt } from './limits.js';

/**
 * The server's forwarding of each device's inventory to a GLPI server's native inventory endpoint
 * (GLPI 10+: `https://glpi.example/front/inventory.php`, or the GLPI Inventory plugin's
 * `https://glpi.example/marketplace/glpiinventory/`). Credentials go in, never come back out.
 */

const NO_CREDENTIALS_IN_URL = 'put the user name and password in their own fields, not in the URL';

export const GlpiUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL of GLPI\'s inventory endpoint, e.g. https://glpi.example/front/inventory.php')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, NO_CREDENTIALS_IN_URL);

/** What an administrator sends. `password` left out keeps the stored one; null removes it. */
export const GlpiForwardingUpdateSchema = z
  .strictObject({
    enabled: z.boolean(),
    url: GlpiUrlSchema.nullable(),
    /** HTTP basic authentication, as GLPI's inventory configuration ("Authorization header") asks for it. */
    username: z.string().trim().max(256).nullable(),
    password: z.string().max(1024).nullable().optional(),
    /** zlib-compress the body (`Content-Type: application/x-compress-zlib`), as GLPI agents may. */
    compress: z.boolean(),
    /** The inventory tag GLPI's rules can route entities on. */
    tag: z.string().trim().max(128).nullable(),
  })
  .refine((s) => !s.enabled || (s.url !== null && s.url !== ''), { message: 'forwarding needs the URL of GLPI\'s inventory endpoint', path: ['url'] })
  .refine((s) => s.password === undefined || s.password === null || (s.username !== null && s.username !== ''), {
    message: 'a password needs a user name',
    path: ['username'],
  });
export type GlpiForwardingUpdate = z.infer<typeof GlpiForwardingUpdateSchema>;

export const GlpiForwardingStatusSchema = z.strictObject({
  /** When GLPI last accepted an inventory. */
  lastSuccessAt: maybeDateTime,
  lastErrorAt: maybeDateTime,
  /** GLPI's answer or the connection's failure, for the administrator; never carries credentials. */
  lastError: maybeText(1024),
  /** Inventories waiting to be sent (each device's newest only is sent). */
  pending: nonNegativeInt,
  /** Of those, the inventories whose last attempt failed (they are retried with a growing delay). */
  failing: nonNegativeInt,
  /** Inventories GLPI refused for good (it answered 400: the document itself): not retried. */
  dead: nonNegativeInt,
});
export type GlpiForwardingStatus = z.infer<typeof GlpiForwardingStatusSchema>;

/** What the console shows: the settings without the password, and how forwarding is going. */
export const GlpiForwardingViewSchema = z.strictObject({
  enabled: z.boolean(),
  url: maybeText(2048),
  username: maybeText(256),
  passwordSet: z.boolean(),
  compress: z.boolean(),
  tag: maybeText(128),
  updatedAt: maybeDateTime,
  updatedBy: maybeText(),
  status: GlpiForwardingStatusSchema,
});
export type GlpiForwardingView = z.infer<typeof GlpiForwardingViewSchema>;
