import type { AvState, SlaTargetKind, WebhookData, WebhookEvent } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Clock } from '../storage/clock.js';
import type { ConnectorsRepo } from '../storage/connectors-repo.js';
import type { Database, TicketMessagesTable } from '../storage/tables.js';
import { iso } from '../storage/values.js';
import type { WebhooksRepo } from '../storage/webhooks-repo.js';
import { avStateOf, webhookBody, webhookDevice, webhookTicket } from './payloads.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A ticket field's value before and after a change. */
export type FieldChanges = Readonly<Record<string, { readonly before: string | null; readonly after: string | null }>>;

/**
 * The events subscribers hear about, each enqueued inside the transaction of the change it reports.
 * With no subscriber to an event, announcing it costs one small read and builds nothing.
 */
export class WebhookEvents {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: WebhooksRepo,
    private readonly connectors: ConnectorsRepo,
    private readonly clock: Clock,
  ) {}

  /**
   * Enqueues the event for its webhook subscribers and, for the ticket events connectors follow
   * (`ticketId` given), for every enabled connector.
   */
  private async announce<E extends WebhookEvent>(trx: Db, event: E, data: (trx: Db) => Promise<WebhookData<E> | null>, ticketId: string | null = null): Promise<void> {
    const subscribers = await this.repo.subscribersOf(trx, event);
    const connectors = ticketId === null ? [] : await this.connectors.enabledIds(trx);
    if (subscribers.length === 0 && connectors.length === 0) return;
    const payload = await data(trx);
    if (payload === null) return;
    const body = webhookBody(event, payload, this.clock());
    await this.repo.enqueue(trx, subscribers, body);
    if (ticketId !== null && connectors.length > 0) {
      if (event === 'ticket.created') await this.connectors.startLinks(trx, ticketId, connectors);
      await this.repo.enqueueForConnectors(trx, connectors, ticketId, body);
    }
  }

  private async ticket(trx: Db, ticketId: string) {
    const row = await trx
      .selectFrom('tickets')
      .innerJoin('devices', 'devices.id', 'tickets.device_id')
      .selectAll('tickets')
      .select('devices.hostname as device_hostname')
      .where('tickets.id', '=', ticketId)
      .executeTakeFirst();
    return row === undefined ? null : webhookTicket(row, row.device_hostname);
  }

  ticketCreated(trx: Db, ticketId: string): Promise<void> {
    return this.announce(
      trx,
      'ticket.created',
      async (db) => {
        const ticket = await this.ticket(db, ticketId);
        return ticket === null ? null : { ticket };
      },
      ticketId,
    );
  }

  /** Fields changed by a technician, the requester or a job; a move to resolved is its own event too. */
  async ticketUpdated(trx: Db, ticketId: string, changes: FieldChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.announce(
      trx,
      'ticket.updated',
      async (db) => {
        const ticket = await this.ticket(db, ticketId);
        return ticket === null ? null : { ticket, changes: { ...changes } };
      },
      // Connectors follow status changes only.
      changes.status === undefined ? null : ticketId,
    );
    if (changes.status?.after === 'resolved') {
      await this.announce(trx, 'ticket.resolved', async (db) => {
        const ticket = await this.ticket(db, ticketId);
        return ticket === null ? null : { ticket };
      });
    }
  }

  ticketCommented(trx: Db, message: TicketMessagesTable): Promise<void> {
    return this.announce(
      trx,
      'ticket.commented',
      async (db) => {
      const ticket = await this.ticket(db, message.ticket_id);
      if (ticket === null) return null;
      return {
        ticket,
        comment: {
          id: message.id,
          visibility: message.visibility === 'internal' ? 'internal' : 'public',
          author: message.author === 'technician' ? 'technician' : 'user',
          authorName: message.author_name,
          body: message.body,
          createdAt: iso(message.created_at),
        },
      };
      },
      message.ticket_id,
    );
  }

  slaBreached(trx: Db, ticketId: string, target: SlaTargetKind, dueAt: number): Promise<void> {
    return this.announce(trx, 'ticket.sla-breached', async (db) => {
      const ticket = await this.ticket(db, ticketId);
      return ticket === null ? null : { ticket, breach: { target, dueAt: iso(dueAt) } };
    });
  }

  private async device(trx: Db, deviceId: string) {
    const row = await trx.selectFrom('devices').select(['id', 'hostname', 'platform', 'os_name', 'enroll_state', 'av_state']).where('id', '=', deviceId).executeTakeFirst();
    return row === undefined ? null : webhookDevice(row);
  }

  deviceEnrolled(trx: Db, deviceId: string): Promise<void> {
    return this.announce(trx, 'device.enrolled', async (db) => {
      const device = await this.device(db, deviceId);
      return device === null ? null : { device };
    });
  }

  /**
   * After an inventory upload committed: a change of the device's protection state is announced in a
   * transaction of its own. (The SQLite upload path writes synchronously on the raw connection, so it
   * cannot enqueue inside its own transaction; a crash in between loses this one announcement, and
   * the device's next state change is announced as usual.)
   */
  async afterInventory(deviceId: string, before: string | null): Promise<void> {
    if (before === null) return;
    const device = await this.device(this.db, deviceId);
    if (device === null || device.protection === avStateOf(before)) return;
    await this.db.transaction().execute((trx) => this.protectionChanged(trx, deviceId, avStateOf(before), device.protection));
  }

  async protectionChanged(trx: Db, deviceId: string, before: AvState, after: AvState): Promise<void> {
    if (before === after) return;
    await this.announce(trx, 'device.protection-changed', async (db) => {
      const device = await this.device(db, deviceId);
      return device === null ? null : { device, protection: { before, after } };
    });
  }
}
