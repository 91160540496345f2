import type { ErrorCode } from '@deskside/shared';

/** An error a route throws on purpose: its status, code and message reach the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on 429/503. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
export const unauthorized = (message = 'authentication required'): HttpError => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed'): HttpError => new HttpError(403, 'forbidden', message);
export const conflict = (message: string): HttpError => new HttpError(409, 'conflict', message);
export const badRequest = (message: string, details?: unknown): HttpError => new HttpError(400, 'validation_failed', message, details);
export const tooLarge = (message: string): HttpError => new HttpError(413, 'payload_too_large', message);
