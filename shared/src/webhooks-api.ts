import { z } from 'zod';

import { AvStateSchema } from './console-api.js';
import { LIMITS, isoDateTime, maybeText, nonNegativeInt, text, uuid } from './limits.js';
import { PrioritySchema, TicketStatusSchema } from './ticket.js';

/**
 * Outgoing webhooks (`/api/v1/console/webhooks...`, administrators only) and the JSON bodies Deskside
 * POSTs to a subscriber. The body schemas are the documented contract (docs/integrations.md,
 * "Webhooks"): a receiver may validate with them, and the server builds every body through them.
 */

export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'ticket.commented',
  'ticket.resolved',
  'ticket.sla-breached',
  'device.enrolled',
  'device.protection-changed',
] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** The "send test" button's event: sent only to the subscription tested, whatever it subscribes to. */
export const WEBHOOK_PING = 'ping' as const;
export type WebhookDeliveryEvent = WebhookEvent | typeof WEBHOOK_PING;

/** Header names, lower-case as Node reads them; docs/integrations.md shows them capitalised. */
export const WEBHOOK_HEADERS = {
  event: 'x-deskside-event',
  delivery: 'x-deskside-delivery',
  timestamp: 'x-deskside-timestamp',
  signature: 'x-deskside-signature',
} as const;

/* ───────────── bodies sent to subscribers ───────────── */

export const WebhookDeviceRefSchema = z.strictObject({ id: uuid, hostname: text() });

export const WebhookTicketSchema = z.strictObject({
  id: uuid,
  number: z.number().int().positive(),
  subject: text(LIMITS.ticketSubject),
  status: TicketStatusSchema,
  priority: PrioritySchema,
  category: text(),
  channel: text(),
  requester: maybeText(),
  teamId: uuid.nullable(),
  assigneeId: uuid.nullable(),
  /** Null for a ticket that came in without a device (a mail from an unknown address). */
  device: WebhookDeviceRefSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  resolvedAt: isoDateTime.nullable(),
});
export type WebhookTicket = z.infer<typeof WebhookTicketSchema>;

/** One field's value before and after a technician's (or the requester's) change. */
const FieldChangeSchema = z.strictObject({ before: z.string().nullable(), after: z.string().nullable() });

export const WebhookCommentSchema = z.strictObject({
  id: uuid,
  /** `internal` notes are for technicians only; a receiver that shows requesters anything must filter. */
  visibility: z.enum(['public', 'internal']),
  author: z.enum(['user', 'technician']),
  authorName: maybeText(),
  body: z.string().max(LIMITS.longText),
  createdAt: isoDateTime,
});

export const WebhookDeviceSchema = z.strictObject({
  id: uuid,
  hostname: text(),
  platform: text(),
  osName: maybeText(),
  enrollState: z.enum(['active', 'pending', 'rejected']),
  protection: AvStateSchema,
});

const envelope = <E extends string, D extends z.ZodType>(event: E, data: D) =>
  z.strictObject({
    /** Unique per event; a redelivery repeats it (the delivery header is new), so receivers can deduplicate. */
    id: uuid,
    event: z.literal(event),
    occurredAt: isoDateTime,
    data,
  });

export const WebhookBodySchema = z.discriminatedUnion('event', [
  envelope('ticket.created', z.strictObject({ ticket: WebhookTicketSchema })),
  envelope('ticket.updated', z.strictObject({ ticket: WebhookTicketSchema, changes: z.record(z.string(), FieldChangeSchema) })),
  envelope('ticket.commented', z.strictObject({ ticket: WebhookTicketSchema, comment: WebhookCommentSchema })),
  envelope('ticket.resolved', z.strictObject({ ticket: WebhookTicketSchema })),
  envelope('ticket.sla-breached', z.strictObject({ ticket: WebhookTicketSchema, breach: z.strictObject({ target: z.enum(['first-response', 'resolution']), dueAt: isoDateTime }) })),
  envelope('device.enrolled', z.strictObject({ device: WebhookDeviceSchema })),
  envelope('device.protection-changed', z.strictObject({ device: WebhookDeviceSchema, protection: z.strictObject({ before: AvStateSchema, after: AvStateSchema }) })),
  envelope(WEBHOOK_PING, z.strictObject({ subscriptionId: uuid, message: text() })),
]);
export type WebhookBody = z.infer<typeof WebhookBodySchema>;
export type WebhookData<E extends WebhookDeliveryEvent> = Extract<WebhookBody, { event: E }>['data'];

