import { FLEET_FINDINGS, type FindingCounts, type FleetFinding, type FleetFindings, type NeedsAttentionPage } from '@deskside/shared';
import { sql } from 'kysely';

import { toDeviceSummary } from '../storage/devices-repo.js';
import type { Store } from '../storage/store.js';
import type { DevicesTable } from '../storage/tables.js';
import { count, offsetOf, type PageWindow } from '../storage/values.js';
import { agentVersions, findingCondition, inService, type FindingContext } from './finding-conditions.js';

const DAY_MS = 86_400_000;
const TREND_DAYS = 30;
/** Old observations only matter for the last day's conflicts; a week keeps room for an outage of the job. */
const IP_OBSERVATION_RETENTION_MS = 7 * DAY_MS;
const SNAPSHOT_RETENTION_DAYS = 400;

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The rules, the clock, and the agent versions behind the newest one in service. */
export async function findingContext(store: Store): Promise<FindingContext & { latestAgentVersion: string | null }> {
  const [rules, versions] = await Promise.all([
    store.fleetRules.get(),
    store.db.selectFrom('devices').select('agent_version').distinct().where(inService).execute(),
  ]);
  const { latest, older } = agentVersions(versions.map((v) => v.agent_version));
  return { now: store.clock(), rules, olderAgentVersions: older, latestAgentVersion: latest };
}

/** How many devices have each finding: one indexed count per finding. */
export async function countFindings(store: Store, c: FindingContext): Promise<FindingCounts> {
  const counts = await Promise.all(
    FLEET_FINDINGS.map(async (f) => {
      const r = await store.db
        .selectFrom('devices')
        .select(sql<number>`count(*)`.as('n'))
        .where((eb) => findingCondition(f, eb, c))
        .executeTakeFirst();
      return [f, count(r?.n)] as const;
    }),
  );
  return Object.fromEntries(counts) as FindingCounts;
}

/** Fleet health's findings: today's counts and the daily snapshot's last 30 days. */
export async function fleetFindings(store: Store): Promise<FleetFindings> {
  const c = await findingContext(store);
  const from = dayOf(c.now - (TREND_DAYS - 1) * DAY_MS);
  const [counts, rows] = await Promise.all([
    countFindings(store, c),
    store.db.selectFrom('fleet_findings_daily').select(['day', 'finding', 'devices']).where('day', '>=', from).orderBy('day').execute(),
  ]);
  const byDay = new Map<string, Partial<Record<FleetFinding, number>>>();
  for (const r of rows) {
    if (!(FLEET_FINDINGS as readonly string[]).includes(r.finding)) continue;
    const entry = byDay.get(r.day) ?? {};
    entry[r.finding as FleetFinding] = count(r.devices);
    byDay.set(r.day, entry);
  }
  const { updatedAt: _at, updatedBy: _by, ...rules } = c.rules as typeof c.rules & { updatedAt?: unknown; updatedBy?: unknown };
  return { generatedAt: new Date(c.now).toISOString(), counts, latestAgentVersion: c.latestAgentVersion, rules, trend: [...byDay].map(([date, dayCounts]) => ({ date, counts: dayCounts })) };
}

/**
 * Devices with any finding, by host name, each with all of its findings. The set is the union of the
 * findings' indexed conditions; each finding is then one more column of the page's rows, computed by
 * the same condition, so the list and the counts agree.
 */
export async function needsAttention(store: Store, c: FindingContext, page: PageWindow): Promise<NeedsAttentionPage> {
  const [first, ...rest] = FLEET_FINDINGS.map((f) => store.db.selectFrom('devices').select('devices.id').where((eb) => findingCondition(f, eb, c)));
  // The union is built once (each part an index range) and de-duplicated: the flagged set, counted or paged.
  const ids = rest.reduce((q, next) => q.union(next), first!);
  const flagged = store.db.selectFrom('devices').where('devices.id', 'in', ids);
  const [rows, total] = await Promise.all([
    flagged
      .selectAll('devices')
      .select((eb) => FLEET_FINDINGS.map((f) => eb.case().when(findingCondition(f, eb, c)).then(1).else(0).end().as(`f_${f}`)))
      .orderBy('devices.hostname')
      .orderBy('devices.id')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    store.db.selectFrom(ids.as('flagged')).select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => {
      const row = r as unknown as DevicesTable & Record<string, number | string>;
      return { device: toDeviceSummary(row), findings: FLEET_FINDINGS.filter((f) => Number(row[`f_${f}`]) === 1) };
    }),
    total: count(total?.n),
    page: page.page,
    pageSize: page.pageSize,
  };
}

/**
 * Today's counts into the daily snapshot (a later run the same day replaces them: the day's last count
 * stands), and what is too old to matter dropped: IP observations past the conflict window's margin,
 * snapshots past a year.
 */
export async function snapshotFindings(store: Store): Promise<{ findingsCounted: number; ipObservationsPruned: number }> {
  const c = await findingContext(store);
  const counts = await countFindings(store, c);
  const day = dayOf(c.now);
  await store.db.transaction().execute(async (trx) => {
    for (const f of FLEET_FINDINGS) {
      await trx
        .insertInto('fleet_findings_daily')
        .values({ day, finding: f, devices: counts[f], counted_at: c.now })
        .onConflict((oc) => oc.columns(['day', 'finding']).doUpdateSet({ devices: counts[f], counted_at: c.now }))
        .execute();
    }
  });
  const pruned = await store.db
    .deleteFrom('ip_observations')
    .where('hour', '<', Math.floor((c.now - IP_OBSERVATION_RETENTION_MS) / 3_600_000))
    .executeTakeFirst();
  await store.db.deleteFrom('fleet_findings_daily').where('day', '<', dayOf(c.now - SNAPSHOT_RETENTION_DAYS * DAY_MS)).execute();
  return { findingsCounted: FLEET_FINDINGS.length, ipObservationsPruned: Number(pruned.numDeletedRows) };
}
