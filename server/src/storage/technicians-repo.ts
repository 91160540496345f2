import { randomUUID } from 'node:crypto';

import type { Role, Technician } from '@deskside/shared';
import type { Kysely } from 'kysely';

import { hashPassword } from '../auth/passwords.js';
import type { Clock } from './clock.js';
import type { Database, TechniciansTable } from './tables.js';
import { bit, bool, iso, isoOrNull } from './values.js';

export const toTechnician = (r: TechniciansTable): Technician => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  disabled: bool(r.disabled),
  createdAt: iso(r.created_at),
  lastLoginAt: isoOrNull(r.last_login_at),
  email: r.email,
});

/** Not a scrypt hash, so `verifyPassword` refuses every password for it. */
const DIRECTORY_ONLY = 'directory-only';

export class DuplicateUsernameError extends Error {
  constructor(username: string) {
    super(`a technician named "${username}" already exists`);
  }
}

export class TechniciansRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async count(): Promise<number> {
    const r = await this.db.selectFrom('technicians').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async create(input: { username: string; displayName: string; password: string; role: Role; email?: string | null | undefined }): Promise<Technician> {
    const existing = await this.byUsername(input.username);
    if (existing !== null) throw new DuplicateUsernameError(input.username);
    const row: TechniciansTable = {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: await hashPassword(input.password),
      disabled: 0,
      created_at: this.clock(),
      last_login_at: null,
      failed_logins: 0,
      locked_until: null,
      email: input.email ?? null,
      mail_notifications: null,
    };
    await this.db.insertInto('technicians').values(row).execute();
    return toTechnician(row);
  }

  /**
   * A technician who signs in through a directory (OpenID Connect, LDAP). The password hash is a marker
   * no password matches, so the account has no local password until an administrator sets one.
   */
  async createFromDirectory(input: { username: string; displayName: string; role: Role; email?: string | null }): Promise<TechniciansTable> {
    if ((await this.byUsername(input.username)) !== null) throw new DuplicateUsernameError(input.username);
    const row: TechniciansTable = {
      id: randomUUID(),
      username: input.username.toLowerCase(),
      display_name: input.displayName,
      role: input.role,
      password_hash: DIRECTORY_ONLY,
      disabled: 0,
      created_at: this.clock(),
      last_login_at: null,
      failed_logins: 0,
      locked_until: null,
      // The directory's address, when it gives one, is where this technician's mail notifications go.
      email: input.email ?? null,
      mail_notifications: null,
    };
    await this.db.insertInto('technicians').values(row).execute();
    return row;
  }

  async byUsername(username: string): Promise<TechniciansTable | null> {
    return (await this.db.selectFrom('technicians').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst()) ?? null;
  }

  async byId(id: string): Promise<TechniciansTable | null> {
    return (await this.db.selectFrom('technicians').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async list(): Promise<Technician[]> {
    const rows = await this.db.selectFrom('technicians').selectAll().orderBy('username').execute();
    return rows.map(toTechnician);
  }

  async update(
    id: string,
    patch: { displayName?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined; email?: string | null | undefined },
  ): Promise<Technician | null> {
    const set: Partial<TechniciansTable> = {};
    if (patch.email !== undefined) set.email = patch.email;
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.disabled !== undefined) set.disabled = bit(patch.disabled);
    if (patch.password !== undefined) {
      set.password_hash = await hashPassword(patch.password);
      set.failed_logins = 0;
      set.locked_until = null;
    }
    await this.db.updateTable('technicians').set(set).where('id', '=', id).execute();
    const row = await this.byId(id);
    return row === null ? null : toTechnician(row);
  }

  /** Their mail address and choices (JSON, see mail/technician-preferences.ts). */
  async setMail(id: string, email: string | null, notifications: string): Promise<void> {
    await this.db.updateTable('technicians').set({ email, mail_notifications: notifications }).where('id', '=', id).execute();
  }

  async countActiveAdmins(): Promise<number> {
    const r = await this.db
      .selectFrom('technicians')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.updateTable('technicians').set({ failed_logins: 0, locked_until: null, last_login_at: this.clock() }).where('id', '=', id).execute();
  }
}
