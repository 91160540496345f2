import { WEBHOOK_HEADERS } from '@deskside/shared';

import type { Clock } from '../storage/clock.js';
import type { AttemptOutcome, ClaimedDelivery, WebhooksRepo } from '../storage/webhooks-repo.js';
import { nextAttemptAt } from './backoff.js';
import { httpPost, type Post } from './http-post.js';
import { signatureFor } from './signature.js';

export interface WebhookSenderOptions {
  /** Deliveries claimed per round; they are sent in parallel. */
  readonly batch?: number;
  /** The longest sleep between looks at the queue (events from jobs and other instances wait at most this). */
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  readonly post?: Post;
  readonly onError?: (err: unknown) => void;
  /** Carries out connector deliveries (creating and updating tickets in other helpdesks). */
  readonly connectors?: ConnectorRunner;
}

/** What the sender needs of the connectors: one attempt of one delivery, told whether it is the last. */
export interface ConnectorRunner {
  deliver(claim: ClaimedDelivery, connectorId: string, ticketId: string, lastAttempt: boolean): Promise<AttemptOutcome>;
}

/**
 * Sends due webhook deliveries. Every instance runs one: the claim's lease keeps each attempt to one
 * sender. A request that enqueued something wakes the sender of its own instance once it has
 * answered (its transaction has committed by then); everything else is found by the next poll.
 */
export class WebhookSender {
  private readonly batch: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly post: Post;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly repo: WebhooksRepo,
    private readonly clock: Clock,
    private readonly options: WebhookSenderOptions = {},
  ) {
    this.batch = options.batch ?? 32;
    this.pollMs = options.pollMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.post = options.post ?? httpPost;
    this.unsubscribe = repo.onCommitted(() => this.wake());
  }

  /** One attempt of each due delivery (up to the batch); answers how many were attempted. */
  async runOnce(): Promise<number> {
    const claimed = await this.repo.claimDue(this.batch);
    await Promise.all(claimed.map((c) => this.attempt(c)));
    return claimed.length;
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    let outcome: AttemptOutcome;
    const target = claim.target;
    switch (target.kind) {
      case 'webhook':
        outcome = await this.webhook(claim, target.url, target.secret);
        break;
      case 'connector':
        outcome =
          this.options.connectors === undefined
            ? { ok: false, status: null, excerpt: null, error: 'no connector runner in this process', durationMs: 0 }
            : await this.options.connectors.deliver(claim, target.connectorId, target.ticketId, nextAttemptAt(claim.attempts + 1, this.clock()) === null);
        break;
      default: {
        const unreachable: never = target;
        throw new Error(`unknown delivery target ${String(unreachable)}`);
      }
    }
    const at = this.clock();
    await this.repo.recordAttempt(claim, outcome, at, outcome.ok ? null : nextAttemptAt(claim.attempts + 1, at));
  }

  private async webhook(claim: ClaimedDelivery, url: string, secret: string): Promise<AttemptOutcome> {
    const timestamp = Math.floor(this.clock() / 1000);
    const headers = {
      [WEBHOOK_HEADERS.event]: claim.event,
      [WEBHOOK_HEADERS.delivery]: claim.id,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: signatureFor(secret, timestamp, claim.body),
    };
    const result = await this.post(url, headers, claim.body, this.timeoutMs);
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    return { ok, status: result.status, excerpt: result.excerpt, error: ok ? null : (result.error ?? `the receiver answered HTTP ${result.status}`), durationMs: result.durationMs };
  }

  /** Look at the queue now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let attempted = 0;
        try {
          attempted = await this.runOnce();
        } catch (err) {
          this.options.onError?.(err);
        }
        // A full batch means more may be due: go again at once.
        if (attempted >= this.batch || !this.running) continue;
        if (this.woken) {
          this.woken = false;
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
        this.woken = false;
      }
    })();
  }

  /** Finishes the round in flight (each attempt has its own deadline), then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe();
    this.wakeUp?.();
    await this.loop;
  }
}
