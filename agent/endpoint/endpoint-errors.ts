import type { EndpointError } from './endpoint-protocol.js';

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** HTTP status and code per error the core raises; the client raises an error of the same name again. */
const BY_NAME: Readonly<Record<string, { status: number; code: string }>> = {
  ForbiddenError: { status: 403, code: 'forbidden' },
  NotFoundError: { status: 404, code: 'not-found' },
  TicketFileNotFoundError: { status: 404, code: 'not-found' },
  NotEnrolledError: { status: 409, code: 'not-enrolled' },
  TicketValidationError: { status: 400, code: 'invalid-ticket' },
  AttachmentRejectedError: { status: 400, code: 'attachment-rejected' },
  TicketNotSavedError: { status: 507, code: 'not-saved' },
  ZodError: { status: 400, code: 'invalid-request' },
  InvalidRequestError: { status: 400, code: 'invalid-request' },
  UserScopeRejectedError: { status: 400, code: 'invalid-report' },
  TransportError: { status: 502, code: 'server-unreachable' },
};

export function endpointErrorOf(e: unknown): EndpointError {
  const err = e instanceof Error ? e : new Error(String(e));
  const known = BY_NAME[err.name] ?? { status: 500, code: 'failed' };
  const draft = (err as Error & { draft?: unknown }).draft;
  return { status: known.status, code: known.code, name: err.name, message: err.message, ...(draft !== undefined ? { draft } : {}) };
}
