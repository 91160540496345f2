import type { FleetFinding, FleetRules } from '@deskside/shared';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

import type { Database } from '../storage/tables.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** An IP conflict is current while both addresses were seen within the last day. */
export const IP_CONFLICT_WINDOW_HOURS = 24;

/** What the conditions depend on besides the device row: the clock, the rules, the newest agent. */
export interface FindingContext {
  readonly now: number;
  readonly rules: FleetRules;
  /** Agent versions older than the newest one in the fleet (see `olderAgentVersions`). */
  readonly olderAgentVersions: readonly string[];
}

type Eb = ExpressionBuilder<Database, 'devices'>;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Retired and disposed devices are records, not fleet: every finding but one is about machines in service. */
export const inService = (eb: Eb): Expression<SqlBool> => eb('devices.asset_status', 'not in', ['retired', 'disposed']);

/**
 * Each finding as one SQL condition on `devices`, read through an index (see migration 0034), used
 * alike by the device-list filter, the Fleet health counts, the Needs attention list and the daily
 * snapshot: one definition, so they can never disagree.
 */
export function findingCondition(finding: FleetFinding, eb: Eb, c: FindingContext): Expression<SqlBool> {
  switch (finding) {
    case 'ip-conflict': {
      const fromHour = Math.floor(c.now / HOUR_MS) - IP_CONFLICT_WINDOW_HOURS + 1;
      // Addresses held in one network within one hour by more than one MAC address, and who held them.
      const clashes = eb
        .selectFrom('ip_observations as c')
        .select(['c.hour', 'c.network', 'c.ip'])
        .where('c.hour', '>=', fromHour)
        .groupBy(['c.hour', 'c.network', 'c.ip'])
        .having(sql<SqlBool>`count(distinct c.mac) > 1`)
        .as('clash');
      return eb.and([
        inService(eb),
        eb(
          'devices.id',
          'in',
          eb
            .selectFrom('ip_observations as o')
            .innerJoin(clashes, (j) => j.onRef('clash.hour', '=', 'o.hour').onRef('clash.network', '=', 'o.network').onRef('clash.ip', '=', 'o.ip'))
            .select('o.device_id'),
        ),
      ]);
    }
    case 'duplicate-hostname':
      return eb.and([
        inService(eb),
        eb(
          sql<string>`lower(devices.hostname)`,
          'in',
          eb
            .selectFrom('devices as d')
            .select(sql<string>`lower(d.hostname)`.as('h'))
            .where('d.asset_status', 'not in', ['retired', 'disposed'])
            .groupBy(sql`lower(d.hostname)`)
            .having(sql<SqlBool>`count(*) > 1`),
        ),
      ]);
    case 'firewall-off':
      return eb.and([eb('devices.firewall_state', '=', 'off'), inService(eb)]);
    case 'disk-unencrypted':
      return eb.and([eb('devices.encryption_state', '=', 'off'), inService(eb)]);
    case 'restart-pending':
      return eb.and([eb('devices.restart_pending_since', '<', c.now - c.rules.restartPendingDays * DAY_MS), inService(eb)]);
    case 'security-updates-pending':
      return eb.and([eb('devices.security_updates_since', '<', c.now - c.rules.securityUpdatesDays * DAY_MS), inService(eb)]);
    case 'battery-weak':
      return eb.and([eb('devices.battery_health_pct', '<', c.rules.batteryHealthPercent), inService(eb)]);
    case 'low-disk':
      return eb.and([eb('devices.min_free_disk_pct', '<=', c.rules.lowDiskPercent), inService(eb)]);
    case 'agent-behind':
      return c.olderAgentVersions.length === 0 ? sql<SqlBool>`1 = 0` : eb.and([eb('devices.agent_version', 'in', [...c.olderAgentVersions]), inService(eb)]);
    case 'warranty-ending':
      return eb.and([eb('devices.warranty_end', '>=', day(c.now)), eb('devices.warranty_end', '<=', day(c.now + c.rules.warrantyWarningDays * DAY_MS)), inService(eb)]);
    case 'not-seen':
      return eb.and([eb('devices.stale_since', 'is not', null), inService(eb)]);
    case 'retired-checking-in':
      return eb.and([eb('devices.retired_contact_at', 'is not', null), eb('devices.asset_status', 'in', ['retired', 'disposed'])]);
    default: {
      const unreachable: never = finding;
      return unreachable;
    }
  }
}

/** Dotted numeric versions compared part by part (1.10.0 is newer than 1.9.3); a suffix compares as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    const d = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The newest version among those in the fleet, and the ones behind it. */
export function agentVersions(versions: readonly string[]): { latest: string | null; older: string[] } {
  const sorted = [...versions].sort(compareVersions);
  const latest = sorted.at(-1) ?? null;
  return { latest, older: latest === null ? [] : sorted.filter((v) => compareVersions(v, latest) < 0) };
}
