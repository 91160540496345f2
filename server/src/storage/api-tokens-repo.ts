import { randomUUID } from 'node:crypto';

import type { ApiToken, ApiTokenScope } from '@deskside/shared';
import type { Kysely } from 'kysely';

import { hashToken, newToken } from '../auth/tokens.js';
import type { Clock } from './clock.js';
import type { ApiTokensTable, Database, TechniciansTable } from './tables.js';
import { iso, isoOrNull } from './values.js';

/** last_used is written at most this often, so a busy script does not turn every read into a write. */
const TOUCH_EVERY_MS = 60_000;
const HINT_LENGTH = 10;

type Row = ApiTokensTable & { username: string; display_name: string };

const toApiToken = (r: Row): ApiToken => ({
  id: r.id,
  name: r.name,
  scope: r.scope as ApiTokenScope,
  technician: { id: r.technician_id, username: r.username, displayName: r.display_name },
  hint: r.hint,
  createdAt: iso(r.created_at),
  createdBy: r.created_by,
  expiresAt: isoOrNull(r.expires_at),
  lastUsedAt: isoOrNull(r.last_used_at),
  lastUsedIp: r.last_used_ip,
  revokedAt: isoOrNull(r.revoked_at),
});

export interface ResolvedApiToken {
  readonly id: string;
  readonly name: string;
  readonly scope: ApiTokenScope;
  readonly expiresAt: number | null;
  readonly technician: TechniciansTable;
}

export class ApiTokensRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private select() {
    return this.db.selectFrom('api_tokens').innerJoin('technicians', 'technicians.id', 'api_tokens.technician_id').selectAll('api_tokens').select(['technicians.username', 'technicians.display_name']);
  }

  async list(): Promise<ApiToken[]> {
    return (await this.select().orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute()).map(toApiToken);
  }

  async get(id: string): Promise<ApiToken | null> {
    const r = await this.select().where('api_tokens.id', '=', id).executeTakeFirst();
    return r === undefined ? null : toApiToken(r);
  }

  /** Returns the token itself once; only its hash is kept. */
  async create(input: { name: string; technicianId: string; scope: ApiTokenScope; expiresAt: number | null; createdBy: string | null }): Promise<{ token: string; apiToken: ApiToken }> {
    const token = newToken('api');
    const id = randomUUID();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        token_hash: hashToken(token),
        hint: token.slice(0, HINT_LENGTH),
        name: input.name,
        scope: input.scope,
        technician_id: input.technicianId,
        created_by: input.createdBy,
        created_at: this.clock(),
        expires_at: input.expiresAt,
        last_used_at: null,
        last_used_ip: null,
        revoked_at: null,
      })
      .execute();
    const apiToken = await this.get(id);
    if (apiToken === null) throw new Error('api token vanished after insert');
    return { token, apiToken };
  }

  async revoke(id: string): Promise<ApiToken | null> {
    await this.db.updateTable('api_tokens').set({ revoked_at: this.clock() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    return this.get(id);
  }

  /** The token's owner and scope if it is live (not revoked, not expired, owner enabled); notes its use. */
  async resolve(token: string, ip: string | null): Promise<ResolvedApiToken | null> {
    const now = this.clock();
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('technicians', 'technicians.id', 'api_tokens.technician_id')
      .selectAll('technicians')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.name as token_name',
        'api_tokens.scope as token_scope',
        'api_tokens.expires_at as token_expires_at',
        'api_tokens.revoked_at as token_revoked_at',
        'api_tokens.last_used_at as token_last_used_at',
        'api_tokens.last_used_ip as token_last_used_ip',
      ])
      .where('api_tokens.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (row === undefined) return null;
    const { token_id: id, token_name: name, token_scope: scope, token_expires_at: expiresAt, token_revoked_at: revokedAt, token_last_used_at: lastUsed, token_last_used_ip: lastIp, ...technician } = row;
    if (revokedAt !== null || (expiresAt !== null && expiresAt <= now) || technician.disabled !== 0) return null;
    if (lastUsed === null || now - lastUsed > TOUCH_EVERY_MS || lastIp !== ip) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now, last_used_ip: ip }).where('id', '=', id).execute();
    }
    return { id, name, scope: scope as ApiTokenScope, expiresAt, technician };
  }
}
