import { ApiErrorSchema, type ErrorCode } from '@deskside/shared';

/** A failed request, with the server's stable code so the UI can branch on it and never on text. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'bad_response',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isApiRequestError(err: unknown): err is ApiRequestError {
  return err instanceof ApiRequestError;
}

/** Turns a non-2xx response body into an ApiRequestError; a body that is not our error shape still yields one. */
export function errorFromBody(status: number, body: unknown): ApiRequestError {
  const parsed = ApiErrorSchema.safeParse(body);
  if (parsed.success) {
    return new ApiRequestError(status, parsed.data.error.code as ErrorCode, parsed.data.error.message, parsed.data.error.details);
  }
  return new ApiRequestError(status, status === 401 ? 'unauthorized' : status >= 500 ? 'internal' : 'bad_request', `HTTP ${status}`);
}
