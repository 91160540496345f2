/** How long to wait before attempt n+1 after attempt n failed. */
export interface BackoffPolicy {
  /** The wait after the first failure, before jitter. */
  readonly baseMs: number;
  /** The longest wait, however many failures. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 6 * 3_600_000 };

/**
 * Exponential backoff with jitter: the wait doubles with each failure up to `maxMs`, and a random half
 * of it is taken off, so jobs that failed together (the mail server was down) do not all come back in
 * the same second. `random` returns [0, 1).
 */
export function retryDelay(failedAttempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
