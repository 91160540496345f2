import type { GlpiForwardingStatus, GlpiForwardingUpdate, GlpiForwardingView } from '@deskside/shared';
import { sql, type Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { count, isoOrNull, json } from './values.js';

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

/** One device whose newest stored inventory GLPI has not accepted yet, and is due for an attempt. */
export interface DueForward {
  readonly deviceId: string;
  /** The stored inventory's received_at: what `sent_version` becomes once GLPI accepts it. */
  readonly version: number;
  readonly attempts: number;
}

/** The first retry after a minute, doubling up to six hours: a GLPI down for a weekend is not hammered. */
export function retryDelayMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export class GlpiForwardsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
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
      await this.db.updateTable('glpi_forwards').set({ next_attempt_at: 0, attempts: 0 }).execute();
    }
    return this.view();
  }

  async status(): Promise<GlpiForwardingStatus> {
    const [row, pending] = await Promise.all([
      this.db.selectFrom('settings').select('value').where('key', '=', STATUS_KEY).executeTakeFirst(),
      this.db
        .selectFrom('device_inventories as i')
        .leftJoin('glpi_forwards as f', 'f.device_id', 'i.device_id')
        .select([sql<number>`count(*)`.as('pending'), sql<number>`sum(case when f.attempts > 0 then 1 else 0 end)`.as('failing')])
        .where((eb) => eb.or([eb('f.sent_version', 'is', null), eb('f.sent_version', '<', eb.ref('i.received_at'))]))
        .executeTakeFirstOrThrow(),
    ]);
    const stored: StoredStatus = row === undefined ? { lastSuccessAt: null, lastErrorAt: null, lastError: null } : (JSON.parse(row.value) as StoredStatus);
    return {
      lastSuccessAt: isoOrNull(stored.lastSuccessAt),
      lastErrorAt: isoOrNull(stored.lastErrorAt),
      lastError: stored.lastError,
      pending: count(pending.pending),
      failing: count(pending.failing),
    };
  }

  /** Devices whose stored inventory is newer than what GLPI accepted, due now, oldest first. */
  async due(limit: number): Promise<DueForward[]> {
    const rows = await this.db
      .selectFrom('device_inventories as i')
      .leftJoin('glpi_forwards as f', 'f.device_id', 'i.device_id')
      .select(['i.device_id as deviceId', 'i.received_at as version', 'f.attempts as attempts'])
      .where((eb) => eb.or([eb('f.sent_version', 'is', null), eb('f.sent_version', '<', eb.ref('i.received_at'))]))
      .where((eb) => eb.or([eb('f.next_attempt_at', 'is', null), eb('f.next_attempt_at', '<=', this.clock())]))
      .orderBy('i.received_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ deviceId: r.deviceId, version: Number(r.version), attempts: r.attempts ?? 0 }));
  }

  /**
   * GLPI accepted `version`. Never moves backwards: a slower attempt of an older version finishing
   * after a newer one cannot make the newer one look unsent.
   */
  async sent(deviceId: string, version: number): Promise<void> {
    const now = this.clock();
    await this.db
      .insertInto('glpi_forwards')
      .values({ device_id: deviceId, sent_version: version, attempts: 0, next_attempt_at: 0, last_attempt_at: now, last_error: null })
      .onConflict((oc) =>
        oc.column('device_id').doUpdateSet({
          sent_version: sql<number>`case when glpi_forwards.sent_version is null or glpi_forwards.sent_version < ${version} then ${version} else glpi_forwards.sent_version end`,
          attempts: 0,
          next_attempt_at: 0,
          last_attempt_at: now,
          last_error: null,
        }),
      )
      .execute();
    await this.saveStatus({ lastSuccessAt: now });
  }

  /** An attempt failed: the device waits a growing delay before the next one. */
  async failed(deviceId: string, attempts: number, error: string): Promise<void> {
    const now = this.clock();
    const next = now + retryDelayMs(attempts);
    const message = error.slice(0, 1024);
    await this.db
      .insertInto('glpi_forwards')
      .values({ device_id: deviceId, sent_version: null, attempts, next_attempt_at: next, last_attempt_at: now, last_error: message })
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ attempts, next_attempt_at: next, last_attempt_at: now, last_error: message }))
      .execute();
    await this.saveStatus({ lastErrorAt: now, lastError: message });
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
