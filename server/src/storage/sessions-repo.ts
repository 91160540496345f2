import type { Kysely } from 'kysely';

import { hashToken, newToken } from '../auth/tokens.js';
import type { Clock } from './clock.js';
import type { Database, TechniciansTable } from './tables.js';

/** Sessions end 12 hours after login, or after 2 idle hours, whichever comes first. */
export const SESSION_TTL_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** last_seen is written at most this often, so reads do not turn every request into a write. */
const TOUCH_EVERY_MS = 60_000;

export interface ActiveSession {
  readonly tokenHash: string;
  readonly technician: TechniciansTable;
  readonly expiresAt: number;
}

export class SessionsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(technicianId: string, ip: string | null): Promise<{ token: string; expiresAt: number }> {
    const token = newToken('session');
    const now = this.clock();
    const expiresAt = now + SESSION_TTL_MS;
    await this.db.insertInto('sessions').values({ token_hash: hashToken(token), technician_id: technicianId, created_at: now, expires_at: expiresAt, last_seen_at: now, ip }).execute();
    // Expired rows are swept on login rather than by a timer, so every instance stays stateless.
    await this.db.deleteFrom('sessions').where('expires_at', '<', now - SESSION_TTL_MS).execute();
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<ActiveSession | null> {
    const now = this.clock();
    const tokenHash = hashToken(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('technicians', 'technicians.id', 'sessions.technician_id')
      .selectAll('technicians')
      .select(['sessions.expires_at as session_expires_at', 'sessions.last_seen_at as session_last_seen_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (row === undefined) return null;
    const { session_expires_at: expiresAt, session_last_seen_at: lastSeen, ...technician } = row;
    if (expiresAt <= now || now - lastSeen > SESSION_IDLE_MS || technician.disabled !== 0) {
      await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      return null;
    }
    if (now - lastSeen > TOUCH_EVERY_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    }
    return { tokenHash, technician, expiresAt };
  }

  async destroy(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async destroyAllFor(technicianId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('technician_id', '=', technicianId).execute();
  }
}
