import { randomUUID } from 'node:crypto';

import type { WebhookBody, WebhookCreate, WebhookDelivery, WebhookDeliveryEvent, WebhookEvent, WebhookSubscription, WebhookUpdate } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { OutboundQueue } from '../outbound/queue.js';
import { newWebhookSecret } from '../webhooks/signature.js';
import type { Clock } from './clock.js';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from './integration-tables.js';
import type { Database } from './tables.js';
import { bit, bool, iso, isoOrNull, json, parseJson } from './values.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The delivery log shown per subscription. */
const LOG_PAGE = 50;

/** The outbound job kinds that send deliveries. */
export const DELIVERY_JOB_KINDS = { webhook: 'webhook', connector: 'connector' } as const;

/** A delivery row with its job's next attempt. */
type DeliveryRow = WebhookDeliveriesTable & { readonly job_next_attempt_at: number | string | null };

export const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  event: r.event as WebhookDeliveryEvent,
  eventId: r.event_id,
  state: r.state as WebhookDelivery['state'],
  attempts: Number(r.attempts),
  createdAt: iso(Number(r.created_at)),
  lastAttemptAt: isoOrNull(r.last_attempt_at === null ? null : Number(r.last_attempt_at)),
  nextAttemptAt: r.state === 'pending' && r.job_next_attempt_at !== null ? iso(Number(r.job_next_attempt_at)) : null,
  deliveredAt: isoOrNull(r.delivered_at === null ? null : Number(r.delivered_at)),
  responseStatus: r.response_status,
  responseExcerpt: r.response_excerpt,
  error: r.error,
  durationMs: r.duration_ms,
  redeliveryOf: r.redelivery_of,
});

