import { randomUUID } from 'node:crypto';

import type { EnrollSecret } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import { hashToken, newToken } from '../auth/tokens.js';
import type { Clock } from './clock.js';
import type { Database, EnrollSecretsTable } from './tables.js';
import { iso, isoOrNull } from './values.js';

const DAY_MS = 86_400_000;

export function secretState(r: EnrollSecretsTable, now: number): EnrollSecret['state'] {
  if (r.revoked_at !== null) return 'revoked';
  if (r.expires_at !== null && r.expires_at <= now) return 'expired';
  if (r.max_uses !== null && r.uses >= r.max_uses) return 'used-up';
  return 'active';
}

export class EnrollSecretsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private view(r: EnrollSecretsTable): EnrollSecret {
    return {
      id: r.id,
      label: r.label,
      prefix: r.prefix,
      state: secretState(r, this.clock()),
      createdAt: iso(r.created_at),
      createdBy: r.created_by,
      expiresAt: isoOrNull(r.expires_at),
      revokedAt: isoOrNull(r.revoked_at),
      maxUses: r.max_uses,
      uses: r.uses,
      lastUsedAt: isoOrNull(r.last_used_at),
    };
  }

  /** Returns the secret's value once; only its hash is kept. */
  async create(input: { label: string; expiresInDays?: number | undefined; maxUses?: number | undefined; createdBy: string | null }): Promise<{ secret: EnrollSecret; value: string }> {
    const value = newToken('enroll');
    const now = this.clock();
    const row: EnrollSecretsTable = {
      id: randomUUID(),
      label: input.label,
      prefix: value.slice(0, 12),
      secret_hash: hashToken(value),
      created_at: now,
      created_by: input.createdBy,
      expires_at: input.expiresInDays === undefined ? null : now + input.expiresInDays * DAY_MS,
      revoked_at: null,
      max_uses: input.maxUses ?? null,
      uses: 0,
      last_used_at: null,
    };
    await this.db.insertInto('enroll_secrets').values(row).execute();
    return { secret: this.view(row), value };
  }

  async list(): Promise<EnrollSecret[]> {
    const rows = await this.db.selectFrom('enroll_secrets').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((r) => this.view(r));
  }

  async get(id: string): Promise<EnrollSecret | null> {
    const row = await this.db.selectFrom('enroll_secrets').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : this.view(row);
  }

  async revoke(id: string): Promise<EnrollSecret | null> {
    await this.db.updateTable('enroll_secrets').set({ revoked_at: this.clock() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    return this.get(id);
  }

  /**
   * Consumes one use of an active secret inside the enrollment transaction; null when not usable.
   * One conditional UPDATE decides, so two instances enrolling at once cannot both take the last use.
   */
  async consume(trx: Transaction<Database>, value: string): Promise<EnrollSecretsTable | null> {
    const now = this.clock();
    const row = await trx
      .updateTable('enroll_secrets')
      .set((eb) => ({ uses: eb('uses', '+', 1), last_used_at: now }))
      .where('secret_hash', '=', hashToken(value))
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }
}
