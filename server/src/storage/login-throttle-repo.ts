import { sql, type Kysely } from 'kysely';

import type { Database } from './tables.js';

/**
 * Counters behind sign-in throttling. Each change is one statement (an upsert with RETURNING, or an
 * UPDATE), so concurrent requests, on one instance or several sharing the database, each see their
 * own count: there is no read-increment-write window to slip parallel guesses through.
 */
export class LoginThrottleRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Counts one attempt for `key` and returns the attempts in its window including this one; a window
   * older than `windowMs` starts over.
   */
  async reserve(key: string, now: number, windowMs: number): Promise<{ attempts: number; windowStart: number }> {
    const expired = now - windowMs;
    const row = await this.db
      .insertInto('login_throttle')
      .values({ key, attempts: 1, window_start: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          attempts: sql<number>`case when login_throttle.window_start <= ${expired} then 1 else login_throttle.attempts + 1 end`,
          window_start: sql<number>`case when login_throttle.window_start <= ${expired} then ${now} else login_throttle.window_start end`,
        }),
      )
      .returning(['attempts', 'window_start'])
      .executeTakeFirstOrThrow();
    return { attempts: Number(row.attempts), windowStart: Number(row.window_start) };
  }

  /** Gives back an attempt that turned out to be the right password. */
  async release(key: string): Promise<void> {
    await this.db
      .updateTable('login_throttle')
      .set({ attempts: sql<number>`case when attempts > 0 then attempts - 1 else 0 end` })
      .where('key', '=', key)
      .execute();
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }

  /** Housekeeping: windows that ended before `before` hold nothing worth keeping. */
  async purge(before: number): Promise<number> {
    const res = await this.db.deleteFrom('login_throttle').where('window_start', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