/* ───────────── the console's API ───────────── */

export const WEBHOOK_NAME_MAX = 80;
export const WEBHOOK_URL_MAX = 2_000;

/** http and https only: no file:, gopher: or other schemes a URL parser accepts; no credentials in the URL. */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .max(WEBHOOK_URL_MAX)
  .refine((value) => {
    try {
      const u = new URL(value);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'the URL must be an absolute http:// or https:// address')
  .refine((value) => {
    try {
      const u = new URL(value);
      return u.username === '' && u.password === '';
    } catch {
      return true;
    }
  }, 'put no user name or password in the URL; the signature authenticates Deskside');

const eventList = z.array(WebhookEventSchema).min(1, 'choose at least one event').max(WEBHOOK_EVENTS.length);

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

export const WebhookDeliverySchema = z.strictObject({
  id: uuid,
  /** Null for a delivery to a connector rather than a webhook subscription. */
  subscriptionId: uuid.nullable(),
  event: z.union([WebhookEventSchema, z.literal(WEBHOOK_PING)]),
  /** The event's id (the body's `id`): the same on a redelivery. */
  eventId: uuid,
  state: DeliveryStateSchema,
  attempts: nonNegativeInt,
  createdAt: isoDateTime,
  lastAttemptAt: isoDateTime.nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  deliveredAt: isoDateTime.nullable(),
  /** The receiver's last answer: its HTTP status and the first bytes of its body, or why none came. */
  responseStatus: z.number().int().nullable(),
  responseExcerpt: z.string().max(LIMITS.mediumText).nullable(),
  error: maybeText(LIMITS.mediumText),
  durationMs: nonNegativeInt.nullable(),
  redeliveryOf: uuid.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryListSchema = z.strictObject({ items: z.array(WebhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>;

export const WebhookSubscriptionSchema = z.strictObject({
  id: uuid,
  name: text(WEBHOOK_NAME_MAX),
  url: text(WEBHOOK_URL_MAX),
  events: z.array(WebhookEventSchema),
  enabled: z.boolean(),
  /** The secret's last four characters, so an administrator can tell which one a receiver holds. */
  secretHint: text(8),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lastDelivery: WebhookDeliverySchema.nullable(),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

export const WebhookSubscriptionListSchema = z.strictObject({ items: z.array(WebhookSubscriptionSchema) });
export type WebhookSubscriptionList = z.infer<typeof WebhookSubscriptionListSchema>;

/** Creating a subscription or rotating its secret: the only answers that carry the secret. */
export const WebhookSecretIssuedSchema = z.strictObject({ subscription: WebhookSubscriptionSchema, secret: text(128) });
export type WebhookSecretIssued = z.infer<typeof WebhookSecretIssuedSchema>;

export const WebhookCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'a webhook needs a name').max(WEBHOOK_NAME_MAX),
  url: WebhookUrlSchema,
  events: eventList,
  enabled: z.boolean().default(true),
});
export type WebhookCreate = z.input<typeof WebhookCreateSchema>;

export const WebhookUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'a webhook needs a name').max(WEBHOOK_NAME_MAX).optional(),
    url: WebhookUrlSchema.optional(),
    events: eventList.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
export type WebhookUpdate = z.infer<typeof WebhookUpdateSchema>;
