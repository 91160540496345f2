import { createHash, randomBytes } from 'node:crypto';

import type { Caller } from './caller.js';

const SESSION_TTL_MS = 12 * 3_600_000;
const MAX_SESSIONS_PER_CALLER = 16;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Bearer tokens the service hands out once a caller proved its account. Only their hashes are kept, in
 * memory: a restart of the service makes every client prove itself again, which costs it one round trip.
 */
export class SessionTable {
  readonly #byHash = new Map<string, { caller: Caller; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(caller: Caller): string {
    this.#sweep();
    const mine = [...this.#byHash.entries()].filter(([, s]) => s.caller.id === caller.id);
    // A client that keeps asking for sessions must not grow memory: the oldest of its sessions ends.
    if (mine.length >= MAX_SESSIONS_PER_CALLER) this.#byHash.delete(mine.sort((a, b) => a[1].expiresAt - b[1].expiresAt)[0]![0]);
    const token = randomBytes(32).toString('base64url');
    this.#byHash.set(digest(token), { caller, expiresAt: this.now() + SESSION_TTL_MS });
    return token;
  }

  /** The caller a token was issued to, extending its life; null when unknown or expired. */
  verify(token: string): Caller | null {
    const key = digest(token);
    const session = this.#byHash.get(key);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.#byHash.delete(key);
      return null;
    }
    session.expiresAt = this.now() + SESSION_TTL_MS;
    return session.caller;
  }

  get size(): number {
    return this.#byHash.size;
  }

  #sweep(): void {
    const now = this.now();
    for (const [key, s] of this.#byHash) if (s.expiresAt <= now) this.#byHash.delete(key);
  }
}
