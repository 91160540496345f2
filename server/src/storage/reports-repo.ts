import {
  BACKLOG_BUCKETS,
  RATING_STARS,
  SATISFACTION_COMMENTS,
  VOLUME_TOP,
  type BacklogBucketKey,
  type DurationStats,
  type RatingComment,
  type SatisfactionRow,
  type ServiceRow,
  type VolumeDimension,
  type VolumeRow,
} from '@deskside/shared';
import { sql, type Kysely, type RawBuilder } from 'kysely';

import type { Database } from './tables.js';
import { OPEN_STATUSES } from './ticket-views.js';
import { count, iso } from './values.js';

/** The tickets a report covers: opened in [from, to), optionally of one team (its current team). */
export interface ReportPeriod {
  readonly from: number;
  readonly to: number;
  readonly teamId?: string | undefined;
}

/** How service rows are grouped: by the ticket's current team, its current assignee, or not at all. */
export type ServiceGrouping = 'team' | 'technician' | 'all';

const GROUPINGS: Record<ServiceGrouping, { key: RawBuilder<unknown>; name: RawBuilder<unknown>; join: RawBuilder<unknown> } | null> = {
  team: { key: sql`t.team_id`, name: sql`g.name`, join: sql`left join teams g on g.id = t.team_id` },
  technician: { key: sql`t.assignee_id`, name: sql`g.display_name`, join: sql`left join technicians g on g.id = t.assignee_id` },
  all: null,
};

/**
 * Column each volume dimension counts by. A new dimension is one more entry here (and its key in
 * the shared `VOLUME_DIMENSIONS`); the device's columns come through the join in `volume`.
 */
const VOLUME_DIMENSIONS: Record<VolumeDimension, RawBuilder<unknown>> = {
  category: sql`t.category`,
  model: sql`d.model`,
  os: sql`d.os_name`,
  channel: sql`t.channel`,
};

/** The steps whose durations are reported, measured from the ticket's arrival. */
type Step = 'first_response_at' | 'resolved_at';

const PERCENTILES = { median: 0.5, p90: 0.9 } as const;

interface RankedRow {
  readonly k: string | null;
  readonly v: unknown;
  readonly i: unknown;
  readonly n: unknown;
}

/**
 * Percentiles by linear interpolation between the two closest ranks (PostgreSQL's percentile_cont,
 * Excel's PERCENTILE.INC), from the at most four ranked rows per group the query keeps.
 */
export function interpolatedPercentile(ranked: ReadonlyMap<number, number>, n: number, p: number): number | null {
  if (n === 0) return null;
  const position = (n - 1) * p;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const low = ranked.get(lo);
  const high = ranked.get(hi);
  if (low === undefined || high === undefined) return null;
  return low + (high - low) * (position - lo);
}

/**
 * Helpdesk reports, each a grouped query over the tickets opened in the period (the created_at
 * index bounds every scan). Medians and p90s are ranked in SQL with window functions, which both
 * engines have: the database returns only the rows at the ranks the percentiles need, never the
 * whole period's durations.
 */
