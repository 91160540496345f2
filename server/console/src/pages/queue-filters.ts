import {
  PRIORITIES,
  TICKET_CATEGORIES,
  TICKET_DUE_FILTERS,
  TICKET_STATUSES,
  type Priority,
  type TicketCategory,
  type TicketExportQuery,
  type TicketListQuery,
  type TicketStatus,
} from '@deskside/shared';

/** Tickets still needing someone: what the queue shows unless the technician asks otherwise. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['new', 'open', 'waiting-on-user'];

export type QueueSort = 'priority' | 'age' | 'updated' | 'due';
export type QueueDue = (typeof TICKET_DUE_FILTERS)[number] | '';

export interface QueueFilters {
  /** Empty means every status. */
  readonly statuses: readonly TicketStatus[];
  readonly priorities: readonly Priority[];
  readonly assignee: string;
  readonly category: TicketCategory | '';
  /** A team id, `mine` (the technician's teams), `none`, or '' for every team. */
  readonly team: string;
  readonly due: QueueDue;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly q: string;
  /** UTC calendar days (YYYY-MM-DD, both ends included), as the dashboard counts them; '' for open-ended. */
  readonly opened: DayRange;
  readonly resolved: DayRange;
  readonly sort: QueueSort;
  readonly order: 'asc' | 'desc';
  readonly page: number;
}

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export const ANY_DAY: DayRange = { from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A YYYY-MM-DD that names a real date, else ''. */
function day(raw: string | null): string {
  if (raw === null || !DAY.test(raw)) return '';
  const ms = Date.parse(`${raw}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(raw) ? raw : '';
}

export const isAnyDay = (r: DayRange): boolean => r.from === '' && r.to === '';

/** Inclusive days → the API's half-open instants [from 00:00Z, day after `to` 00:00Z). */
export function dayRangeToInstants(r: DayRange): { from?: string; to?: string } {
  return {
    ...(r.from !== '' ? { from: `${r.from}T00:00:00.000Z` } : {}),
    ...(r.to !== '' ? { to: new Date(Date.parse(`${r.to}T00:00:00.000Z`) + DAY_MS).toISOString() } : {}),
  };
}

const oneOf = <T extends string>(values: readonly T[], v: string | null): v is T => v !== null && (values as readonly string[]).includes(v);

function csv<T extends string>(values: readonly T[], raw: string | null): T[] {
  if (raw === null || raw === '') return [];
  return raw.split(',').filter((v): v is T => oneOf(values, v));
}

/**
 * The queue's filters live in the URL, so a filtered view can be bookmarked, shared and linked from the
 * dashboard, and Back returns to it. A missing status means "active"; `status=all` means every status.
 */
export function filtersFromParams(params: URLSearchParams): QueueFilters {
  const statusRaw = params.get('status');
  const sortRaw = params.get('sort');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    statuses: statusRaw === null ? ACTIVE_STATUSES : statusRaw === 'all' ? [] : csv(TICKET_STATUSES, statusRaw),
    priorities: csv(PRIORITIES, params.get('priority')),
    assignee: params.get('assignee') ?? '',
    category: oneOf(TICKET_CATEGORIES, params.get('category')) ? (params.get('category') as TicketCategory) : '',
    team: params.get('team') ?? '',
    due: oneOf(TICKET_DUE_FILTERS, params.get('due')) ? (params.get('due') as QueueDue) : '',
    deviceId: params.get('device') ?? '',
    deviceName: params.get('deviceName') ?? '',
    q: params.get('q') ?? '',
    opened: { from: day(params.get('openedFrom')), to: day(params.get('openedTo')) },
    resolved: { from: day(params.get('resolvedFrom')), to: day(params.get('resolvedTo')) },
    sort: sortRaw === 'age' || sortRaw === 'updated' || sortRaw === 'due' ? sortRaw : 'priority',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function paramsFromFilters(f: QueueFilters): URLSearchParams {
  const p = new URLSearchParams();
  const isDefaultStatus = f.statuses.length === ACTIVE_STATUSES.length && ACTIVE_STATUSES.every((s) => f.statuses.includes(s));
  if (!isDefaultStatus) p.set('status', f.statuses.length === 0 ? 'all' : f.statuses.join(','));
  if (f.priorities.length > 0) p.set('priority', f.priorities.join(','));
  if (f.assignee !== '') p.set('assignee', f.assignee);
  if (f.category !== '') p.set('category', f.category);
  if (f.team !== '') p.set('team', f.team);
  if (f.due !== '') p.set('due', f.due);
  if (f.deviceId !== '') p.set('device', f.deviceId);
  if (f.deviceName !== '') p.set('deviceName', f.deviceName);
  if (f.q !== '') p.set('q', f.q);
  if (f.opened.from !== '') p.set('openedFrom', f.opened.from);
  if (f.opened.to !== '') p.set('openedTo', f.opened.to);
  if (f.resolved.from !== '') p.set('resolvedFrom', f.resolved.from);
  if (f.resolved.to !== '') p.set('resolvedTo', f.resolved.to);
  if (f.sort !== 'priority') p.set('sort', f.sort);
  if (f.order !== 'desc') p.set('order', f.order);
  if (f.page !== 1) p.set('page', String(f.page));
  return p;
}

export const QUEUE_PAGE_SIZE = 50;

/**
 * "Age" sorts by creation: oldest first is what a queue works through, so desc age = oldest first.
 * "Due" likewise: desc due = the most urgent (earliest due) first.
 * Priority ties are broken by the server (it orders by creation within a priority).
 */
export function toApiQuery(f: QueueFilters): TicketListQuery {
  const q: TicketListQuery = {
    sort: f.sort === 'age' ? 'created' : f.sort,
    order: f.sort === 'age' || f.sort === 'due' ? (f.order === 'desc' ? 'asc' : 'desc') : f.order,
    page: f.page,
    pageSize: QUEUE_PAGE_SIZE,
  };
  const opened = dayRangeToInstants(f.opened);
  const resolved = dayRangeToInstants(f.resolved);
  return {
    ...q,
    ...(f.statuses.length > 0 ? { status: f.statuses.join(',') } : {}),
    ...(f.priorities.length > 0 ? { priority: f.priorities.join(',') } : {}),
    ...(f.assignee !== '' ? { assignee: f.assignee as TicketListQuery['assignee'] } : {}),
    ...(f.category !== '' ? { category: f.category } : {}),
    ...(f.team !== '' ? { team: f.team as TicketListQuery['team'] } : {}),
    ...(f.due !== '' ? { due: f.due } : {}),
    ...(f.deviceId !== '' ? { deviceId: f.deviceId } : {}),
    ...(f.q.trim() !== '' ? { q: f.q.trim() } : {}),
    ...(opened.from !== undefined ? { openedFrom: opened.from } : {}),
    ...(opened.to !== undefined ? { openedTo: opened.to } : {}),
    ...(resolved.from !== undefined ? { resolvedFrom: resolved.from } : {}),
    ...(resolved.to !== undefined ? { resolvedTo: resolved.to } : {}),
  };
}

/** The CSV export takes the queue's filters and order, without its pages. */
export function toExportQuery(q: TicketListQuery): TicketExportQuery {
  const { page: _page, pageSize: _pageSize, ...rest } = q;
  return rest;
}
