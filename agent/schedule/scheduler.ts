import type { DueTimes, TaskName } from './due.js';
import { isDue, nextDueAt, TASK_ORDER } from './due.js';
import { MAX_SLEEP_MS, MIN_SLEEP_MS, sleepFor } from './timing.js';

export type { TaskName };

export interface SchedulerTasks {
  /** When each task is next due (see due.ts for what null means); read fresh before every sleep. */
  times(): DueTimes;
  /** Run one task; failures are the task's business (it reschedules itself), never the loop's. */
  run(task: TaskName, reason: string): Promise<void>;
}

export interface SchedulerOptions {
  readonly now: () => Date;
  readonly setTimer?: (fn: () => void, ms: number) => NodeJS.Timeout;
  readonly clearTimer?: (t: NodeJS.Timeout) => void;
}

/**
 * One timer for everything: sleep until the earliest due task (at most a minute), run what is due,
 * one task at a time, then sleep again. Triggers (start, resume, network change, "sync now") run a
 * check-in and an outbox round right away; triggers that arrive while a round runs are coalesced.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private pending: { reason: string } | null = null;
  /** Wake-ups so far, for tests and the idle benchmark. */
  wakeups = 0;

  constructor(
    private readonly tasks: SchedulerTasks,
    private readonly options: SchedulerOptions,
  ) {}

  start(reason = 'start'): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.trigger(reason);
  }

  /** Run a check-in and an outbox round as soon as the current round ends. */
  trigger(reason: string): void {
    if (this.stopped) return;
    this.pending = { reason };
    if (this.running === null) this.arm(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) (this.options.clearTimer ?? clearTimeout)(this.timer);
    this.timer = null;
    await this.running;
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    if (this.timer) (this.options.clearTimer ?? clearTimeout)(this.timer);
    this.timer = (this.options.setTimer ?? setTimeout)(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
        if (this.pending) this.arm(MIN_SLEEP_MS);
        else this.arm(this.nextSleep());
      });
    }, ms);
  }

  nextSleep(): number {
    if (this.pending) return MIN_SLEEP_MS;
    const now = this.options.now();
    return Math.min(MAX_SLEEP_MS, sleepFor(now, [nextDueAt(this.tasks.times(), now)]));
  }

  private async tick(): Promise<void> {
    this.wakeups += 1;
    const trigger = this.pending;
    this.pending = null;
    for (const task of TASK_ORDER) {
      if (this.stopped) return;
      const forced = trigger !== null && task !== 'inventory';
      if (isDue(task, this.tasks.times(), this.options.now(), forced)) await this.tasks.run(task, forced ? trigger.reason : 'schedule');
    }
  }
}
