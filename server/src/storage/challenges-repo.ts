import { randomBytes } from 'node:crypto';

import type { Kysely, Transaction } from 'kysely';

import { hashToken } from '../auth/tokens.js';
import type { Clock } from './clock.js';
import type { Database } from './tables.js';

/** Long enough for a slow TPM signature over a slow link; short enough that a leaked one is stale. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * One-time proof-of-possession challenges, kept in the database so any instance can answer another's
 * (instances share nothing else). A stored, deleted-on-use challenge gives single use for free; a
 * stateless HMAC challenge would still need a table of used ones to stop replays within its lifetime.
 * Only the SHA-256 is stored, like every other token.
 */
export class ChallengesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async issue(): Promise<{ challenge: string; expiresAt: number }> {
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = this.clock() + CHALLENGE_TTL_MS;
    await this.db.insertInto('enroll_challenges').values({ challenge_hash: hashToken(challenge), expires_at: expiresAt }).execute();
    return { challenge, expiresAt };
  }

  /** True once for a live challenge: the delete is the check, so two instances cannot both accept it. */
  async consume(challenge: string, trx: Kysely<Database> | Transaction<Database> = this.db): Promise<boolean> {
    const result = await trx
      .deleteFrom('enroll_challenges')
      .where('challenge_hash', '=', hashToken(challenge))
      .where('expires_at', '>', this.clock())
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('enroll_challenges').where('expires_at', '<=', this.clock()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
