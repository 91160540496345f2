import { ApiErrorSchema } from '@deskside/shared';

/**
 * How the agent treats an HTTP answer that is not a success:
 * - `unauthorized`: the credential is unknown or revoked (401) → re-enroll or show "not enrolled";
 * - `retryable`: 408, 425, 429 and 5xx → back off (honouring Retry-After) and try again;
 * - `permanent`: any other 4xx → keep the item, report it, stop retrying it.
 */
export type ApiFailureKind = 'unauthorized' | 'retryable' | 'permanent';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ApiFailureKind,
    readonly code: string | null,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function failureKindFor(status: number): ApiFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retryable';
  return 'permanent';
}

/** The server's own error message when it sent one in the ApiError shape, else the status line. */
export function describeErrorBody(status: number, body: Uint8Array): { code: string | null; message: string } {
  try {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(Buffer.from(body).toString('utf8')));
    if (parsed.success) return { code: parsed.data.error.code, message: `${parsed.data.error.message} (HTTP ${status})` };
  } catch {
    // not JSON: a proxy or load balancer answered
  }
  return { code: null, message: `server answered HTTP ${status}` };
}
