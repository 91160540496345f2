import { OUT_OF_SERVICE_STATUSES, type FleetRules } from '@deskside/shared';

import type { Actor } from '../storage/audit-repo.js';
import type { Store } from '../storage/store.js';

const DAY_MS = 86_400_000;
/** Bounded work per run: a fleet that went silent at once is retired over a few runs, not one huge transaction. */
const BATCH = 500;

export const HOUSEKEEPING_ACTOR: Actor = { kind: 'system', id: null, name: 'housekeeping' };

/**
 * The fleet rules applied by housekeeping: devices in service not seen for `staleAfterDays` are flagged
 * (a check-in clears the flag); flagged ones not seen for `autoRetireAfterDays` are retired (their
 * credential revoked, the change in their status history and the audit log); devices out of service
 * for `deleteRetiredAfterDays` are deleted with their inventories, unless a ticket still refers to one
 * (tickets are the helpdesk's record and keep their device). Every step is a conditional write, so a
 * second run finds nothing left to do.
 */
export async function applyFleetRules(store: Store, rules: FleetRules): Promise<{ flaggedStale: number; autoRetired: number; deletedDevices: number }> {
  const now = store.clock();
  const inService = ['in-stock', 'in-use', 'in-repair'];

  const stale = await store.db
    .updateTable('devices')
    .set({ stale_since: now })
    .where('stale_since', 'is', null)
    .where('asset_status', 'in', inService)
    .where('last_seen_at', '<', now - rules.staleAfterDays * DAY_MS)
    .executeTakeFirst();
  const flaggedStale = Number(stale.numUpdatedRows);
  if (flaggedStale > 0) {
    await store.audit.record(
      { actor: HOUSEKEEPING_ACTOR, action: 'device.flag-stale', target: { kind: 'device', id: null }, details: { devices: flaggedStale, notSeenDays: rules.staleAfterDays } },
      now,
    );
  }

  let autoRetired = 0;
  if (rules.autoRetireAfterDays !== null) {
    const due = await store.db
      .selectFrom('devices')
      .select('id')
      .where('stale_since', 'is not', null)
      .where('asset_status', 'in', inService)
      .where('last_seen_at', '<', now - rules.autoRetireAfterDays * DAY_MS)
      .orderBy('last_seen_at')
      .limit(BATCH)
      .execute();
    const reason = `not seen for ${rules.autoRetireAfterDays} days`;
    for (const d of due) if ((await store.assets.changeStatus(d.id, 'retired', reason, { actor: HOUSEKEEPING_ACTOR, ip: null })) === true) autoRetired++;
  }

  let deletedDevices = 0;
  if (rules.deleteRetiredAfterDays !== null) {
    const expired = await store.db
      .selectFrom('devices')
      .select(['id', 'hostname', 'serial', 'asset_tag', 'asset_status'])
      .where('asset_status', 'in', [...OUT_OF_SERVICE_STATUSES])
      .where('asset_status_at', '<', now - rules.deleteRetiredAfterDays * DAY_MS)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('tickets').select('tickets.id').whereRef('tickets.device_id', '=', 'devices.id'))))
      .limit(BATCH)
      .execute();
    for (const d of expired) {
      await store.db.transaction().execute(async (trx) => {
        // Rows that refer to the device go with it (their foreign keys cascade); the audit entry stays.
        const gone = await trx.deleteFrom('devices').where('id', '=', d.id).where('asset_status', 'in', [...OUT_OF_SERVICE_STATUSES]).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) return;
        deletedDevices++;
        await store.audit.record(
          {
            actor: HOUSEKEEPING_ACTOR,
            action: 'device.delete',
            target: { kind: 'device', id: d.id },
            details: { hostname: d.hostname, serial: d.serial, assetTag: d.asset_tag, status: d.asset_status, retainedDays: rules.deleteRetiredAfterDays },
          },
          now,
          trx,
        );
      });
    }
  }
  return { flaggedStale, autoRetired, deletedDevices };
}
