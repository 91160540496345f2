import { randomUUID } from 'node:crypto';

import type { WebhookBody, WebhookCreate, WebhookDelivery, WebhookDeliveryEvent, WebhookEvent, WebhookSubscription, WebhookUpdate } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import { newWebhookSecret } from '../webhooks/signature.js';
import type { Clock } from './clock.js';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from './integration-tables.js';
import type { Database } from './tables.js';
import { bit, bool, iso, isoOrNull, json, parseJson } from './values.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How long a sender holds a claimed delivery before another instance may take it over. */
export const DELIVERY_LEASE_MS = 60_000;
/** The delivery log shown per subscription. */
const LOG_PAGE = 50;

export const toDelivery = (r: WebhookDeliveriesTable): WebhookDelivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  event: r.event as WebhookDeliveryEvent,
  eventId: r.event_id,
  state: r.state as WebhookDelivery['state'],
  attempts: r.attempts,
  createdAt: iso(r.created_at),
  lastAttemptAt: isoOrNull(r.last_attempt_at),
  nextAttemptAt: r.state === 'pending' ? isoOrNull(r.next_attempt_at) : null,
  deliveredAt: isoOrNull(r.delivered_at),
  responseStatus: r.response_status,
  responseExcerpt: r.response_excerpt,
  error: r.error,
  durationMs: r.duration_ms,
  redeliveryOf: r.redelivery_of,
});

const toSubscription = (r: WebhookSubscriptionsTable, last: WebhookDeliveriesTable | undefined): WebhookSubscription => ({
  id: r.id,
  name: r.name,
  url: r.url,
  events: parseJson<WebhookEvent[]>(r.events),
  enabled: bool(r.enabled),
  secretHint: `…${r.secret.slice(-4)}`,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  lastDelivery: last === undefined ? null : toDelivery(last),
});

/** Where a claimed delivery goes: a subscriber's URL (signed with its secret), or a connector's helpdesk. */
export type DeliveryTarget =
  | { readonly kind: 'webhook'; readonly url: string; readonly secret: string }
  | { readonly kind: 'connector'; readonly connectorId: string; readonly ticketId: string };

/** A delivery claimed by a sender. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly event: string;
  readonly body: string;
  readonly attempts: number;
  readonly target: DeliveryTarget;
  readonly leaseUntil: number;
}

/** The outcome of one attempt, as the log keeps it. */
export interface AttemptOutcome {
  readonly ok: boolean;
  readonly status: number | null;
  readonly excerpt: string | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/**
 * Webhook subscriptions and their deliveries. Each delivery row is both the log an administrator
 * reads and the durable job a sender claims: enqueued inside the transaction of the event itself (so
 * an event rolled back is never announced, and one committed is never lost), then claimed under a
 * lease by whichever instance gets there first.
 */
export class WebhooksRepo {
  private readonly listeners = new Set<() => void>();
  /** Something was enqueued since the last announcement. */
  private fresh = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Told when deliveries enqueued by a finished request are committed (see announce). */
  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called after a request has answered, when whatever it enqueued has committed: the senders of this
   * instance look at once instead of at their next poll.
   */
  announce(): void {
    if (!this.fresh) return;
    this.fresh = false;
    for (const listener of this.listeners) listener();
  }

  /* ───────────── subscriptions ───────────── */

  private async lastDeliveries(ids: readonly string[]): Promise<Map<string, WebhookDeliveriesTable>> {
    const map = new Map<string, WebhookDeliveriesTable>();
    for (const id of ids) {
      const last = await this.db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (last !== undefined) map.set(id, last);
    }
    return map;
  }

  async list(): Promise<WebhookSubscription[]> {
    const rows = await this.db.selectFrom('webhook_subscriptions').selectAll().orderBy('name').orderBy('id').execute();
    const last = await this.lastDeliveries(rows.map((r) => r.id));
    return rows.map((r) => toSubscription(r, last.get(r.id)));
  }

  async get(id: string): Promise<WebhookSubscription | null> {
    const row = await this.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    return toSubscription(row, (await this.lastDeliveries([id])).get(id));
  }

