/** Tables of the integrations with other systems: outgoing webhooks (and connectors). */

export interface WebhookSubscriptionsTable {
  id: string;
  name: string;
  url: string;
  /** JSON list of WebhookEvent names. */
  events: string;
  secret: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string | null;
  event: string;
  event_id: string;
  body: string;
  state: string;
  attempts: number;
  job_id: string | null;
  last_attempt_at: number | null;
  response_status: number | null;
  response_excerpt: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: number;
  delivered_at: number | null;
  redelivery_of: string | null;
  /** A delivery to a connector instead of a subscription (migration 0030). */
  connector_id: string | null;
  ticket_id: string | null;
}

export interface ConnectorsTable {
  id: string;
  kind: string;
  name: string;
  enabled: number;
  /** JSON ConnectorConfig, credentials included. */
  config: string;
  created_at: number;
  updated_at: number;
}

export interface TicketRemoteLinksTable {
  ticket_id: string;
  connector_id: string;
  state: string;
  remote_id: string | null;
  remote_number: string | null;
  remote_url: string | null;
  last_error: string | null;
  updated_at: number;
}

export interface IntegrationTables {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  connectors: ConnectorsTable;
  ticket_remote_links: TicketRemoteLinksTable;
}
