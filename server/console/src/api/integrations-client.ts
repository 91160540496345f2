import {
  CONSOLE_API_BASE,
  OkResponseSchema,
  RemoteTicketLinkListSchema,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookSecretIssuedSchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionSchema,
  type WebhookCreate,
  type WebhookUpdate,
} from '@deskside/shared';
import type { z } from 'zod';

import type { HttpClient } from './http-client.js';

const enc = encodeURIComponent;

/** Webhook subscriptions and their delivery log (administrators), and a ticket's remote links (every technician). */
export class IntegrationsClient {
  constructor(private readonly http: HttpClient) {}

  private get<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal) {
    return this.http.request(CONSOLE_API_BASE + path, { schema, signal });
  }

  private send<S extends z.ZodType>(method: 'POST' | 'PATCH' | 'DELETE', path: string, schema: S, body?: unknown) {
    return this.http.request(CONSOLE_API_BASE + path, { method, schema, body });
  }

  webhooks(signal?: AbortSignal) {
    return this.get('/webhooks', WebhookSubscriptionListSchema, signal);
  }
  createWebhook(body: WebhookCreate) {
    return this.send('POST', '/webhooks', WebhookSecretIssuedSchema, body);
  }
  updateWebhook(id: string, body: WebhookUpdate) {
    return this.send('PATCH', `/webhooks/${enc(id)}`, WebhookSubscriptionSchema, body);
  }
  rotateWebhookSecret(id: string) {
    return this.send('POST', `/webhooks/${enc(id)}/secret`, WebhookSecretIssuedSchema);
  }
  deleteWebhook(id: string) {
    return this.send('DELETE', `/webhooks/${enc(id)}`, OkResponseSchema);
  }
  testWebhook(id: string) {
    return this.send('POST', `/webhooks/${enc(id)}/test`, WebhookDeliverySchema);
  }
  deliveries(id: string, signal?: AbortSignal) {
    return this.get(`/webhooks/${enc(id)}/deliveries`, WebhookDeliveryListSchema, signal);
  }
  /** Every technician: a ticket's twins in other helpdesks. */
  remoteLinks(ticketId: string, signal?: AbortSignal) {
    return this.get(`/tickets/${enc(ticketId)}/remote-links`, RemoteTicketLinkListSchema, signal);
  }
  redeliver(deliveryId: string) {
    return this.send('POST', `/webhooks/deliveries/${enc(deliveryId)}/redeliver`, WebhookDeliverySchema);
  }
}
