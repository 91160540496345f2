import { LIMITS, WebhookBodySchema, type ConnectorConfig, type TicketStatus, type WebhookBody } from '@deskside/shared';

import type { Store } from '../storage/store.js';
import type { AttemptOutcome, PendingDelivery } from '../storage/webhooks-repo.js';
import type { ConnectorRunner } from '../webhooks/delivery-handlers.js';
import { GlpiHelpdesk } from './glpi.js';
import { JiraHelpdesk } from './jira.js';
import { RemoteError, type RemoteHelpdesk } from './remote-helpdesk.js';
import { remoteTicketInput } from './ticket-for-remote.js';
import { ZammadHelpdesk } from './zammad.js';

export function remoteHelpdesk(config: ConnectorConfig, timeoutMs: number): RemoteHelpdesk {
  switch (config.kind) {
    case 'glpi':
      return new GlpiHelpdesk(config, timeoutMs);
    case 'zammad':
      return new ZammadHelpdesk(config, timeoutMs);
    case 'jira':
      return new JiraHelpdesk(config, timeoutMs);
  }
}

/** The remote ticket does not exist yet (its creation is still queued or retrying): try again later. */
class NotLinkedYet extends Error {}

/**
 * Carries out one connector delivery: the event's body says what happened, the ticket's current
 * state says what to send. A ticket's creation is remembered in its remote link before anything else
 * is sent for it; comments and status changes wait (by retrying) until that link exists.
 */
export class ConnectorDeliveries implements ConnectorRunner {
  constructor(
    private readonly store: Store,
    private readonly timeoutMs = 10_000,
  ) {}

  async deliver(delivery: PendingDelivery, connectorId: string, ticketId: string, lastAttempt: boolean): Promise<AttemptOutcome> {
    const started = performance.now();
    const done = (ok: boolean, status: number | null, excerpt: string | null, error: string | null): AttemptOutcome => ({ ok, status, excerpt, error: error?.slice(0, LIMITS.mediumText) ?? null, durationMs: Math.round(performance.now() - started) });
    const connector = await this.store.connectors.config(connectorId);
    if (connector === null) return done(true, null, 'the connector was deleted; nothing sent', null);
    const api = remoteHelpdesk(connector.config, this.timeoutMs);
    const body = WebhookBodySchema.parse(JSON.parse(delivery.body));
    try {
      const said = await this.carryOut(api, body, connectorId, ticketId);
      return done(true, null, said, null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (body.event === 'ticket.created') {
        await this.store.connectors.setLink(ticketId, connectorId, { state: lastAttempt ? 'failed' : 'pending', last_error: message.slice(0, LIMITS.mediumText) });
      }
      if (err instanceof RemoteError) return done(false, err.status, err.excerpt, message);
      if (err instanceof NotLinkedYet) return done(false, null, null, message);
      throw err;
    }
  }

  private async remoteId(connectorId: string, ticketId: string): Promise<string> {
    const link = await this.store.connectors.link(ticketId, connectorId);
    if (link === null || link.state !== 'linked' || link.remote_id === null) throw new NotLinkedYet('the remote ticket is not created yet');
    return link.remote_id;
  }

  /** Does what the event asks and answers a line for the delivery log. */
  private async carryOut(api: RemoteHelpdesk, body: WebhookBody, connectorId: string, ticketId: string): Promise<string> {
    switch (body.event) {
      case 'ticket.created': {
        const existing = await this.store.connectors.link(ticketId, connectorId);
        // An earlier attempt created it and was recorded: never create a second twin.
        if (existing?.state === 'linked') return `already created as ${existing.remote_number ?? existing.remote_id ?? '?'}`;
        const input = await remoteTicketInput(this.store, ticketId);
        if (input === null) return 'the ticket no longer exists; nothing sent';
        const ref = await api.create(input);
        await this.store.connectors.setLink(ticketId, connectorId, { state: 'linked', remote_id: ref.id, remote_number: ref.number, remote_url: ref.url, last_error: null });
        return `created ${ref.number}`;
      }
      case 'ticket.commented': {
        const remoteId = await this.remoteId(connectorId, ticketId);
        const c = body.data.comment;
        const author = c.authorName ?? (c.author === 'user' ? 'the requester' : 'a technician');
        await api.comment(remoteId, `${author} (Deskside):\n\n${c.body}`, c.visibility === 'internal');
        return `comment added to ${remoteId}`;
      }
      case 'ticket.updated': {
        const status = body.data.changes.status?.after;
        if (status === undefined || status === null) return 'no status change; nothing sent';
        const remoteId = await this.remoteId(connectorId, ticketId);
        await api.status(remoteId, status as TicketStatus);
        return `status ${status} sent to ${remoteId}`;
      }
      default:
        return `${body.event} is not sent to connectors`;
    }
  }
}
