/**
 * What is due, decided in one place for the three loops that ask: the in-process scheduler (the tray's
 * embedded agent), the service's supervisor (which reads the times from state.json), and a round of
 * the service. Kept free of imports: the supervisor is a small long-lived process.
 */
export type TaskName = 'checkin' | 'inventory' | 'outbox';

/** The order a round runs its tasks in: check in first (it may ask for a full inventory), deliver, collect. */
export const TASK_ORDER: readonly TaskName[] = ['checkin', 'outbox', 'inventory'];

export interface DueTimes {
  /** Null: never checked in, so a check-in is due. */
  readonly nextCheckinAt: Date | null;
  /** Null: nothing waits in the outbox. */
  readonly nextOutboxAt: Date | null;
  /** Null: not scheduled yet; the agent schedules the first one within the interval before anything runs. */
  readonly nextInventoryAt: Date | null;
}

const timeOf = (times: DueTimes, task: TaskName): Date | null => {
  switch (task) {
    case 'checkin':
      return times.nextCheckinAt;
    case 'outbox':
      return times.nextOutboxAt;
    case 'inventory':
      return times.nextInventoryAt;
  }
};

/** Whether `task` should run now; `forced` (start, resume, network change, Sync now) runs check-in and delivery, never a collection. */
export function isDue(task: TaskName, times: DueTimes, now: Date, forced = false): boolean {
  if (forced && task !== 'inventory') return true;
  const at = timeOf(times, task);
  if (at === null) return task === 'checkin';
  return at.getTime() <= now.getTime();
}

export function dueTasks(times: DueTimes, now: Date, forced = false): TaskName[] {
  return TASK_ORDER.filter((task) => isDue(task, times, now, forced));
}

/** When the next task falls due (now, when one already is); null when nothing is scheduled. */
export function nextDueAt(times: DueTimes, now: Date): Date | null {
  if (dueTasks(times, now).length > 0) return now;
  const future = TASK_ORDER.map((t) => timeOf(times, t)).filter((d): d is Date => d !== null);
  return future.length === 0 ? null : new Date(Math.min(...future.map((d) => d.getTime())));
}
