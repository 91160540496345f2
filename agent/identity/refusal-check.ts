import { ApiRequestError } from '../transport/api-error.js';

/** How long to wait before asking again: long enough for a proxy's or a load balancer's blip to pass. */
export const RECHECK_DELAY_MS = 3_000;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One 401 may come from a proxy, a captive portal or a server restarting behind a load balancer, and
 * clearing the credential on it un-enrolls the device for good (no secret to enroll again). So the
 * refusal counts only when a second authenticated request, made a little later, is refused too.
 * Anything else (accepted, a network failure, a 5xx) means "not confirmed": keep the credential.
 */
export async function refusalConfirmed(probe: () => Promise<unknown>, sleep: (ms: number) => Promise<void> = realSleep, delayMs = RECHECK_DELAY_MS): Promise<boolean> {
  await sleep(delayMs);
  try {
    await probe();
    return false;
  } catch (e) {
    return e instanceof ApiRequestError && e.kind === 'unauthorized';
  }
}
