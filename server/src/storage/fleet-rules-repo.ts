import { DEFAULT_FLEET_RULES, FleetRulesSchema, type FleetRules, type FleetRulesView } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { isoOrNull, json } from './values.js';

const FLEET_RULES_KEY = 'fleet-rules';

/** The server's rules for the fleet (stale and retired devices, warranty warnings): never pushed to devices. */
export class FleetRulesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<FleetRulesView> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', FLEET_RULES_KEY).executeTakeFirst();
    if (row === undefined) return { ...DEFAULT_FLEET_RULES, updatedAt: null, updatedBy: null };
    // A hand-edited row that no longer parses falls back to the defaults rather than retiring devices oddly.
    const parsed = FleetRulesSchema.safeParse(JSON.parse(row.value));
    return { ...(parsed.success ? parsed.data : DEFAULT_FLEET_RULES), updatedAt: isoOrNull(row.updated_at), updatedBy: row.updated_by };
  }

  async set(rules: FleetRules, by: string): Promise<FleetRulesView> {
    const now = this.clock();
    const value = json(rules);
    await this.db
      .insertInto('settings')
      .values({ key: FLEET_RULES_KEY, value, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
      .execute();
    return this.get();
  }
}
