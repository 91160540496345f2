import {
  BacklogQuerySchema,
  BacklogReportSchema,
  RATING_STARS,
  ReportQuerySchema,
  SatisfactionReportSchema,
  ServiceReportSchema,
  VolumeReportSchema,
  type BacklogReport,
  type ReportQuery,
  type SatisfactionReport,
  type SatisfactionRow,
  type ServiceReport,
  type ServiceRow,
  type VolumeReport,
} from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { sendCsv, toCsv, type CsvRow } from '../../http/csv.js';
import { badRequest } from '../../http/http-error.js';
import type { ReportPeriod } from '../../storage/reports-repo.js';
import type { Store } from '../../storage/store.js';
import type { RouteDeps } from '../deps.js';

async function periodOf(store: Store, q: ReportQuery): Promise<ReportPeriod> {
  if (q.teamId !== undefined && (await store.teams.row(q.teamId)) === null) {
    throw badRequest('no team has this id', [{ path: 'teamId', message: 'unknown team' }]);
  }
  return { from: Date.parse(q.from), to: Date.parse(q.to), teamId: q.teamId };
}

export async function serviceReport(store: Store, q: ReportQuery): Promise<ServiceReport> {
  const p = await periodOf(store, q);
  const [overall, byTeam, byTechnician] = await Promise.all([store.reports.service(p, 'all'), store.reports.service(p, 'team'), store.reports.service(p, 'technician')]);
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), teamId: q.teamId ?? null, overall: overall[0]!, byTeam, byTechnician };
}

export async function volumeReport(store: Store, q: ReportQuery): Promise<VolumeReport> {
  const p = await periodOf(store, q);
  const [total, byCategory, byModel, byOs, byChannel] = await Promise.all([
    store.reports.total(p),
    store.reports.volume(p, 'category'),
    store.reports.volume(p, 'model'),
    store.reports.volume(p, 'os'),
    store.reports.volume(p, 'channel'),
  ]);
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), teamId: q.teamId ?? null, total, byCategory, byModel, byOs, byChannel };
}

export async function satisfactionReport(store: Store, q: ReportQuery): Promise<SatisfactionReport> {
  const p = await periodOf(store, q);
  const [overall, byTeam, byTechnician, comments] = await Promise.all([
    store.reports.satisfaction(p, 'all'),
    store.reports.satisfaction(p, 'team'),
    store.reports.satisfaction(p, 'technician'),
    store.reports.ratingComments(p),
  ]);
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), teamId: q.teamId ?? null, overall: overall[0]!, byTeam, byTechnician, comments };
}

export async function backlogReport(store: Store, teamId: string | undefined): Promise<BacklogReport> {
  if (teamId !== undefined && (await store.teams.row(teamId)) === null) throw badRequest('no team has this id', [{ path: 'teamId', message: 'unknown team' }]);
  const now = store.clock();
  return { at: new Date(now).toISOString(), teamId: teamId ?? null, ...(await store.reports.backlog(now, teamId)) };
}

/** Durations go to spreadsheets in minutes, compliance as a fraction (format the column as %). */
const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);

const SERVICE_CSV_HEADER = [
  'group',
  'id',
  'name',
  'tickets',
  'first_responses',
  'first_response_median_minutes',
  'first_response_p90_minutes',
  'resolved',
  'resolution_median_minutes',
  'resolution_p90_minutes',
  'first_response_met',
  'first_response_breached',
  'first_response_compliance',
  'resolution_met',
  'resolution_breached',
  'resolution_compliance',
];

const serviceCsvRow = (group: string, r: ServiceRow): CsvRow => [
  group,
  r.id,
  r.name,
  r.tickets,
  r.firstResponse.count,
  minutes(r.firstResponse.medianMs),
  minutes(r.firstResponse.p90Ms),
  r.resolution.count,
  minutes(r.resolution.medianMs),
  minutes(r.resolution.p90Ms),
  r.firstResponseSla.met,
  r.firstResponseSla.breached,
  r.firstResponseSla.compliance,
  r.resolutionSla.met,
  r.resolutionSla.breached,
  r.resolutionSla.compliance,
];

const SATISFACTION_CSV_HEADER = ['group', 'id', 'name', 'tickets', 'rated', 'average_rating', ...RATING_STARS.map((s) => `stars_${s}`), 'confirmed', 'auto_closed', 'reopened'];

const satisfactionCsvRow = (group: string, r: SatisfactionRow): CsvRow => [
  group,
  r.id,
  r.name,
  r.tickets,
  r.rated,
  r.averageRating === null ? null : Math.round(r.averageRating * 100) / 100,
  ...r.stars,
  r.confirmed,
  r.autoClosed,
  r.reopened,
];

/**
 * Reports for every technician: each route has a `.csv` twin over the same data. A new report is
 * one more builder above, one JSON route and one CSV route here.
 */
export const reportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/reports/service-levels', { schema: { querystring: ReportQuerySchema, response: { 200: ServiceReportSchema } } }, async (request) => serviceReport(store, request.query));
  app.get('/reports/service-levels.csv', { schema: { querystring: ReportQuerySchema } }, async (request, reply) => {
    const r = await serviceReport(store, request.query);
    const rows = [serviceCsvRow('overall', r.overall), ...r.byTeam.map((t) => serviceCsvRow('team', t)), ...r.byTechnician.map((t) => serviceCsvRow('technician', t))];
    return sendCsv(reply, 'service-levels', toCsv(SERVICE_CSV_HEADER, rows));
  });

  app.get('/reports/backlog', { schema: { querystring: BacklogQuerySchema, response: { 200: BacklogReportSchema } } }, async (request) => backlogReport(store, request.query.teamId));
  app.get('/reports/backlog.csv', { schema: { querystring: BacklogQuerySchema } }, async (request, reply) => {
    const r = await backlogReport(store, request.query.teamId);
    return sendCsv(reply, 'backlog', toCsv(['age', 'tickets'], r.buckets.map((b) => [b.key, b.count])));
  });

  app.get('/reports/volume', { schema: { querystring: ReportQuerySchema, response: { 200: VolumeReportSchema } } }, async (request) => volumeReport(store, request.query));
  app.get('/reports/volume.csv', { schema: { querystring: ReportQuerySchema } }, async (request, reply) => {
    const r = await volumeReport(store, request.query);
    const rows: CsvRow[] = [
      ['total', null, r.total],
      ...r.byCategory.map((v): CsvRow => ['category', v.key, v.count]),
      ...r.byModel.map((v): CsvRow => ['model', v.key, v.count]),
      ...r.byOs.map((v): CsvRow => ['os', v.key, v.count]),
      ...r.byChannel.map((v): CsvRow => ['channel', v.key, v.count]),
    ];
    return sendCsv(reply, 'ticket-volume', toCsv(['dimension', 'value', 'tickets'], rows));
  });

  app.get('/reports/satisfaction', { schema: { querystring: ReportQuerySchema, response: { 200: SatisfactionReportSchema } } }, async (request) => satisfactionReport(store, request.query));
  app.get('/reports/satisfaction.csv', { schema: { querystring: ReportQuerySchema } }, async (request, reply) => {
    const r = await satisfactionReport(store, request.query);
    const rows = [satisfactionCsvRow('overall', r.overall), ...r.byTeam.map((t) => satisfactionCsvRow('team', t)), ...r.byTechnician.map((t) => satisfactionCsvRow('technician', t))];
    return sendCsv(reply, 'satisfaction', toCsv(SATISFACTION_CSV_HEADER, rows));
  });
};
