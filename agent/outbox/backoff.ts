export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 6 * 60 * 60 * 1000 };

/** Longest Retry-After honoured: a misconfigured server must not park the queue for a month. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniform delay in
 * [0, min(cap, base·2^attempt)], so a fleet that lost the server at once does not return in lockstep.
 * A server's Retry-After wins when it asks for longer.
 */
export function nextDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs: number | null = null): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === null) return jittered;
  return Math.max(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS), jittered);
}
