/**
 * Waits before each retry of a failed delivery: quick at first (a receiver restarting), then spaced
 * out over about a day (a receiver down for maintenance). After the last one the delivery is `failed`
 * and stays in the log for an administrator to redeliver.
 */
export const RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

/** Attempts in all: the first one and one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When the next attempt is due after `attempts` failed ones, or null when none is left. */
export function nextAttemptAt(attempts: number, now: number): number | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : now + delay;
}
