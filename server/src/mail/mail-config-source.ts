import type { Kysely, Transaction } from 'kysely';

import type { MailSettingsRepo } from '../storage/mail-settings-repo.js';
import type { Database } from '../storage/tables.js';
import { parseSmtpConfig, type MailConfigSource as Source, type SmtpConfig } from './smtp-config.js';

export interface EffectiveMailConfig {
  readonly config: SmtpConfig;
  readonly source: Source;
}

/** Console changes reach every instance within this long. */
const CACHE_MS = 5_000;

/**
 * The SMTP configuration in force: the environment's when DESKSIDE_SMTP_URL is set, else what an admin
 * saved in the console, else none (and then no mail is queued at all). Read again every few seconds, so
 * an admin's change applies on every instance without a restart.
 */
export class MailConfig {
  private cached: { value: EffectiveMailConfig | null; at: number } | null = null;

  constructor(
    private readonly settings: MailSettingsRepo,
    private readonly fromEnvironment: SmtpConfig | null,
    private readonly clock: () => number = Date.now,
  ) {}

  get environment(): SmtpConfig | null {
    return this.fromEnvironment;
  }

  /** `db`: the caller's transaction when inside one (an event's notifications ask whether mail is on). */
  async current(db?: Kysely<Database> | Transaction<Database>): Promise<EffectiveMailConfig | null> {
    if (this.fromEnvironment !== null) return { config: this.fromEnvironment, source: 'environment' };
    const now = this.clock();
    if (this.cached !== null && now - this.cached.at < CACHE_MS && now >= this.cached.at) return this.cached.value;
    const stored = await this.settings.get(db);
    let value: EffectiveMailConfig | null = null;
    if (stored !== null) {
      try {
        value = { config: parseSmtpConfig(stored.smtpUrl, stored.from, await this.settings.password(db)), source: 'console' };
      } catch {
        // Saved settings were checked when saved; a row edited by hand into nonsense means no mail.
        value = null;
      }
    }
    this.cached = { value, at: now };
    return value;
  }

  /** After the console saved new settings on this instance. */
  forget(): void {
    this.cached = null;
  }
}
