import type { LoginThrottleRepo } from '../storage/login-throttle-repo.js';

/**
 * Sign-in throttling that slows a guesser without handing anyone a way to lock the real user out.
 *  - per account *and* source: a few tries, then this source waits for this account;
 *  - per source: a guesser spraying many names from one address waits for all of them;
 *  - per account from everywhere: under a distributed attack, sources that already failed on this
 *    account wait, while a source with a clean record for it (the user at their desk) still signs in.
 * Unknown and known names are counted and answered alike, so the answers reveal no names. Each
 * attempt is counted before the password is checked (one atomic statement), so parallel guesses
 * cannot all pass on the same count; a right password gives its attempt back.
 */
export interface ThrottleLimits {
  readonly windowMs: number;
  readonly perAccountSource: number;
  readonly perSource: number;
  readonly perAccount: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { windowMs: 15 * 60_000, perAccountSource: 5, perSource: 30, perAccount: 50 };

export interface ThrottleDecision {
  /** null: go on and check the password; else how many seconds to tell the client to wait. */
  readonly retryAfterSeconds: number | null;
  /** Call after a right password. */
  readonly succeeded: () => Promise<void>;
}

export async function throttleSignIn(repo: LoginThrottleRepo, username: string, ip: string, now: number, limits: ThrottleLimits = DEFAULT_THROTTLE): Promise<ThrottleDecision> {
  const name = username.trim().toLowerCase();
  const keys = { pair: `pair:${name}\n${ip}`, source: `source:${ip}`, account: `account:${name}` };
  const pair = await repo.reserve(keys.pair, now, limits.windowMs);
  const source = await repo.reserve(keys.source, now, limits.windowMs);
  const account = await repo.reserve(keys.account, now, limits.windowMs);
  const waits: number[] = [];
  if (pair.attempts > limits.perAccountSource) waits.push(pair.windowStart);
  if (source.attempts > limits.perSource) waits.push(source.windowStart);
  // A source's first try on this account in the window is never refused for the account's sake.
  if (account.attempts > limits.perAccount && pair.attempts > 1) waits.push(account.windowStart);
  const retryAfterSeconds = waits.length === 0 ? null : Math.max(1, Math.ceil((Math.max(...waits) + limits.windowMs - now) / 1000));
  return {
    retryAfterSeconds,
    succeeded: async () => {
      await repo.clear(keys.pair);
      await repo.release(keys.source);
      await repo.release(keys.account);
    },
  };
}
