import type { ReportQuery } from '@deskside/shared';

import { dayRangeToInstants } from './queue-filters.js';

/** The Reports page's period (inclusive UTC days) and team, kept in the URL like the queue's filters. */
export interface ReportFilters {
  readonly from: string;
  readonly to: string;
  readonly teamId: string;
}

const DAY_MS = 86_400_000;
/** What the page shows before anyone picks a period: the last 30 days, today included. */
export const DEFAULT_REPORT_DAYS = 30;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isDay = (raw: string | null): raw is string => raw !== null && DAY.test(raw) && utcDay(Date.parse(`${raw}T00:00:00.000Z`)) === raw;

export function reportFiltersFromParams(params: URLSearchParams, now: number): ReportFilters {
  const to = params.get('to');
  const from = params.get('from');
  const toDay = isDay(to) ? to : utcDay(now);
  const fromDay = isDay(from) && from <= toDay ? from : utcDay(Date.parse(`${toDay}T00:00:00.000Z`) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS);
  return { from: fromDay, to: toDay, teamId: params.get('team') ?? '' };
}

export function paramsFromReportFilters(f: ReportFilters): URLSearchParams {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  if (f.teamId !== '') p.set('team', f.teamId);
  return p;
}

/** Inclusive days → the API's half-open period [from 00:00Z, the day after `to` 00:00Z). */
export function reportQuery(f: ReportFilters): ReportQuery {
  const { from, to } = dayRangeToInstants({ from: f.from, to: f.to });
  return { from: from ?? '', to: to ?? '', ...(f.teamId !== '' ? { teamId: f.teamId } : {}) };
}

/** The queue showing the tickets one report row counts (opened in the period, every status). */
export function periodQueueLink(f: ReportFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ status: 'all', openedFrom: f.from, openedTo: f.to, ...extra });
  if (f.teamId !== '' && extra.team === undefined) p.set('team', f.teamId);
  return `/queue?${p.toString()}`;
}
