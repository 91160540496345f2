import type { Kysely, Transaction } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';

/** Settings rows: the URL (without password) and From address, and the password in a row of its own. */
type Db = Kysely<Database> | Transaction<Database>;

const MAIL_KEY = 'mail';
const MAIL_SECRET_KEY = 'mail-secret';

export interface StoredMailSettings {
  /** Without a password. */
  readonly smtpUrl: string;
  readonly from: string;
  /** Whether a password is stored; the password itself is read only by `password()`. */
  readonly passwordSet: boolean;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
}

export interface MailSettingsChange {
  readonly smtpUrl: string;
  readonly from: string;
  /** A new password; null removes it; absent keeps the stored one. */
  readonly password?: string | null;
}

/**
 * The SMTP settings an admin enters in the console (the environment's, when set, win over them). The
 * password must be usable to sign in, so it is stored as given, in its own row that no view reads: it is
 * never sent back to a browser nor written to the audit log or the server's log.
 */
export class MailSettingsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** `db`: the caller's transaction, when it is inside one (SQLite has one connection). */
  async get(db: Db = this.db): Promise<StoredMailSettings | null> {
    const rows = await db.selectFrom('settings').select(['key', 'value', 'updated_at', 'updated_by']).where('key', 'in', [MAIL_KEY, MAIL_SECRET_KEY]).execute();
    const main = rows.find((r) => r.key === MAIL_KEY);
    if (main === undefined) return null;
    const value = JSON.parse(main.value) as { smtpUrl: string; from: string };
    return { smtpUrl: value.smtpUrl, from: value.from, passwordSet: rows.some((r) => r.key === MAIL_SECRET_KEY), updatedAt: Number(main.updated_at), updatedBy: main.updated_by };
  }

  async password(db: Db = this.db): Promise<string | null> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', MAIL_SECRET_KEY).executeTakeFirst();
    return row?.value ?? null;
  }

  async set(change: MailSettingsChange, by: string): Promise<void> {
    const now = this.clock();
    const value = JSON.stringify({ smtpUrl: change.smtpUrl, from: change.from });
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: MAIL_KEY, value, updated_at: now, updated_by: by })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
        .execute();
      if (change.password === null) await trx.deleteFrom('settings').where('key', '=', MAIL_SECRET_KEY).execute();
      if (typeof change.password === 'string') {
        const secret = change.password;
        await trx
          .insertInto('settings')
          .values({ key: MAIL_SECRET_KEY, value: secret, updated_at: now, updated_by: by })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: secret, updated_at: now, updated_by: by }))
          .execute();
      }
    });
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('settings').where('key', 'in', [MAIL_KEY, MAIL_SECRET_KEY]).execute();
  }
}
