import type { z } from 'zod';

/**
 * queued: waiting for its first attempt · sending: claimed by an instance, under its lease ·
 * sent: done · failed: the last attempt failed, another is due at `nextAttemptAt` ·
 * dead: given up (a permanent failure, or too many attempts); an admin may retry it.
 */
export const OUTBOUND_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** What the code that causes a send writes, in the transaction that records the event. */
export interface NewOutboundJob {
  /** Which handler sends it (`mail`, `webhook`…). */
  readonly kind: string;
  /** JSON-serialisable; the handler checks it with its own schema before each attempt. */
  readonly payload: unknown;
  /**
   * Unique across all jobs: the same event must produce the same key (`mail:ticket-received:<id>`),
   * so it is enqueued once however often the code path runs.
   */
  readonly dedupeKey: string;
  /** Epoch ms before which it is not sent; now when absent. */
  readonly notBefore?: number;
}

export interface OutboundJob {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly dedupeKey: string;
  readonly status: OutboundStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  readonly lastError: string | null;
  readonly lastResponse: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
}

/** What a handler learns about the attempt it makes. */
export interface OutboundAttempt {
  readonly jobId: string;
  readonly dedupeKey: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborted when the instance shuts down and the attempt outlasts the grace period. */
  readonly signal: AbortSignal;
}

export interface OutboundResult {
  /** What the far end answered (an SMTP reply line, an HTTP status), kept on the job for admins. */
  readonly response?: string;
}

/**
 * Sends the jobs of one kind. `send` resolves when the far end accepted the job and throws when it did
 * not: an `OutboundError` says whether trying again can help; any other error counts as transient.
 * Delivery is at least once: an instance killed after the far end accepted but before the job was
 * marked sent retries it, so a handler should give the far end a stable id (a Message-ID, an
 * idempotency header) derived from `attempt.jobId`.
 */
export interface OutboundHandler<P = unknown> {
  readonly kind: string;
  readonly payload: z.ZodType<P>;
  /** Attempts before the job is dead; the worker's default when absent. */
  readonly maxAttempts?: number;
  send(payload: P, attempt: OutboundAttempt): Promise<OutboundResult>;
}

/** Keeps `payload`'s type tied to `send`'s argument when a handler is written as an object literal. */
export function defineHandler<P>(handler: OutboundHandler<P>): OutboundHandler<P> {
  return handler;
}

/** A failed attempt, with whether it is worth repeating (a 4xx SMTP reply is; a 5xx is not). */
export class OutboundError extends Error {
  readonly permanent: boolean;
  readonly response: string | null;

  constructor(message: string, options: { readonly permanent: boolean; readonly response?: string | null; readonly cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutboundError';
    this.permanent = options.permanent;
    this.response = options.response ?? null;
  }
}
