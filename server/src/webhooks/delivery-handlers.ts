import { WEBHOOK_HEADERS } from '@deskside/shared';
import { z } from 'zod';

import { defineHandler, OutboundError, type OutboundHandler } from '../outbound/job.js';
import type { Clock } from '../storage/clock.js';
import { DELIVERY_JOB_KINDS, type AttemptOutcome, type PendingDelivery, type WebhooksRepo } from '../storage/webhooks-repo.js';
import { httpPost, type Post } from './http-post.js';
import { signatureFor } from './signature.js';

/** What a delivery job carries: the delivery row holds the rest (body, target, log). */
const DeliveryJobSchema = z.strictObject({ deliveryId: z.uuid() });

/** Attempts per delivery before it is `failed` (the queue's jittered backoff spaces them over about a day). */
export const DELIVERY_MAX_ATTEMPTS = 8;

/** What the connectors do with one delivery (connectors/connector-runner.ts). */
export interface ConnectorRunner {
  deliver(delivery: PendingDelivery, connectorId: string, ticketId: string, lastAttempt: boolean, signal: AbortSignal): Promise<AttemptOutcome>;
}

export interface DeliveryHandlerOptions {
  readonly timeoutMs?: number;
  readonly post?: Post;
}

const responseLine = (o: AttemptOutcome): string | null => (o.status !== null ? `HTTP ${o.status}` : null);

/**
 * The outbound handlers of webhook and connector deliveries. Each attempt's result goes into the
 * delivery log; a failure is thrown back to the queue, which retries with its backoff until the last
 * attempt, after which the delivery reads `failed` (an administrator may redeliver it).
 */
export function deliveryHandlers(repo: WebhooksRepo, clock: Clock, connectors: ConnectorRunner, options: DeliveryHandlerOptions = {}): OutboundHandler[] {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const post = options.post ?? httpPost;

  const settle = async (deliveryId: string, attempt: number, outcome: AttemptOutcome): Promise<{ response: string }> => {
    const final = attempt >= DELIVERY_MAX_ATTEMPTS;
    await repo.recordAttempt(deliveryId, attempt, outcome, final);
    if (!outcome.ok) throw new OutboundError(outcome.error ?? 'the attempt failed', { permanent: final, response: responseLine(outcome) });
    return { response: responseLine(outcome) ?? outcome.excerpt ?? 'done' };
  };

  const webhook = defineHandler({
    kind: DELIVERY_JOB_KINDS.webhook,
    payload: DeliveryJobSchema,
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
    async send({ deliveryId }, attempt) {
      const d = await repo.pending(deliveryId);
      if (d === null || d.target.kind !== 'webhook') return { response: 'the subscription was deleted; nothing sent' };
      const timestamp = Math.floor(clock() / 1000);
      const headers = {
        [WEBHOOK_HEADERS.event]: d.event,
        [WEBHOOK_HEADERS.delivery]: d.id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signatureFor(d.target.secret, timestamp, d.body),
      };
      const result = await post(d.target.url, headers, d.body, timeoutMs, attempt.signal);
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      return settle(deliveryId, attempt.attempt, { ok, status: result.status, excerpt: result.excerpt, error: ok ? null : (result.error ?? `the receiver answered HTTP ${result.status}`), durationMs: result.durationMs });
    },
  });

  const connector = defineHandler({
    kind: DELIVERY_JOB_KINDS.connector,
    payload: DeliveryJobSchema,
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
    async send({ deliveryId }, attempt) {
      const d = await repo.pending(deliveryId);
      if (d === null || d.target.kind !== 'connector') return { response: 'the connector was deleted; nothing sent' };
      const outcome = await connectors.deliver(d, d.target.connectorId, d.target.ticketId, attempt.attempt >= DELIVERY_MAX_ATTEMPTS, attempt.signal);
      return settle(deliveryId, attempt.attempt, outcome);
    },
  });

  return [webhook as OutboundHandler, connector as OutboundHandler];
}
