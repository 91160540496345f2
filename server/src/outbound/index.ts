/**
 * The outbound job queue: durable, deduplicated, leased sends shared by mail, webhooks and connectors.
 *
 * - Enqueue in the transaction that records the event: `store.outbound.enqueue(trx, { kind, payload, dedupeKey })`.
 * - Send: a handler per kind (`defineHandler({ kind, payload: zodSchema, send })`) registered in the
 *   `OutboundHandlers` the server builds (outbound/handlers.ts); every instance runs an `OutboundWorker`.
 * See docs/mail.md ("The outbound queue").
 */
export { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.js';
export { OUTBOUND_STATUSES, OutboundError, defineHandler, type NewOutboundJob, type OutboundAttempt, type OutboundHandler, type OutboundJob, type OutboundResult, type OutboundStatus } from './job.js';
export { OutboundQueue, type AttemptOutcome, type OutboundListQuery } from './queue.js';
export { OutboundHandlers } from './registry.js';
export { DEFAULT_MAX_ATTEMPTS, OutboundWorker, type OutboundWorkerOptions, type WorkerTick } from './worker.js';
