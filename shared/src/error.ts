import { z } from 'zod';

import { LIMITS } from './limits.js';

/** The one error body every 4xx and 5xx response uses. */
export const ApiErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().min(1).max(64),
    message: z.string().min(1).max(LIMITS.mediumText),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Stable machine-readable codes; clients branch on these, never on message text. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  /** A reply to a ticket a technician closed: the agent keeps it and tells the user to file a new ticket. */
  'ticket_closed',
  /** "Did this fix it?" answered on a ticket that is not resolved (a technician reopened it meanwhile). */
  'ticket_not_resolved',
  /** A rating for a ticket that is not closed yet. */
  'ticket_not_closed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'locked',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function apiError(code: ErrorCode, message: string, details?: unknown): ApiError {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}