  async create(input: WebhookCreate & { enabled: boolean }, createdBy: string): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const now = this.clock();
    const secret = newWebhookSecret();
    const row: WebhookSubscriptionsTable = {
      id: randomUUID(),
      name: input.name,
      url: input.url,
      events: json(input.events),
      secret,
      enabled: bit(input.enabled),
      created_at: now,
      updated_at: now,
      created_by: createdBy,
    };
    await this.db.insertInto('webhook_subscriptions').values(row).execute();
    return { subscription: toSubscription(row, undefined), secret };
  }

  async update(id: string, patch: WebhookUpdate): Promise<WebhookSubscription | null> {
    const set: Partial<WebhookSubscriptionsTable> = { updated_at: this.clock() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.events !== undefined) set.events = json(patch.events);
    if (patch.enabled !== undefined) set.enabled = bit(patch.enabled);
    const r = await this.db.updateTable('webhook_subscriptions').set(set).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) === 0 ? null : this.get(id);
  }

  /** A new secret replaces the old at once; deliveries still waiting are signed with the new one. */
  async rotateSecret(id: string): Promise<{ subscription: WebhookSubscription; secret: string } | null> {
    const secret = newWebhookSecret();
    const r = await this.db.updateTable('webhook_subscriptions').set({ secret, updated_at: this.clock() }).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return null;
    const subscription = await this.get(id);
    return subscription === null ? null : { subscription, secret };
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /* ───────────── enqueueing ───────────── */

  /**
   * The enabled subscriptions to this event. Subscriptions are few (an IT department has a handful),
   * so they are filtered here rather than by a JSON query each engine spells differently.
   */
  async subscribersOf(trx: Db, event: WebhookEvent): Promise<string[]> {
    const rows = await trx.selectFrom('webhook_subscriptions').select(['id', 'events']).where('enabled', '=', 1).execute();
    return rows.filter((s) => parseJson<string[]>(s.events).includes(event)).map((s) => s.id);
  }

  /** One pending delivery per subscriber, written in the caller's transaction (the event's own). */
  async enqueue(trx: Db, subscriptionIds: readonly string[], body: WebhookBody): Promise<void> {
    if (subscriptionIds.length === 0) return;
    const now = this.clock();
    const text = json(body);
    await trx
      .insertInto('webhook_deliveries')
      .values(subscriptionIds.map((id) => this.pendingRow(id, body.event, body.id, text, now, null)))
      .execute();
    this.fresh = true;
  }

  /** A pending delivery to a connector, in the event's transaction. */
  async enqueueForConnectors(trx: Db, connectorIds: readonly string[], ticketId: string, body: WebhookBody): Promise<void> {
    if (connectorIds.length === 0) return;
    const now = this.clock();
    const text = json(body);
    await trx
      .insertInto('webhook_deliveries')
      .values(connectorIds.map((connectorId) => ({ ...this.pendingRow(null, body.event, body.id, text, now, null), connector_id: connectorId, ticket_id: ticketId })))
      .execute();
    this.fresh = true;
  }

  private pendingRow(subscriptionId: string | null, event: string, eventId: string, body: string, now: number, redeliveryOf: string | null): WebhookDeliveriesTable {
    return {
      id: randomUUID(),
      subscription_id: subscriptionId,
      event,
      event_id: eventId,
      body,
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_attempt_at: null,
      response_status: null,
      response_excerpt: null,
      error: null,
      duration_ms: null,
      created_at: now,
      delivered_at: null,
      redelivery_of: redeliveryOf,
      connector_id: null,
      ticket_id: null,
    };
  }

  /** The "send test" button: a ping to this subscription alone, enabled or not. */
  async enqueueTest(subscriptionId: string, body: WebhookBody): Promise<WebhookDelivery> {
    const row = this.pendingRow(subscriptionId, body.event, body.id, json(body), this.clock(), null);
    await this.db.insertInto('webhook_deliveries').values(row).execute();
    this.fresh = true;
    return toDelivery(row);
  }

  /** The same body again (same event id, so receivers can deduplicate), as a new delivery with its own log. */
  async redeliver(deliveryId: string): Promise<WebhookDelivery | null> {
    const original = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
    if (original === undefined) return null;
    if (original.subscription_id === null) return null;
    const row = this.pendingRow(original.subscription_id, original.event, original.event_id, original.body, this.clock(), original.id);
    await this.db.insertInto('webhook_deliveries').values(row).execute();
    this.fresh = true;
    return toDelivery(row);
  }

  async delivery(id: string): Promise<WebhookDelivery | null> {
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toDelivery(row);
  }

  /** The newest deliveries to a subscription, or to a connector. */
  async deliveries(target: string | { connectorId: string }): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where(typeof target === 'string' ? 'subscription_id' : 'connector_id', '=', typeof target === 'string' ? target : target.connectorId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(LOG_PAGE)
      .execute();
    return rows.map(toDelivery);
  }

  /* ───────────── sending ───────────── */

  /**
   * Up to `limit` due deliveries, each claimed under a lease by a conditional update so two instances
   * never send the same attempt (a sender that dies mid-attempt loses its lease, and the attempt is
   * made again: delivery is at least once, which the event id lets receivers absorb).
   */
  async claimDue(limit: number): Promise<ClaimedDelivery[]> {
    const now = this.clock();
    const candidates = await this.db
      .selectFrom('webhook_deliveries')
      .leftJoin('webhook_subscriptions', 'webhook_subscriptions.id', 'webhook_deliveries.subscription_id')
      .select([
        'webhook_deliveries.id',
        'webhook_deliveries.event',
        'webhook_deliveries.body',
        'webhook_deliveries.attempts',
        'webhook_deliveries.lease_until',
        'webhook_deliveries.connector_id',
        'webhook_deliveries.ticket_id',
        'webhook_subscriptions.url',
        'webhook_subscriptions.secret',
      ])
      .where('webhook_deliveries.state', '=', 'pending')
      .where('webhook_deliveries.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('webhook_deliveries.lease_until', 'is', null), eb('webhook_deliveries.lease_until', '<', now)]))
      .orderBy('webhook_deliveries.next_attempt_at')
      .orderBy('webhook_deliveries.id')
      .limit(limit)
      .execute();
    const claimed: ClaimedDelivery[] = [];
    for (const c of candidates) {
      const target: DeliveryTarget | null =
        c.url !== null && c.secret !== null
          ? { kind: 'webhook', url: c.url, secret: c.secret }
          : c.connector_id !== null && c.ticket_id !== null
            ? { kind: 'connector', connectorId: c.connector_id, ticketId: c.ticket_id }
            : null;
      if (target === null) continue;
      const leaseUntil = now + DELIVERY_LEASE_MS;
      const r = await this.db
        .updateTable('webhook_deliveries')
        .set({ lease_until: leaseUntil })
        .where('id', '=', c.id)
        .where('state', '=', 'pending')
        .where((eb) => (c.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', c.lease_until)))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) claimed.push({ id: c.id, event: c.event, body: c.body, attempts: c.attempts, target, leaseUntil });
    }
    return claimed;
  }

  /** Records an attempt: delivered, retried at `retryAt`, or failed for good (`retryAt` null). */
  async recordAttempt(claim: ClaimedDelivery, outcome: AttemptOutcome, at: number, retryAt: number | null): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        attempts: claim.attempts + 1,
        last_attempt_at: at,
        response_status: outcome.status,
        response_excerpt: outcome.excerpt,
        error: outcome.error,
        duration_ms: outcome.durationMs,
        lease_until: null,
        ...(outcome.ok
          ? { state: 'delivered', delivered_at: at, next_attempt_at: null }
          : retryAt === null
            ? { state: 'failed', next_attempt_at: null }
            : { state: 'pending', next_attempt_at: retryAt }),
      })
      .where('id', '=', claim.id)
      // Only the holder of this lease writes its result.
      .where('lease_until', '=', claim.leaseUntil)
      .execute();
  }

  /** When the next pending delivery falls due (for the sender's sleep), or null. */
  async nextDueAt(): Promise<number | null> {
    const row = await this.db.selectFrom('webhook_deliveries').select('next_attempt_at').where('state', '=', 'pending').orderBy('next_attempt_at').limit(1).executeTakeFirst();
    return row?.next_attempt_at ?? null;
  }
}
