import { DashboardQuerySchema, DashboardSchema, type Dashboard } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';

import type { Store } from '../../storage/store.js';
import { count } from '../../storage/values.js';
import type { RouteDeps } from '../deps.js';

const DAY_MS = 86_400_000;

/** Retired and disposed machines are records, not fleet: they leave every health figure. */
const inService = () => sql<boolean>`devices.asset_status not in ('retired', 'disposed')`;

async function grouped(store: Store, column: 'platform' | 'av_state' | 'backup_state'): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom('devices')
    .select([sql<string>`${sql.ref(column)}`.as('k'), sql<number>`count(*)`.as('n')])
    .where(inService())
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [String(r.k), count(r.n)]));
}

async function countWhere(store: Store, column: 'min_free_disk_pct' | 'last_seen_at', op: '<' | '>=', value: number): Promise<number> {
  const r = await store.db.selectFrom('devices').select(sql<number>`count(*)`.as('n')).where(inService()).where(column, op, value).executeTakeFirst();
  return count(r?.n);
}

/** Fleet health at a glance; every figure is one grouped, indexed query. */
export async function buildDashboard(store: Store, days: number): Promise<Dashboard> {
  const now = store.clock();
  const today = Math.floor(now / DAY_MS);
  const firstDay = today - days + 1;
  const [platforms, av, backup, byOs, diskFull, notSeen, seen24h, byStatus, unassigned, perDay] = await Promise.all([
    grouped(store, 'platform'),
    grouped(store, 'av_state'),
    grouped(store, 'backup_state'),
    store.db
      .selectFrom('devices')
      .select(['os_name', 'os_version', sql<number>`count(*)`.as('n')])
      .where(inService())
      .groupBy(['os_name', 'os_version'])
      .orderBy(sql`count(*)`, 'desc')
      .limit(20)
      .execute(),
    countWhere(store, 'min_free_disk_pct', '<', 10),
    countWhere(store, 'last_seen_at', '<', now - 7 * DAY_MS),
    countWhere(store, 'last_seen_at', '>=', now - DAY_MS),
    store.tickets.statusCounts(),
    store.tickets.unassignedOpen(),
    store.tickets.perDay(firstDay * DAY_MS),
  ]);
  const total = [...platforms.values()].reduce((a, b) => a + b, 0);
  return {
    generatedAt: new Date(now).toISOString(),
    devices: {
      total,
      byPlatform: { win32: platforms.get('win32') ?? 0, darwin: platforms.get('darwin') ?? 0, linux: platforms.get('linux') ?? 0 },
      byOs: byOs.map((r) => ({ osName: r.os_name, osVersion: r.os_version, count: count(r.n) })),
      antivirus: { ok: av.get('ok') ?? 0, off: av.get('off') ?? 0, outdated: av.get('outdated') ?? 0, unknown: av.get('unknown') ?? 0 },
      backup: {
        ok: backup.get('ok') ?? 0,
        stale: backup.get('stale') ?? 0,
        failing: backup.get('failing') ?? 0,
        none: backup.get('none') ?? 0,
        unknown: backup.get('unknown') ?? 0,
      },
      diskOver90Percent: diskFull,
      notSeen7Days: notSeen,
      seenLast24Hours: seen24h,
    },
    tickets: {
      byStatus,
      unassignedOpen: unassigned,
      perDay: Array.from({ length: days }, (_, i) => {
        const d = firstDay + i;
        return { date: new Date(d * DAY_MS).toISOString().slice(0, 10), opened: perDay.opened.get(d) ?? 0, resolved: perDay.resolved.get(d) ?? 0 };
      }),
    },
  };
}

export const dashboardRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/dashboard', { schema: { querystring: DashboardQuerySchema, response: { 200: DashboardSchema } } }, async (request) => buildDashboard(store, request.query.days));
};
