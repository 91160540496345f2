import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';

import { dueTasks, nextDueAt } from '../schedule/due.js';
import { MAX_SLEEP_MS, MIN_SLEEP_MS, sleepFor } from '../schedule/timing.js';
import { readSchedule } from './read-schedule.js';

export interface SupervisorOptions {
  readonly dataDir: string;
  readonly configFile?: string;
  readonly verbose?: boolean;
  /** argv that starts `deskside-agent` again (node + script, or a loader in tests). */
  readonly launcher: readonly string[];
  readonly log: (line: string) => void;
  /** A round that takes longer than this is stopped (a stuck collector must not stall the schedule). */
  readonly roundTimeoutMs?: number;
  /** The worker that serves the machine's users; while it runs, rounds run in it. */
  readonly worker?: { readonly active: boolean; round(reason: string): Promise<boolean> };
  /** Events a round's process reports (to the users' clients). */
  readonly onRoundMessage?: (message: unknown) => void;
}

/** How late a timer may fire before we conclude the machine slept (and treat it as a resume). */
const SLEEP_DETECT_MS = 30_000;

/**
 * The `deskside-agent run` daemon. It stays small: it only sleeps and starts rounds. Each round
 * (check-in, deliveries, inventory when due) runs in a short-lived `deskside-agent tick` process that
 * loads the core, does the work, writes the next due times to state.json and exits — so the memory
 * of collecting an inventory is returned to the OS and the idle daemon costs little more than Node.
 * Wakes at most once a minute when idle. SIGHUP asks for a round now; SIGTERM/SIGINT stop cleanly.
 */
export class Supervisor {
  private timer: NodeJS.Timeout | null = null;
  private child: ChildProcess | null = null;
  private stopping = false;
  private pending: string | null = 'start';
  private failures = 0;
  private expectedWake = 0;
  private roundDone: Promise<void> = Promise.resolve();
  private resolveStopped: () => void = () => undefined;
  readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));

  constructor(private readonly options: SupervisorOptions) {}

  start(): void {
    this.arm(0);
  }

  /** A round now (SIGHUP, or a resume detected from the clock). */
  trigger(reason: string): void {
    if (this.stopping) return;
    this.pending = reason;
    if (this.child === null) this.arm(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.child) this.child.kill('SIGTERM');
    else this.resolveStopped();
    await this.stopped;
  }

  private arm(ms: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.expectedWake = Date.now() + ms;
    this.timer = setTimeout(() => void this.wake(), ms);
  }

  private async wake(): Promise<void> {
    this.timer = null;
    if (Date.now() - this.expectedWake > SLEEP_DETECT_MS) this.pending ??= 'resume';
    const schedule = await readSchedule(this.options.dataDir);
    // No readable schedule: a round writes one.
    const due = schedule === null || dueTasks(schedule, new Date()).length > 0;
    if (this.pending !== null || due) {
      const reason = this.pending ?? 'schedule';
      this.pending = null;
      await this.round(reason);
    }
    if (this.stopping) return;
    if (this.pending !== null) return this.arm(MIN_SLEEP_MS);
    const next = await readSchedule(this.options.dataDir);
    // After failed rounds, wait longer (up to the one-minute cap) instead of hammering.
    const floor = Math.min(MAX_SLEEP_MS, this.failures * 10_000);
    const now = new Date();
    this.arm(Math.max(floor, sleepFor(now, next ? [nextDueAt(next, now)] : [])));
  }

  /** Resolves once no round runs as a process of its own. */
  roundFinished(): Promise<void> {
    return this.roundDone;
  }

  private async round(reason: string): Promise<void> {
    const worker = this.options.worker;
    if (worker?.active) {
      const ok = await worker.round(reason);
      this.failures = ok ? 0 : this.failures + 1;
      return;
    }
    this.roundDone = this.roundProcess(reason);
    await this.roundDone;
  }

  private roundProcess(reason: string): Promise<void> {
    const [command, ...prefix] = this.options.launcher;
    const args = [
      ...prefix,
      '--data-dir',
      this.options.dataDir,
      ...(this.options.configFile ? ['--config', this.options.configFile] : []),
      ...(this.options.verbose ? ['--verbose'] : []),
      'tick',
      '--reason',
      reason,
    ];
    return new Promise((resolve) => {
      const child = spawn(command ?? process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      this.child = child;
      child.on('message', (message) => this.options.onRoundMessage?.(message));
      const limit = setTimeout(() => {
        this.options.log(`round "${reason}" exceeded ${this.options.roundTimeoutMs ?? 900_000} ms; stopping it`);
        child.kill('SIGKILL');
      }, this.options.roundTimeoutMs ?? 900_000);
      child.on('error', (e) => this.options.log(`cannot start a round: ${e.message}`));
      child.on('close', (code, signal) => {
        clearTimeout(limit);
        this.child = null;
        if (code === 0) this.failures = 0;
        else {
          this.failures += 1;
          if (!this.stopping) this.options.log(`round "${reason}" ended with ${signal ?? `exit code ${code}`}`);
        }
        if (this.stopping) this.resolveStopped();
        resolve();
      });
    });
  }
}
