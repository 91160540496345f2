import { PRIORITIES, type Priority, type SlaPolicy, type SlaTargetKind, type TicketSla, type TicketStatus } from '@deskside/shared';

import { NoBusinessHoursError } from '../sla/business-calendar.js';
import { dueAt, openPause, pausesAfter, targetState, type Pause } from '../sla/sla-clock.js';
import { calendarOf } from '../storage/sla-repo.js';
import type { TicketsTable } from '../storage/tables.js';
import { iso, isoOrNull, parseJson } from '../storage/values.js';

/** Waiting on the user stops the clock; so does resolving, until the ticket is reopened. */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['waiting-on-user', 'resolved', 'closed'];

/** The columns of a ticket's clock, as written. */
export type SlaColumns = Pick<TicketsTable, 'sla_policy_id' | 'sla_pauses' | 'sla_first_response_due_at' | 'sla_resolution_due_at' | 'sla_next_due_at'>;

/** A new ticket's clock before routing gives it a team and a policy. */
export const NO_SLA_YET: SlaColumns & Pick<TicketsTable, 'team_id' | 'first_response_at'> = {
  team_id: null,
  first_response_at: null,
  sla_policy_id: null,
  sla_pauses: '[]',
  sla_first_response_due_at: null,
  sla_resolution_due_at: null,
  sla_next_due_at: null,
};

const effective = (t: Pick<TicketsTable, 'priority_override' | 'computed_priority'>): Priority => (t.priority_override ?? t.computed_priority) as Priority;
const isPriority = (p: string): p is Priority => (PRIORITIES as readonly string[]).includes(p);

/**
 * The clock columns after whatever just happened to the ticket (status, priority, team, reply): the
 * pause list follows the status, and the due times are computed again from the ticket's start, its
 * pauses and the targets of its current policy and priority.
 */
export function slaColumnsFor(t: TicketsTable, policy: SlaPolicy | null, now: number): SlaColumns {
  const pauses = pausesAfter(parseJson<Pause[]>(t.sla_pauses), PAUSED_STATUSES.includes(t.status as TicketStatus), now);
  const base = { sla_pauses: JSON.stringify(pauses) };
  const priority = effective(t);
  if (policy === null || !isPriority(priority)) return { ...base, sla_policy_id: null, sla_first_response_due_at: null, sla_resolution_due_at: null, sla_next_due_at: null };
  const calendar = calendarOf(policy);
  const target = policy.targets[priority];
  let first: number;
  let resolution: number;
  try {
    first = dueAt(calendar, t.created_at, pauses, target.firstResponseMinutes * 60_000);
    resolution = dueAt(calendar, t.created_at, pauses, target.resolutionMinutes * 60_000);
  } catch (err) {
    // A policy whose every day is a holiday cannot be met; the ticket runs without due times.
    if (err instanceof NoBusinessHoursError) return { ...base, sla_policy_id: policy.id, sla_first_response_due_at: null, sla_resolution_due_at: null, sla_next_due_at: null };
    throw err;
  }
  const running = openPause(pauses) === null;
  const pending = [...(t.first_response_at === null ? [first] : []), resolution];
  return {
    ...base,
    sla_policy_id: policy.id,
    sla_first_response_due_at: first,
    sla_resolution_due_at: resolution,
    sla_next_due_at: running ? Math.min(...pending) : null,
  };
}

/** When each target was reached: the first public reply, and resolution (while resolved or closed). */
export function reachedAt(t: Pick<TicketsTable, 'first_response_at' | 'resolved_at' | 'status'>, target: SlaTargetKind): number | null {
  if (target === 'first-response') return t.first_response_at;
  return t.status === 'resolved' || t.status === 'closed' ? t.resolved_at : null;
}

export function pausedSince(t: Pick<TicketsTable, 'sla_pauses'>): number | null {
  return openPause(parseJson<Pause[]>(t.sla_pauses))?.from ?? null;
}

/** What the console shows of a ticket's clock. */
export function toTicketSla(t: TicketsTable & { sla_policy_name: string | null }, now: number): TicketSla | null {
  if (t.sla_policy_id === null || t.sla_policy_name === null || t.sla_first_response_due_at === null || t.sla_resolution_due_at === null) return null;
  const paused = pausedSince(t);
  const clock = (due: number, target: SlaTargetKind) => {
    const reached = reachedAt(t, target);
    return { dueAt: iso(due), state: targetState(due, reached, paused, now), reachedAt: isoOrNull(reached) };
  };
  return {
    policy: { id: t.sla_policy_id, name: t.sla_policy_name },
    firstResponse: clock(t.sla_first_response_due_at, 'first-response'),
    resolution: clock(t.sla_resolution_due_at, 'resolution'),
    nextDueAt: isoOrNull(t.sla_next_due_at),
  };
}

/** Statuses whose clock runs; the breach watch looks only at these. */
export const OPEN_CLOCK_STATUSES: readonly TicketStatus[] = ['new', 'open'];
