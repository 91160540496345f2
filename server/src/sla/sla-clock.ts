import { addBusinessTime, type BusinessCalendar, type Interval } from './business-calendar.js';

/**
 * A ticket's service-level clock, as a pure function of what happened to it: when it started, when it
 * was paused (waiting on the user, or resolved until reopened) and when each target was reached.
 * Nothing here reads a clock or a database; `now` is an argument, so tests drive it with fixed instants.
 */

/** A pause of the clock; `to` is null while it lasts. */
export interface Pause {
  readonly from: number;
  readonly to: number | null;
}

export type TargetState = 'running' | 'paused' | 'met' | 'breached';

export interface TargetClock {
  /** When the target falls due, counting business time and leaving out pauses; for a paused clock, the due time had it kept running. */
  readonly dueAt: number;
  readonly state: TargetState;
}

/**
 * Due time of a target of `targetMs` business time for a clock started at `startedAt`. An open pause is
 * left out: while paused the answer is the due time as it stood when the pause began, which moves
 * later by the business time the pause covers once it ends.
 */
export function dueAt(calendar: BusinessCalendar, startedAt: number, pauses: readonly Pause[], targetMs: number): number {
  const closed: Interval[] = pauses.flatMap((p) => (p.to === null ? [] : [{ from: p.from, to: p.to }]));
  return addBusinessTime(calendar, startedAt, targetMs, closed);
}

/** The pause still running, if any. */
export const openPause = (pauses: readonly Pause[]): Pause | null => pauses.find((p) => p.to === null) ?? null;

/**
 * Where a target stands. `reachedAt` is when it was met (first public reply, resolution), or null.
 * A clock is read at the earliest of: the target being reached, the current pause beginning, now. Past
 * its due time at that reading means breached — so a ticket that went overdue before it was paused
 * stays breached, and one paused in time is not breached by the pause.
 */
export function targetState(due: number, reachedAt: number | null, pausedSince: number | null, now: number): TargetState {
  const readAt = Math.min(reachedAt ?? Infinity, pausedSince ?? Infinity, now);
  if (readAt > due) return 'breached';
  if (reachedAt !== null) return 'met';
  return pausedSince !== null ? 'paused' : 'running';
}

/** Pauses after a status change: a pause opens on entering a paused status and closes on leaving it. */
export function pausesAfter(pauses: readonly Pause[], paused: boolean, now: number): Pause[] {
  const open = openPause(pauses);
  if (paused && open === null) return [...pauses, { from: now, to: null }];
  if (!paused && open !== null) return pauses.map((p) => (p === open ? { from: p.from, to: Math.max(p.from, now) } : p));
  return [...pauses];
}
