import { randomUUID } from 'node:crypto';

import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';

import type { Clock } from '../storage/clock.js';
import type { Database, OutboundJobsTable } from '../storage/tables.js';
import type { NewOutboundJob, OutboundJob, OutboundStatus } from './job.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Error and response texts are kept short: enough to diagnose, never a whole reply body. */
const TEXT_LIMIT = 2_000;
const clip = (text: string | null | undefined): string | null => (text === undefined || text === null ? null : text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text);

/**
 * Due: waiting and its time has come, or claimed by an instance whose lease ran out (it died or stalled
 * mid-send). The same condition guards the claiming UPDATE, so of two instances racing for a job only
 * one changes the row (SQLite serialises writers; PostgreSQL re-checks the condition after the first
 * UPDATE commits), with no row locks or advisory locks that differ between the two.
 */
function due(eb: ExpressionBuilder<Database, 'outbound_jobs'>, now: number) {
  return eb.or([
    eb.and([eb('status', 'in', ['queued', 'failed']), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('status', '=', 'sending'), eb('lease_expires_at', '<=', now)]),
  ]);
}

function toJob(r: Selectable<OutboundJobsTable>): OutboundJob {
  return {
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload) as unknown,
    dedupeKey: r.dedupe_key,
    status: r.status as OutboundStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at === null ? null : Number(r.lease_expires_at),
    lastError: r.last_error,
    lastResponse: r.last_response,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

export interface OutboundListQuery {
  readonly kind?: string;
  readonly statuses?: readonly OutboundStatus[];
  readonly limit: number;
}

/** The attempt's end as the worker reports it. */
export type AttemptOutcome =
  | { readonly status: 'sent'; readonly response: string | null }
  | { readonly status: 'failed'; readonly error: string; readonly response: string | null; readonly retryInMs: number }
  | { readonly status: 'dead'; readonly error: string; readonly response: string | null };

/**
 * The durable outbound queue: `enqueue` inside the transaction that records an event, and the worker's
 * claim / finish steps. Every write after the claim names the lease owner, so an instance that lost its
 * lease (it stalled and another took the job) can no longer change the job.
 */
export class OutboundQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds a job unless one with its dedupe key exists. Pass the transaction that records the event, so
   * the job exists exactly when the event does. Answers the job's id and whether this call created it.
   */
  async enqueue(trx: Db, job: NewOutboundJob): Promise<{ readonly id: string; readonly enqueued: boolean }> {
    const now = this.clock();
    const id = randomUUID();
    const inserted = await trx
      .insertInto('outbound_jobs')
      .values({
        id,
        kind: job.kind,
        payload: JSON.stringify(job.payload),
        dedupe_key: job.dedupeKey,
        status: 'queued',
        attempts: 0,
        next_attempt_at: job.notBefore ?? now,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        last_response: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { id, enqueued: true };
    const existing = await trx.selectFrom('outbound_jobs').select('id').where('dedupe_key', '=', job.dedupeKey).executeTakeFirstOrThrow();
    return { id: existing.id, enqueued: false };
  }

  /** Claims up to `limit` due jobs of `kinds` for `owner` until now + `leaseMs`; each claim counts an attempt. */
  async claim(owner: string, kinds: readonly string[], limit: number, leaseMs: number): Promise<readonly OutboundJob[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    const now = this.clock();
    // Twice the room: some candidates go to a faster instance between this read and the UPDATE.
    const candidates = await this.db
      .selectFrom('outbound_jobs')
      .select('id')
      .where('kind', 'in', [...kinds])
      .where((eb) => due(eb, now))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit * 2)
      .execute();
    const claimed: OutboundJob[] = [];
    for (const { id } of candidates) {
      if (claimed.length >= limit) break;
      const row = await this.db
        .updateTable('outbound_jobs')
        .set((eb) => ({ status: 'sending', lease_owner: owner, lease_expires_at: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where((eb) => due(eb, now))
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) claimed.push(toJob(row));
    }
    return claimed;
  }

  /** Extends the lease of jobs `owner` is still sending; answers the ids it still holds. */
  async renew(ids: readonly string[], owner: string, leaseMs: number): Promise<readonly string[]> {
    if (ids.length === 0) return [];
    const now = this.clock();
    const rows = await this.db
      .updateTable('outbound_jobs')
      .set({ lease_expires_at: now + leaseMs, updated_at: now })
      .where('id', 'in', [...ids])
      .where('lease_owner', '=', owner)
      .where('status', '=', 'sending')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Records an attempt's end; false when `owner` no longer held the job (another instance took it over). */
  async finish(id: string, owner: string, outcome: AttemptOutcome): Promise<boolean> {
    const now = this.clock();
    const common = { lease_owner: null, lease_expires_at: null, updated_at: now, last_response: clip(outcome.response) };
    const changes =
      outcome.status === 'sent'
        ? { ...common, status: 'sent', last_error: null, finished_at: now }
        : outcome.status === 'failed'
          ? { ...common, status: 'failed', last_error: clip(outcome.error), next_attempt_at: now + outcome.retryInMs }
          : { ...common, status: 'dead', last_error: clip(outcome.error), finished_at: now };
    const result = await this.db.updateTable('outbound_jobs').set(changes).where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'sending').executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async get(id: string): Promise<OutboundJob | null> {
    const row = await this.db.selectFrom('outbound_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toJob(row);
  }

  /** `db`: the caller's transaction when inside one. */
  async byDedupeKey(dedupeKey: string, db: Db = this.db): Promise<OutboundJob | null> {
    const row = await db.selectFrom('outbound_jobs').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    return row === undefined ? null : toJob(row);
  }

  /** Newest first. */
  async list(query: OutboundListQuery): Promise<readonly OutboundJob[]> {
    let q = this.db.selectFrom('outbound_jobs').selectAll();
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    if (query.statuses !== undefined && query.statuses.length > 0) q = q.where('status', 'in', [...query.statuses]);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toJob);
  }

  /** How many jobs of `kind` are in each status. */
  async counts(kind?: string): Promise<Readonly<Record<OutboundStatus, number>>> {
    let q = this.db.selectFrom('outbound_jobs').select((eb) => ['status', eb.fn.countAll<number>().as('n')]);
    if (kind !== undefined) q = q.where('kind', '=', kind);
    const rows = await q.groupBy('status').execute();
    const counts: Record<OutboundStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, dead: 0 };
    for (const r of rows) if (r.status in counts) counts[r.status as OutboundStatus] = Number(r.n);
    return counts;
  }

  /** An admin's "try again": a dead or failed job is due now with a fresh count of attempts. */
  async retry(id: string): Promise<boolean> {
    const now = this.clock();
    const result = await this.db
      .updateTable('outbound_jobs')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now, finished_at: null, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'failed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Sent and dead jobs finished before `before` go (housekeeping); answers how many. */
  async pruneFinished(before: number): Promise<number> {
    const result = await this.db.deleteFrom('outbound_jobs').where('status', 'in', ['sent', 'dead']).where('finished_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