export class ReportsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  private where(p: ReportPeriod): RawBuilder<unknown> {
    const team = p.teamId === undefined ? sql`` : sql` and t.team_id = ${p.teamId}`;
    return sql`t.created_at >= ${p.from} and t.created_at < ${p.to}${team}`;
  }

  /** Times to first response and resolution, and both targets' compliance, per group. */
  async service(p: ReportPeriod, grouping: ServiceGrouping): Promise<ServiceRow[]> {
    const [counts, firstResponse, resolution] = await Promise.all([this.serviceCounts(p, grouping), this.durations(p, grouping, 'first_response_at'), this.durations(p, grouping, 'resolved_at')]);
    const empty: DurationStats = { count: 0, medianMs: null, p90Ms: null };
    return counts.map((c) => ({ ...c, firstResponse: firstResponse.get(c.id) ?? empty, resolution: resolution.get(c.id) ?? empty }));
  }

  private async serviceCounts(p: ReportPeriod, grouping: ServiceGrouping): Promise<Omit<ServiceRow, 'firstResponse' | 'resolution'>[]> {
    const g = GROUPINGS[grouping];
    // Met = the target was reached with no breach recorded; breached = a breach row (one per ticket and target).
    const { rows } = await sql<{ k: string | null; name: string | null; tickets: unknown; fr_met: unknown; fr_breached: unknown; res_met: unknown; res_breached: unknown }>`
      select ${g === null ? sql`null` : g.key} as k, ${g === null ? sql`null` : g.name} as name, count(*) as tickets,
        sum(case when t.sla_first_response_due_at is not null and t.first_response_at is not null and bf.id is null then 1 else 0 end) as fr_met,
        sum(case when bf.id is not null then 1 else 0 end) as fr_breached,
        sum(case when t.sla_resolution_due_at is not null and t.resolved_at is not null and br.id is null then 1 else 0 end) as res_met,
        sum(case when br.id is not null then 1 else 0 end) as res_breached
      from tickets t
      left join sla_breaches bf on bf.ticket_id = t.id and bf.target = 'first-response'
      left join sla_breaches br on br.ticket_id = t.id and br.target = 'resolution'
      ${g === null ? sql`` : g.join}
      where ${this.where(p)}
      ${g === null ? sql`` : sql`group by ${g.key}, ${g.name}`}
      ${g === null ? sql`` : sql`order by count(*) desc, ${g.name}`}`.execute(this.db);
    const compliance = (met: number, breached: number) => ({ met, breached, compliance: met + breached === 0 ? null : met / (met + breached) });
    return rows.map((r) => ({
      id: r.k,
      name: r.name,
      tickets: count(r.tickets),
      firstResponseSla: compliance(count(r.fr_met), count(r.fr_breached)),
      resolutionSla: compliance(count(r.res_met), count(r.res_breached)),
    }));
  }

  private async durations(p: ReportPeriod, grouping: ServiceGrouping, step: Step): Promise<Map<string | null, DurationStats>> {
    const g = GROUPINGS[grouping];
    const key = g === null ? sql`null` : g.key;
    const partition = g === null ? sql`` : sql`partition by ${g.key}`;
    const elapsed = sql`(t.${sql.ref(step)} - t.created_at)`;
    // Only the ranks either side of the median's and the p90's positions: (n-1)/2, n/2, floor and ceil of (n-1)*0.9.
    const { rows } = await sql<RankedRow>`
      select k, v, i, n from (
        select ${key} as k, ${elapsed} as v,
          row_number() over (${partition} order by ${elapsed}) - 1 as i,
          count(*) over (${partition}) as n
        from tickets t
        where ${this.where(p)} and t.${sql.ref(step)} is not null
      ) ranked
      where i = (n - 1) / 2 or i = n / 2 or i = (n - 1) * 9 / 10 or i = ((n - 1) * 9 + 9) / 10`.execute(this.db);
    const groups = new Map<string | null, { n: number; ranked: Map<number, number> }>();
    for (const r of rows) {
      const group = groups.get(r.k) ?? { n: count(r.n), ranked: new Map<number, number>() };
      group.ranked.set(count(r.i), count(r.v));
      groups.set(r.k, group);
    }
    const out = new Map<string | null, DurationStats>();
    for (const [k, { n, ranked }] of groups) {
      out.set(k, { count: n, medianMs: interpolatedPercentile(ranked, n, PERCENTILES.median), p90Ms: interpolatedPercentile(ranked, n, PERCENTILES.p90) });
    }
    return out;
  }

  /**
   * Ratings and how tickets ended, per group. The average is the sum of the stars over the number
   * rated, computed here: both engines then give the same exact value.
   */
  async satisfaction(p: ReportPeriod, grouping: ServiceGrouping): Promise<SatisfactionRow[]> {
    const g = GROUPINGS[grouping];
    const stars = sql.join(
      RATING_STARS.map((s) => sql`sum(case when t.rating = ${s} then 1 else 0 end) as ${sql.ref(`s${s}`)}`),
      sql`, `,
    );
    const { rows } = await sql<{ k: string | null; name: string | null; tickets: unknown; rated: unknown; rating_sum: unknown; confirmed: unknown; auto_closed: unknown; reopened: unknown } & Record<`s${number}`, unknown>>`
      select ${g === null ? sql`null` : g.key} as k, ${g === null ? sql`null` : g.name} as name, count(*) as tickets,
        count(t.rating) as rated, coalesce(sum(t.rating), 0) as rating_sum, ${stars},
        sum(case when t.close_reason = 'requester' then 1 else 0 end) as confirmed,
        sum(case when t.close_reason = 'auto' then 1 else 0 end) as auto_closed,
        sum(case when t.reopen_count > 0 then 1 else 0 end) as reopened
      from tickets t
      ${g === null ? sql`` : g.join}
      where ${this.where(p)}
      ${g === null ? sql`` : sql`group by ${g.key}, ${g.name}`}
      ${g === null ? sql`` : sql`order by count(*) desc, ${g.name}`}`.execute(this.db);
    return rows.map((r) => {
      const rated = count(r.rated);
      return {
        id: r.k,
        name: r.name,
        tickets: count(r.tickets),
        rated,
        averageRating: rated === 0 ? null : count(r.rating_sum) / rated,
        stars: RATING_STARS.map((s) => count(r[`s${s}`])),
        confirmed: count(r.confirmed),
        autoClosed: count(r.auto_closed),
        reopened: count(r.reopened),
      };
    });
  }

  /** The newest rating comments on the period's tickets. */
  async ratingComments(p: ReportPeriod): Promise<RatingComment[]> {
    const { rows } = await sql<{ id: string; number: unknown; rating: unknown; rating_comment: string; rated_at: unknown }>`
      select t.id, t.number, t.rating, t.rating_comment, t.rated_at
      from tickets t
      where ${this.where(p)} and t.rating is not null and t.rating_comment is not null and t.rating_comment <> ''
      order by t.rated_at desc, t.number desc
      limit ${SATISFACTION_COMMENTS}`.execute(this.db);
    return rows.map((r) => ({ ticketId: r.id, number: count(r.number), rating: count(r.rating), comment: r.rating_comment, ratedAt: iso(count(r.rated_at)) }));
  }

  /** Open tickets now, by how long ago they arrived. */
  async backlog(now: number, teamId: string | undefined): Promise<{ total: number; buckets: { key: BacklogBucketKey; count: number }[] }> {
    const hour = 3_600_000;
    // Oldest bucket first in the CASE: each ticket falls in the oldest bucket whose lower bound it passed.
    const bucketExpr = sql.join(
      [...BACKLOG_BUCKETS].reverse().map((b) => sql`when t.created_at <= ${now - b.minHours * hour} then cast(${b.key} as text)`),
      sql` `,
    );
    const team = teamId === undefined ? sql`` : sql` and t.team_id = ${teamId}`;
    const { rows } = await sql<{ bucket: string; n: unknown }>`
      select case ${bucketExpr} else cast(${BACKLOG_BUCKETS[0].key} as text) end as bucket, count(*) as n
      from tickets t
      where t.status in (${sql.join([...OPEN_STATUSES])})${team}
      group by 1`.execute(this.db);
    const byKey = new Map(rows.map((r) => [r.bucket, count(r.n)]));
    const buckets = BACKLOG_BUCKETS.map((b) => ({ key: b.key, count: byKey.get(b.key) ?? 0 }));
    return { total: buckets.reduce((a, b) => a + b.count, 0), buckets };
  }

  /** Tickets opened in the period per value of one dimension, largest groups first. */
  async volume(p: ReportPeriod, dimension: VolumeDimension): Promise<VolumeRow[]> {
    const column = VOLUME_DIMENSIONS[dimension];
    const { rows } = await sql<{ k: string | null; n: unknown }>`
      select ${column} as k, count(*) as n
      from tickets t left join devices d on d.id = t.device_id
      where ${this.where(p)}
      group by ${column}
      order by count(*) desc, ${column}
      limit ${VOLUME_TOP}`.execute(this.db);
    return rows.map((r) => ({ key: r.k === null || r.k === '' ? null : String(r.k), count: count(r.n) }));
  }

  async total(p: ReportPeriod): Promise<number> {
    const { rows } = await sql<{ n: unknown }>`select count(*) as n from tickets t where ${this.where(p)}`.execute(this.db);
    return count(rows[0]?.n);
  }
}
