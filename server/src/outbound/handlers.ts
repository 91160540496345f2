import { ConnectorDeliveries } from '../connectors/connector-runner.js';
import type { Store } from '../storage/store.js';
import { deliveryHandlers } from '../webhooks/delivery-handlers.js';
import type { OutboundHandler } from './job.js';
import { OutboundHandlers } from './registry.js';

/** What the handlers of this instance are built from. */
export interface OutboundDeps {
  /** Tests and tools add handlers of their own. */
  readonly extra?: readonly OutboundHandler[];
  /** Webhook and connector deliveries read their log and targets here. */
  readonly store?: Store;
}

/** The handlers every server instance registers: one line per kind. */
export function buildOutboundHandlers(deps: OutboundDeps = {}): OutboundHandlers {
  const handlers = new OutboundHandlers();
  if (deps.store !== undefined) for (const h of deliveryHandlers(deps.store.webhooks, deps.store.clock, new ConnectorDeliveries(deps.store))) handlers.register(h);
  for (const h of deps.extra ?? []) handlers.register(h);
  return handlers;
}
