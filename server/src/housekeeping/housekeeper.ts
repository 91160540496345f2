import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { HousekeepingContext, HousekeepingJob } from './job.js';
import { HOUSEKEEPING_JOBS } from './jobs.js';

/** The lease row every instance competes for. */
export const HOUSEKEEPER_LEASE = 'housekeeper';

export interface HousekeeperOptions {
  readonly jobs?: readonly HousekeepingJob[];
  /** How often an instance checks the lease and the schedule. */
  readonly tickMs?: number;
  /** How long a holder keeps the lease without renewing it: how soon another instance takes over after it dies. */
  readonly leaseMs?: number;
  /** Who this instance is, in the lease row (host, process and a random part: restarts are new holders). */
  readonly holder?: string;
  readonly log?: { warn(details: object, message: string): void; debug(details: object, message: string): void };
}

export interface TickOutcome {
  readonly holder: boolean;
  /** The jobs this tick ran, in order. */
  readonly ran: readonly string[];
}

const DEFAULT_TICK_MS = 60_000;
const DEFAULT_LEASE_MS = 180_000;

/**
 * Runs the housekeeping jobs on one instance at a time. Every instance (and every `--workers` process)
 * starts one; each tick it tries to take or renew the lease, and only the holder runs the jobs that are
 * due by the schedule kept in the database. A holder that dies stops renewing, so its lease lapses
 * after `leaseMs` and the next instance to tick takes over, continuing the same schedule. A clean stop
 * gives the lease up at once. The lease is renewed while a long job runs, and a holder that finds it
 * lost (it stalled past its lease) runs nothing more until it wins it again.
 */
export class Housekeeper {
  readonly holder: string;
  private readonly jobs: readonly HousekeepingJob[];
  private readonly tickMs: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickOutcome> | null = null;
  private stopped = false;

  constructor(
    private readonly context: HousekeepingContext,
    private readonly options: HousekeeperOptions = {},
  ) {
    this.jobs = options.jobs ?? HOUSEKEEPING_JOBS;
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (this.leaseMs <= this.tickMs) throw new Error('the housekeeping lease must outlast a tick, or holders would alternate');
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const names = new Set(this.jobs.map((j) => j.name));
    if (names.size !== this.jobs.length) throw new Error('housekeeping job names must be unique');
  }

  /** Ticks now and then every `tickMs` until `stop()`. */
  start(): void {
    if (this.timer !== null || this.stopped) return;
    const loop = () => {
      void this.tick().finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(loop, this.tickMs);
        this.timer.unref();
      });
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref();
  }

  /** One round: take or renew the lease, then run the jobs that are due. Never throws. */
  tick(): Promise<TickOutcome> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops ticking, waits for a running round to finish its current job, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    try {
      await this.context.store.leases.release(HOUSEKEEPER_LEASE, this.holder);
    } catch (err) {
      this.options.log?.warn({ err }, 'could not release the housekeeping lease; another instance takes it when it expires');
    }
  }

  private async round(): Promise<TickOutcome> {
    const { store } = this.context;
    const ran: string[] = [];
    try {
      if (this.stopped || !(await this.renew())) return { holder: false, ran };
      const last = new Map((await store.housekeepingJobs.list()).map((r) => [r.name, r.lastStartedAt]));
      for (const job of this.jobs) {
        if (this.stopped) break;
        const lastStarted = last.get(job.name);
        if (lastStarted !== undefined && store.clock() - lastStarted < job.everyMs) continue;
        // Renewed before each job: the jobs before it may have taken a while.
        if (!(await this.renew())) return { holder: false, ran };
        ran.push(job.name);
        await this.runJob(job);
      }
      return { holder: true, ran };
    } catch (err) {
      // The database is unreachable or the like: the next tick tries again.
      this.options.log?.warn({ err }, 'housekeeping round failed');
      return { holder: false, ran };
    }
  }

  private renew(): Promise<boolean> {
    return this.context.store.leases.acquire(HOUSEKEEPER_LEASE, this.holder, this.context.store.clock(), this.leaseMs);
  }

  private async runJob(job: HousekeepingJob): Promise<void> {
    const { store } = this.context;
    await store.housekeepingJobs.started(job.name, store.clock());
    // A job may outlast the lease: keep it renewed meanwhile.
    const keepAlive = setInterval(() => {
      this.renew().catch(() => undefined);
    }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
    keepAlive.unref();
    let error: string | null = null;
    try {
      const result = await job.run(this.context);
      this.options.log?.debug({ job: job.name, ...result }, 'housekeeping job done');
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      this.options.log?.warn({ err, job: job.name }, 'housekeeping job failed');
    } finally {
      clearInterval(keepAlive);
    }
    await store.housekeepingJobs.finished(job.name, store.clock(), error);
  }
}
