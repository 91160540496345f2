import { QUEUE_EXPORT_MAX_ROWS, type TicketSummary } from '@deskside/shared';

import type { CsvRow } from '../../http/csv.js';
import type { Store } from '../../storage/store.js';
import type { TicketListFilter } from '../../storage/tickets-repo.js';

type ParsedQueueQuery = Omit<TicketListFilter, 'assigneeId' | 'teamIds' | 'page' | 'pageSize'> & {
  readonly assignee?: string | undefined;
  readonly team?: string | undefined;
};

/** The queue's filters as the repository takes them: `me`, `mine` and `none` resolved for this technician. */
export async function queueFilter<Q extends ParsedQueueQuery>(store: Store, technicianId: string, q: Q): Promise<Q & Pick<TicketListFilter, 'assigneeId' | 'teamIds'>> {
  const assigneeId = q.assignee === undefined ? undefined : q.assignee === 'me' ? technicianId : q.assignee === 'none' ? null : q.assignee;
  const teamIds = q.team === undefined ? undefined : q.team === 'mine' ? await store.teams.teamIdsOf(technicianId) : q.team === 'none' ? null : [q.team];
  return { ...q, assigneeId, teamIds };
}

/** Column names stay English and stable: scripts and spreadsheet formulas refer to them. */
export const QUEUE_CSV_HEADER = [
  'number',
  'subject',
  'status',
  'priority',
  'category',
  'team',
  'assignee',
  'requester',
  'device',
  'created_at',
  'updated_at',
  'first_response_due_at',
  'first_response_state',
  'resolution_due_at',
  'resolution_state',
] as const;

const toRow = (t: TicketSummary): CsvRow => [
  t.number,
  t.subject,
  t.status,
  t.priority,
  t.category,
  t.team?.name ?? null,
  t.assignee?.displayName ?? null,
  t.requester,
  t.device?.hostname ?? null,
  t.createdAt,
  t.updatedAt,
  t.sla?.firstResponse.dueAt ?? null,
  t.sla?.firstResponse.state ?? null,
  t.sla?.resolution.dueAt ?? null,
  t.sla?.resolution.state ?? null,
];

const EXPORT_PAGE = 1000;

/** Every ticket the queue's filters match, in the queue's order, up to QUEUE_EXPORT_MAX_ROWS. */
export async function exportQueue(store: Store, filter: Omit<TicketListFilter, 'page' | 'pageSize'>): Promise<{ rows: CsvRow[]; truncated: boolean }> {
  const rows: CsvRow[] = [];
  for (let page = 1; rows.length < QUEUE_EXPORT_MAX_ROWS; page++) {
    const result = await store.tickets.list({ ...filter, page, pageSize: EXPORT_PAGE });
    for (const t of result.items) rows.push(toRow(t));
    if (page * EXPORT_PAGE >= result.total) return { rows, truncated: false };
  }
  return { rows: rows.slice(0, QUEUE_EXPORT_MAX_ROWS), truncated: true };
}

