import { ConnectorDeliveries } from '../connectors/connector-runner.js';
import { glpiInventoryHandler } from '../glpi/glpi-forwarder.js';
import { mailHandler } from '../mail/mail-handler.js';
import { SmtpSender } from '../mail/smtp-sender.js';
import type { Store } from '../storage/store.js';
import { deliveryHandlers } from '../webhooks/delivery-handlers.js';
import type { OutboundHandler } from './job.js';
import { OutboundHandlers } from './registry.js';

/** What the handlers of this instance are built from. */
export interface OutboundDeps {
  readonly store: Store;
  /** The mail sender (it connects only when a mail is sent); a fresh one when absent. */
  readonly smtp?: SmtpSender;
  /** Tests and tools add handlers of their own. */
  readonly extra?: readonly OutboundHandler[];
}

/** The handlers every server instance registers: one line per kind. */
export function buildOutboundHandlers(deps: OutboundDeps): OutboundHandlers {
  const handlers = new OutboundHandlers();
  handlers.register(mailHandler(deps.store.mail, deps.smtp ?? new SmtpSender()));
  handlers.register(glpiInventoryHandler(deps.store));
  for (const h of deliveryHandlers(deps.store.webhooks, deps.store.clock, new ConnectorDeliveries(deps.store))) handlers.register(h);
  for (const h of deps.extra ?? []) handlers.register(h);
  return handlers;
}
