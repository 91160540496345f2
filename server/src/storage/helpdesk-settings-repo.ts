import { DEFAULT_HELPDESK_SETTINGS, HelpdeskSettingsSchema, type HelpdeskSettings, type HelpdeskSettingsView } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { isoOrNull, json } from './values.js';

const HELPDESK_KEY = 'helpdesk';

/** The server's own helpdesk settings (auto-close…): kept apart from the fleet settings pushed to devices. */
export class HelpdeskSettingsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<HelpdeskSettingsView> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', HELPDESK_KEY).executeTakeFirst();
    if (row === undefined) return { ...DEFAULT_HELPDESK_SETTINGS, updatedAt: null, updatedBy: null };
    // A hand-edited row that no longer parses falls back to the defaults rather than closing tickets oddly.
    const parsed = HelpdeskSettingsSchema.safeParse(JSON.parse(row.value));
    return { ...(parsed.success ? parsed.data : DEFAULT_HELPDESK_SETTINGS), updatedAt: isoOrNull(row.updated_at), updatedBy: row.updated_by };
  }

  async set(settings: HelpdeskSettings, by: string): Promise<HelpdeskSettingsView> {
    const now = this.clock();
    const value = json(settings);
    await this.db
      .insertInto('settings')
      .values({ key: HELPDESK_KEY, value, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
      .execute();
    return this.get();
  }
}
