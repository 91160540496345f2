import type { GlpiForwardingStatus, GlpiForwardingUpdate, GlpiForwardingView } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { OutboundQueue } from '../outbound/queue.js';
import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { isoOrNull, json } from './values.js';

const SETTINGS_KEY = 'glpi';
const STATUS_KEY = 'glpi-status';

/** The forwarding settings as the forwarder needs them, password included: never sent to a browser. */
export interface GlpiForwardingConfig {
  readonly enabled: boolean;
  readonly url: string | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly compress: boolean;
  readonly tag: string | null;
}

const DISABLED: GlpiForwardingConfig = { enabled: false, url: null, username: null, password: null, compress: false, tag: null };

interface StoredStatus {
  readonly lastSuccessAt: number | null;
  readonly lastErrorAt: number | null;
  readonly lastError: string | null;
}

/** The outbound queue's kind of the jobs that send one device's inventory to GLPI. */
export const GLPI_INVENTORY_KIND = 'glpi-inventory';

export class GlpiForwardsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly outbound: OutboundQueue,
  ) {}

  async config(): Promise<GlpiForwardingConfig> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
    if (row === undefined) return DISABLED;
    return { ...DISABLED, ...(JSON.parse(row.value) as Partial<GlpiForwardingConfig>) };
  }

  /** The console's view: the settings without the password, and the forwarding's state. */
  async view(): Promise<GlpiForwardingView> {
    const [row, config, status] = await Promise.all([
      this.db.selectFrom('settings').select(['updated_at', 'updated_by']).where('key', '=', SETTINGS_KEY).executeTakeFirst(),
      this.config(),
      this.status(),
    ]);
    return {
      enabled: config.enabled,
      url: config.url,
      username: config.username,
      passwordSet: config.password !== null && config.password !== '',
      compress: config.compress,
      tag: config.tag,
      updatedAt: isoOrNull(row?.updated_at ?? null),
      updatedBy: row?.updated_by ?? null,
      status,
    };
  }

  /** Saves what an administrator sent; a password left out keeps the stored one. */
  async update(update: GlpiForwardingUpdate, by: string): Promise<GlpiForwardingView> {
    const previous = await this.config();
    const username = update.username === '' ? null : update.username;
    const password = update.password === undefined ? previous.password : update.password === '' ? null : update.password;
    const config: GlpiForwardingConfig = {
      enabled: update.enabled,
      url: update.url === '' ? null : update.url,
      username,
      // A password without its user name would never be sent; drop it with the name.
      password: username === null ? null : password,
      compress: update.compress,
      tag: update.tag === '' ? null : update.tag,
    };
    const now = this.clock();
    const value = json(config);
    await this.db
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
      .execute();
    // Another GLPI, other credentials: what failed before may pass now, so nobody waits out a backoff.
    if (previous.url !== config.url || previous.username !== config.username || previous.password !== config.password) {
      await this.db.updateTable('outbound_jobs').set({ next_attempt_at: now, updated_at: now }).where('kind', '=', GLPI_INVENTORY_KIND).where('status', '=', 'failed').execute();
    }
    return this.view();
  }

  async status(): Promise<GlpiForwardingStatus> {
    const [row, counts] = await Promise.all([this.db.selectFrom('settings').select('value').where('key', '=', STATUS_KEY).executeTakeFirst(), this.outbound.counts(GLPI_INVENTORY_KIND)]);
    const stored: StoredStatus = row === undefined ? { lastSuccessAt: null, lastErrorAt: null, lastError: null } : (JSON.parse(row.value) as StoredStatus);
    return {
      lastSuccessAt: isoOrNull(stored.lastSuccessAt),
      lastErrorAt: isoOrNull(stored.lastErrorAt),
      lastError: stored.lastError,
      pending: counts.queued + counts.sending + counts.failed,
      failing: counts.failed,
      dead: counts.dead,
    };
  }

  /** GLPI accepted an inventory. */
  recordSuccess(): Promise<void> {
    return this.saveStatus({ lastSuccessAt: this.clock() });
  }

  /** An attempt failed: what the console shows as the last error (never carries credentials). */
  recordFailure(message: string): Promise<void> {
    return this.saveStatus({ lastErrorAt: this.clock(), lastError: message.slice(0, 1024) });
  }

  private async saveStatus(patch: Partial<StoredStatus>): Promise<void> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', STATUS_KEY).executeTakeFirst();
    const current: StoredStatus = row === undefined ? { lastSuccessAt: null, lastErrorAt: null, lastError: null } : (JSON.parse(row.value) as StoredStatus);
    const value = json({ ...current, ...patch });
    const now = this.clock();
    await this.db
      .insertInto('settings')
      .values({ key: STATUS_KEY, value, updated_at: now, updated_by: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}
