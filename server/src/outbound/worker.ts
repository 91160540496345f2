import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.js';
import { OutboundError, type OutboundJob } from './job.js';
import type { AttemptOutcome, OutboundQueue } from './queue.js';
import type { OutboundHandlers } from './registry.js';

export interface OutboundWorkerOptions {
  /** Who this instance is, in `lease_owner` (host, process, random part: a restart is a new owner). */
  readonly owner?: string;
  /** How often it looks for due jobs. */
  readonly pollMs?: number;
  /** How long a claimed job stays this instance's without renewal: how soon another retries it after a crash. */
  readonly leaseMs?: number;
  /** Jobs sent at once by this instance. */
  readonly concurrency?: number;
  /** Attempts before a job is dead, for handlers that do not set their own. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  /** How long `stop()` lets running attempts finish before aborting them. */
  readonly stopGraceMs?: number;
  readonly log?: { warn(details: object, message: string): void; debug(details: object, message: string): void };
}

export interface WorkerTick {
  readonly sent: number;
  readonly failed: number;
  readonly dead: number;
  /** Attempts whose job another instance had taken over meanwhile (their outcome was dropped). */
  readonly lost: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_POLL_MS = 2_000;
const DEFAULT_LEASE_MS = 120_000;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_STOP_GRACE_MS = 10_000;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Sends due outbound jobs. Every server instance (and every `--workers` process) runs one; each tick it
 * claims due jobs of the kinds it has handlers for (the claim is atomic, see queue.ts), renews their
 * lease while they are sent, and records each outcome: sent; failed with the next attempt after an
 * exponential, jittered wait; or dead at once for a permanent failure or after the last attempt.
 */
export class OutboundWorker {
  readonly owner: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly stopGraceMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<WorkerTick> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly queue: OutboundQueue,
    private readonly handlers: OutboundHandlers,
    private readonly options: OutboundWorkerOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.stopGraceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    if (this.maxAttempts < 1) throw new Error('maxAttempts must be at least 1');
  }

  /** Ticks now and then every `pollMs` (sooner after a tick that found work) until `stop()`. */
  start(): void {
    if (this.timer !== null || this.stopped) return;
    const loop = () => {
      void this.tick().then((t) => {
        if (this.stopped) return;
        const busy = t.sent + t.failed + t.dead > 0;
        this.timer = setTimeout(loop, busy ? 0 : this.pollMs);
        this.timer.unref();
      });
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref();
  }

  /** One round: claim what is due and send it. Never throws. */
  tick(): Promise<WorkerTick> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Stops claiming, lets running attempts finish for `stopGraceMs`, then aborts them. An attempt that
   * ends aborted is left to be retried after its lease by whichever instance is next.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const running = this.running;
    if (running === null) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise<void>((resolve) => (grace = setTimeout(resolve, this.stopGraceMs)))]);
    clearTimeout(grace);
    this.abort.abort(new Error('the server is shutting down'));
    await running;
  }

  private async round(): Promise<WorkerTick> {
    const tally = { sent: 0, failed: 0, dead: 0, lost: 0 };
    if (this.stopped) return tally;
    let jobs: readonly OutboundJob[];
    try {
      jobs = await this.queue.claim(this.owner, this.handlers.kinds(), this.concurrency, this.leaseMs);
    } catch (err) {
      this.options.log?.warn({ err }, 'could not claim outbound jobs; trying again at the next tick');
      return tally;
    }
    if (jobs.length === 0) return tally;
    const held = new Set(jobs.map((j) => j.id));
    // Renewed while any attempt runs: a slow far end must not let another instance send the job again.
    const keepAlive = setInterval(
      () => {
        this.queue.renew([...held], this.owner, this.leaseMs).catch((err: unknown) => this.options.log?.warn({ err }, 'could not renew outbound leases'));
      },
      Math.max(1_000, Math.floor(this.leaseMs / 3)),
    );
    keepAlive.unref();
    try {
      await Promise.all(
        jobs.map(async (job) => {
          const outcome = await this.attempt(job);
          try {
            const kept = await this.queue.finish(job.id, this.owner, outcome);
            tally[kept ? outcome.status : 'lost'] += 1;
            if (!kept) this.options.log?.warn({ job: job.id, kind: job.kind }, 'outbound job was taken over by another instance during its attempt');
          } catch (err) {
            // The outcome is lost with the database; the lease runs out and the job is tried again.
            this.options.log?.warn({ err, job: job.id }, 'could not record an outbound attempt');
          } finally {
            held.delete(job.id);
          }
        }),
      );
    } finally {
      clearInterval(keepAlive);
    }
    return tally;
  }

  private async attempt(job: OutboundJob): Promise<AttemptOutcome> {
    const handler = this.handlers.get(job.kind);
    if (handler === undefined) return { status: 'dead', error: `no handler for kind "${job.kind}"`, response: null };
    const maxAttempts = handler.maxAttempts ?? this.maxAttempts;
    if (job.attempts > maxAttempts) {
      // The previous holder died during the last allowed attempt.
      return { status: 'dead', error: job.lastError ?? `gave up after ${maxAttempts} attempts (the last one never finished)`, response: job.lastResponse };
    }
    const parsed = handler.payload.safeParse(job.payload);
    if (!parsed.success) return { status: 'dead', error: `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, response: null };
    try {
      const result = await handler.send(parsed.data, { jobId: job.id, dedupeKey: job.dedupeKey, attempt: job.attempts, signal: this.abort.signal });
      this.options.log?.debug({ job: job.id, kind: job.kind, attempt: job.attempts }, 'outbound job sent');
      return { status: 'sent', response: result.response ?? null };
    } catch (err) {
      const permanent = err instanceof OutboundError && err.permanent;
      const response = err instanceof OutboundError ? err.response : null;
      const error = messageOf(err);
      this.options.log?.warn({ job: job.id, kind: job.kind, attempt: job.attempts, permanent, error }, 'outbound attempt failed');
      if (permanent || job.attempts >= maxAttempts) return { status: 'dead', error, response };
      return { status: 'failed', error, response, retryInMs: retryDelay(job.attempts, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random) };
    }
  }
}
