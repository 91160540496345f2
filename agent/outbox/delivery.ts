import type { OutboxItemSummary } from '../agent-types.js';
import { ApiRequestError } from '../transport/api-error.js';
import type { Delivered, DeviceApi } from '../transport/device-api.js';
import { TransportError } from '../transport/transport-error.js';
import type { BackoffPolicy } from './backoff.js';
import { DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, nextDelayMs } from './backoff.js';
import type { OutboxItem } from './outbox-item.js';
import type { Outbox } from './outbox.js';
import { summarize } from './outbox.js';

export interface FlushOptions {
  readonly now: () => Date;
  readonly random: () => number;
  readonly backoff?: BackoffPolicy;
  /** Manual "sync now": try items still waiting out their backoff (a server's Retry-After still holds). */
  readonly ignoreBackoff?: boolean;
  /** Give items that failed for good one more try (after an admin fixed the cause). */
  readonly retryFailed?: boolean;
  readonly signal?: AbortSignal;
  readonly onDelivered?: (item: OutboxItem, result: Delivered<unknown>) => Promise<void> | void;
  readonly onFailed?: (item: OutboxItemSummary, permanent: boolean, message: string) => void;
}

export interface FlushResult {
  readonly delivered: readonly OutboxItem[];
  readonly remaining: readonly OutboxItem[];
  /** The server refused the credential: stop and re-enroll (or show "not enrolled"). */
  readonly unauthorized: boolean;
  readonly errors: readonly string[];
}

async function send(outbox: Outbox, api: DeviceApi, item: OutboxItem): Promise<Delivered<unknown>> {
  const body = await outbox.readBody(item);
  switch (item.kind) {
    case 'inventory':
      return api.putInventory(body, item.id);
    case 'ticket':
      return api.postTicket(
        body.toString('utf8'),
        item.attachments.map((a) => ({ field: a.field, filename: a.name, contentType: a.type, path: outbox.attachmentPath(a.file), size: a.size })),
        item.id,
      );
    case 'comment':
      if (!item.ticketId) throw new Error(`comment ${item.id} has no ticket id`);
      return api.postComment(item.ticketId, JSON.parse(body.toString('utf8')));
    case 'diagnostics':
      if (!item.ticketId) throw new Error(`diagnostics ${item.id} have no ticket id`);
      return api.postDiagnostics(item.ticketId, JSON.parse(body.toString('utf8')));
    case 'feedback':
      if (!item.ticketId) throw new Error(`feedback ${item.id} has no ticket id`);
      return api.postFeedback(item.ticketId, JSON.parse(body.toString('utf8')));
    case 'article-feedback':
      return api.postArticleFeedback(JSON.parse(body.toString('utf8')));
  }
}

/**
 * Deliver what is due, oldest first. A network failure or a 5xx stops the round (the next items would
 * only fail the same way) and backs the item off with full jitter; a permanent 4xx marks just that
 * item failed, keeps it, reports it, and moves on; a 401 stops everything for re-enrollment.
 */
export async function flushOutbox(outbox: Outbox, api: DeviceApi, options: FlushOptions): Promise<FlushResult> {
  const delivered: OutboxItem[] = [];
  const errors: string[] = [];
  let unauthorized = false;
  const items = await outbox.list();
  const pendingTickets = new Set(items.filter((i) => i.kind === 'ticket').map((i) => i.id));

  for (const original of items) {
    if (options.signal?.aborted) break;
    let item = original;
    const now = options.now();
    if (item.failed !== null) {
      if (!options.retryFailed) continue;
      item = { ...item, failed: null };
    }
    if (item.notBefore !== null && Date.parse(item.notBefore) > now.getTime()) continue;
    if (!options.ignoreBackoff && item.nextAttemptAt !== null && Date.parse(item.nextAttemptAt) > now.getTime()) continue;
    // A reply to a ticket still in the queue waits for the ticket, or the server would not know it.
    if ((item.kind === 'comment' || item.kind === 'feedback') && item.ticketId && pendingTickets.has(item.ticketId)) continue;

    try {
      const result = await send(outbox, api, item);
      await options.onDelivered?.(item, result);
      await outbox.remove(item.id);
      if (item.kind === 'ticket') pendingTickets.delete(item.id);
      delivered.push(item);
      continue;
    } catch (e) {
      if (e instanceof ApiRequestError && e.kind === 'unauthorized') {
        unauthorized = true;
        errors.push(`${item.label}: ${e.message}`);
        break;
      }
      if (e instanceof ApiRequestError && e.kind === 'permanent') {
        // The server's code travels with the kept item, so the user is told why (e.g. ticket_closed).
        const failed = { status: e.status, code: e.code, message: e.message, at: now.toISOString() };
        const next = { ...item, attempts: item.attempts + 1, lastError: e.message, failed };
        await outbox.update(next);
        errors.push(`${item.label}: refused by the server: ${e.message}`);
        options.onFailed?.(summarize(next), true, e.message);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        // The payload vanished (removed by hand, or by another process after delivery): nothing to retry.
        const message = 'the queued data of this item is missing on disk';
        const next = { ...item, lastError: message, failed: { status: null, message, at: now.toISOString() } };
        await outbox.update(next);
        errors.push(`${item.label}: ${message}`);
        options.onFailed?.(summarize(next), true, message);
        continue;
      }
      if (e instanceof TransportError && !e.retryable) {
        errors.push(`${item.label}: ${e.message}`);
        break;
      }
      const message = e instanceof Error ? e.message : String(e);
      const retryAfterMs = e instanceof ApiRequestError ? e.retryAfterMs : null;
      const delay = nextDelayMs(item.attempts, options.random, options.backoff ?? DEFAULT_BACKOFF, retryAfterMs);
      const next: OutboxItem = {
        ...item,
        attempts: item.attempts + 1,
        lastError: message,
        nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
        notBefore: retryAfterMs !== null ? new Date(now.getTime() + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)).toISOString() : null,
      };
      await outbox.update(next);
      errors.push(`${item.label}: ${message}; next try after ${next.nextAttemptAt}`);
      options.onFailed?.(summarize(next), false, message);
      if (e instanceof ApiRequestError || e instanceof TransportError) break;
    }
  }
  return { delivered, remaining: await outbox.list(), unauthorized, errors };
}