const toSubscription = (r: WebhookSubscriptionsTable, last: DeliveryRow | undefined): WebhookSubscription => ({
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

/** Where a delivery goes: a subscriber's URL (signed with its secret), or a connector's helpdesk. */
export type DeliveryTarget =
  | { readonly kind: 'webhook'; readonly url: string; readonly secret: string }
  | { readonly kind: 'connector'; readonly connectorId: string; readonly ticketId: string };

/** A delivery about to be attempted. */
export interface PendingDelivery {
  readonly id: string;
  readonly event: string;
  readonly body: string;
  readonly target: DeliveryTarget;
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
 * Webhook subscriptions and their delivery log. Each delivery is enqueued together with the outbound
 * job that sends it, inside the transaction of the event itself (so an event rolled back is never
 * announced, and one committed is never lost); the outbound queue schedules, leases and retries it,
 * and each attempt's result is written back here for administrators to read.
 */
export class WebhooksRepo {
  private readonly listeners = new Set<() => void>();
  /** Something was enqueued since the last announcement. */
  private fresh = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly outbound: OutboundQueue,
  ) {}

  /** Deliveries with their job's next attempt. */
  private rows(db: Db = this.db) {
    return db
      .selectFrom('webhook_deliveries')
      .leftJoin('outbound_jobs', 'outbound_jobs.id', 'webhook_deliveries.job_id')
      .selectAll('webhook_deliveries')
      .select('outbound_jobs.next_attempt_at as job_next_attempt_at');
  }

  /** Told when deliveries enqueued by a finished request are committed (see announce). */
  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called after a request has answered, when whatever it enqueued has committed: the outbound worker
   * of this instance looks at once instead of at its next poll.
   */
  announce(): void {
    if (!this.fresh) return;
    this.fresh = false;
    for (const listener of this.listeners) listener();
  }

  /* ───────────── subscriptions ───────────── */

  private async lastDeliveries(ids: readonly string[]): Promise<Map<string, DeliveryRow>> {
    const map = new Map<string, DeliveryRow>();
    for (const id of ids) {
      const last = await this.rows().where('webhook_deliveries.subscription_id', '=', id).orderBy('webhook_deliveries.created_at', 'desc').orderBy('webhook_deliveries.id', 'desc').limit(1).executeTakeFirst();
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

  /** One pending delivery (and the job that sends it) per subscriber, in the caller's transaction (the event's own). */
  async enqueue(trx: Db, subscriptionIds: readonly string[], body: WebhookBody): Promise<void> {
    const text = json(body);
    for (const id of subscriptionIds) await this.insertPending(trx, { subscriptionId: id, event: body.event, eventId: body.id, body: text, redeliveryOf: null });
  }

  /** One pending delivery per connector, in the event's transaction. */
  async enqueueForConnectors(trx: Db, connectorIds: readonly string[], ticketId: string, body: WebhookBody): Promise<void> {
    const text = json(body);
    for (const connectorId of connectorIds) await this.insertPending(trx, { connectorId, ticketId, event: body.event, eventId: body.id, body: text, redeliveryOf: null });
  }

  /** The delivery row and its outbound job, together; the job's dedupe key is the delivery's id. */
  private async insertPending(
    trx: Db,
    d: { readonly subscriptionId?: string; readonly connectorId?: string; readonly ticketId?: string; readonly event: string; readonly eventId: string; readonly body: string; readonly redeliveryOf: string | null },
  ): Promise<DeliveryRow> {
    const id = randomUUID();
    const kind = d.connectorId === undefined ? DELIVERY_JOB_KINDS.webhook : DELIVERY_JOB_KINDS.connector;
    const now = this.clock();
    const job = await this.outbound.enqueue(trx, { kind, payload: { deliveryId: id }, dedupeKey: `${kind}:${id}`, notBefore: now });
    const row: WebhookDeliveriesTable = {
      id,
      subscription_id: d.subscriptionId ?? null,
      event: d.event,
      event_id: d.eventId,
      body: d.body,
      state: 'pending',
      attempts: 0,
      job_id: job.id,
      last_attempt_at: null,
      response_status: null,
      response_excerpt: null,
      error: null,
      duration_ms: null,
      created_at: now,
      delivered_at: null,
      redelivery_of: d.redeliveryOf,
      connector_id: d.connectorId ?? null,
      ticket_id: d.ticketId ?? null,
    };
    await trx.insertInto('webhook_deliveries').values(row).execute();
    this.fresh = true;
    return { ...row, job_next_attempt_at: now };
  }

  /** The "send test" button: a ping to this subscription alone, enabled or not. */
  async enqueueTest(subscriptionId: string, body: WebhookBody): Promise<WebhookDelivery> {
    const row = await this.db.transaction().execute((trx) => this.insertPending(trx, { subscriptionId, event: body.event, eventId: body.id, body: json(body), redeliveryOf: null }));
    return toDelivery(row);
  }

  /** The same body again (same event id, so receivers can deduplicate), as a new delivery with its own log. */
  async redeliver(deliveryId: string): Promise<WebhookDelivery | null> {
    const original = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
    if (original === undefined) return null;
    const row = await this.db.transaction().execute((trx) =>
      this.insertPending(trx, {
        ...(original.subscription_id !== null ? { subscriptionId: original.subscription_id } : {}),
        ...(original.connector_id !== null && original.ticket_id !== null ? { connectorId: original.connector_id, ticketId: original.ticket_id } : {}),
        event: original.event,
        eventId: original.event_id,
        body: original.body,
        redeliveryOf: original.id,
      }),
    );
    return toDelivery(row);
  }

  async delivery(id: string): Promise<WebhookDelivery | null> {
    const row = await this.rows().where('webhook_deliveries.id', '=', id).executeTakeFirst();
    return row === undefined ? null : toDelivery(row);
  }

  /** The newest deliveries to a subscription, or to a connector. */
  async deliveries(target: string | { connectorId: string }): Promise<WebhookDelivery[]> {
    const rows = await this.rows()
      .where(typeof target === 'string' ? 'webhook_deliveries.subscription_id' : 'webhook_deliveries.connector_id', '=', typeof target === 'string' ? target : target.connectorId)
      .orderBy('webhook_deliveries.created_at', 'desc')
      .orderBy('webhook_deliveries.id', 'desc')
      .limit(LOG_PAGE)
      .execute();
    return rows.map(toDelivery);
  }

  /* ───────────── sending (the outbound handlers' side) ───────────── */

  /** The delivery a job names, with where it goes; null when its subscription or connector is gone. */
  async pending(deliveryId: string): Promise<PendingDelivery | null> {
    const r = await this.db
      .selectFrom('webhook_deliveries')
      .leftJoin('webhook_subscriptions', 'webhook_subscriptions.id', 'webhook_deliveries.subscription_id')
      .select(['webhook_deliveries.id', 'webhook_deliveries.event', 'webhook_deliveries.body', 'webhook_deliveries.connector_id', 'webhook_deliveries.ticket_id', 'webhook_subscriptions.url', 'webhook_subscriptions.secret'])
      .where('webhook_deliveries.id', '=', deliveryId)
      .executeTakeFirst();
    if (r === undefined) return null;
    const target: DeliveryTarget | null =
      r.url !== null && r.secret !== null
        ? { kind: 'webhook', url: r.url, secret: r.secret }
        : r.connector_id !== null && r.ticket_id !== null
          ? { kind: 'connector', connectorId: r.connector_id, ticketId: r.ticket_id }
          : null;
    return target === null ? null : { id: r.id, event: r.event, body: r.body, target };
  }

  /** Records an attempt in the log: delivered, still pending (another attempt will come), or failed for good. */
  async recordAttempt(deliveryId: string, attempt: number, outcome: AttemptOutcome, final: boolean): Promise<void> {
    const at = this.clock();
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        attempts: attempt,
        last_attempt_at: at,
        response_status: outcome.status,
        response_excerpt: outcome.excerpt,
        error: outcome.error,
        duration_ms: outcome.durationMs,
        ...(outcome.ok ? { state: 'delivered', delivered_at: at } : { state: final ? 'failed' : 'pending' }),
      })
      .where('id', '=', deliveryId)
      .execute();
  }
}
