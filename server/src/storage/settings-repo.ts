import { PushedSettingsSchema, type FleetSettings, type PushedSettings } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { isoOrNull, json } from './values.js';

const FLEET_KEY = 'fleet';
/** How long an instance trusts its cached copy: check-ins are hot, settings change rarely. */
const CACHE_MS = 5_000;

export class SettingsRepo {
  private cached: { value: PushedSettings; at: number } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async fleet(): Promise<FleetSettings> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', FLEET_KEY).executeTakeFirst();
    if (row === undefined) return { settings: {}, updatedAt: null, updatedBy: null };
    // Parsed through the schema: a hand-edited row must not push nonsense to every device.
    const parsed = PushedSettingsSchema.safeParse(JSON.parse(row.value));
    return { settings: parsed.success ? parsed.data : {}, updatedAt: isoOrNull(row.updated_at), updatedBy: row.updated_by };
  }

  async pushed(): Promise<PushedSettings> {
    const now = this.clock();
    if (this.cached !== null && now - this.cached.at < CACHE_MS) return this.cached.value;
    const value = (await this.fleet()).settings;
    this.cached = { value, at: now };
    return value;
  }

  async setFleet(settings: PushedSettings, by: string): Promise<FleetSettings> {
    const now = this.clock();
    const value = json(settings);
    await this.db
      .insertInto('settings')
      .values({ key: FLEET_KEY, value, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
      .execute();
    this.cached = null;
    return this.fleet();
  }
}
