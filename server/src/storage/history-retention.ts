import type { Kysely } from 'kysely';

import type { Database } from './tables.js';

/**
 * How much inventory history is kept. Age alone does not bound it: a device flipping thousands of
 * package versions writes thousands of rows per upload, so each device also keeps only its newest
 * `maxRowsPerDevice` rows (`DESKSIDE_HISTORY_RETENTION_DAYS`, `DESKSIDE_HISTORY_MAX_ROWS`).
 */
export interface HistoryRetention {
  readonly maxAgeDays: number;
  readonly maxRowsPerDevice: number;
}

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = { maxAgeDays: 365, maxRowsPerDevice: 10_000 };

/** Deletes history past the retention; returns how many rows went. Safe on several instances at once. */
export async function pruneHistory(db: Kysely<Database>, now: number, retention: HistoryRetention): Promise<number> {
  const old = await db.deleteFrom('inventory_history').where('at', '<', now - retention.maxAgeDays * 86_400_000).executeTakeFirst();
  let removed = Number(old.numDeletedRows);
  const over = await db
    .selectFrom('inventory_history')
    .select(['device_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('device_id')
    .having((eb) => eb.fn.countAll(), '>', retention.maxRowsPerDevice)
    .execute();
  for (const { device_id: deviceId, n } of over) {
    const excess = Number(n) - retention.maxRowsPerDevice;
    const res = await db
      .deleteFrom('inventory_history')
      .where('device_id', '=', deviceId)
      .where('id', 'in', (eb) =>
        eb.selectFrom('inventory_history').select('id').where('device_id', '=', deviceId).orderBy('at', 'asc').orderBy('id', 'asc').limit(excess),
      )
      .executeTakeFirst();
    removed += Number(res.numDeletedRows);
  }
  return removed;
}
