import {
  BacklogReportSchema,
  CONSOLE_API_BASE,
  SatisfactionReportSchema,
  ServiceReportSchema,
  VolumeReportSchema,
  type ReportQuery,
  type TicketExportQuery,
} from '@deskside/shared';
import type { z } from 'zod';

import { queryString, type HttpClient } from './http-client.js';

/** The reports a technician reads, and where each one's CSV twin downloads from. */
export type ReportName = 'service-levels' | 'backlog' | 'volume' | 'satisfaction';

/** A CSV download address: a plain link, so the browser saves the file with the session cookie. */
export function reportCsvUrl(report: ReportName, query: Partial<ReportQuery>): string {
  return `${CONSOLE_API_BASE}/reports/${report}.csv${queryString(query)}`;
}

export function queueCsvUrl(query: TicketExportQuery): string {
  return `${CONSOLE_API_BASE}/tickets.csv${queryString(query as Record<string, string>)}`;
}

/** Helpdesk reports: service levels, backlog, volume and satisfaction, each checked against the shared schema. */
export class ReportsClient {
  constructor(private readonly http: HttpClient) {}

  private get<S extends z.ZodType>(path: string, schema: S, query: Record<string, string | undefined>, signal?: AbortSignal) {
    return this.http.request(`${CONSOLE_API_BASE}/reports/${path}`, { schema, query, signal });
  }

  serviceLevels(query: ReportQuery, signal?: AbortSignal) {
    return this.get('service-levels', ServiceReportSchema, query, signal);
  }
  backlog(teamId: string | undefined, signal?: AbortSignal) {
    return this.get('backlog', BacklogReportSchema, { teamId }, signal);
  }
  volume(query: ReportQuery, signal?: AbortSignal) {
    return this.get('volume', VolumeReportSchema, query, signal);
  }
  satisfaction(query: ReportQuery, signal?: AbortSignal) {
    return this.get('satisfaction', SatisfactionReportSchema, query, signal);
  }
}
