import { randomUUID } from 'node:crypto';

import type { SlaTargetKind } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Database } from '../storage/tables.js';
import { json } from '../storage/values.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A service level missed on a ticket, told to the technicians who should act on it. */
export interface BreachNotice {
  readonly ticketId: string;
  readonly target: SlaTargetKind;
  readonly dueAt: number;
  readonly at: number;
  /** Active technician ids: the assignee, else the team's members, else every active technician. */
  readonly recipients: readonly string[];
}

/**
 * Something that happened to a ticket which someone may want to hear of. The repositories name it when
 * they tell the workflow a ticket changed (`TicketLifecycle.changed`), in the same transaction.
 */
export type TicketEvent =
  | { readonly kind: 'created'; readonly ticketId: string }
  | { readonly kind: 'assigned'; readonly ticketId: string; readonly assigneeId: string; readonly byTechnicianId: string | null }
  | { readonly kind: 'requester-replied'; readonly ticketId: string; readonly messageId: string }
  | { readonly kind: 'technician-replied'; readonly ticketId: string; readonly messageId: string }
  | { readonly kind: 'resolved'; readonly ticketId: string };

/** A service-level target about to fall due (told once per target and due time). */
export interface DueSoonNotice {
  readonly ticketId: string;
  readonly target: SlaTargetKind;
  readonly dueAt: number;
  readonly at: number;
  readonly recipients: readonly string[];
}

/**
 * Where notices go. The console's list is one channel; mail (or chat) is another channel added beside
 * it, written in the same transaction so a notice is never sent for a breach that was rolled back.
 */
export interface NotificationChannel {
  deliver(trx: Db, notice: BreachNotice): Promise<void>;
  /** Ticket events; a channel that tells only of breaches leaves it out. */
  ticketEvent?(trx: Db, event: TicketEvent): Promise<void>;
  /** A target soon due; a channel that tells only of breaches leaves it out. */
  dueSoon?(trx: Db, notice: DueSoonNotice): Promise<void>;
}

/** The console's notification list: one row per recipient, read or unread. */
export const consoleChannel: NotificationChannel = {
  async deliver(trx, notice) {
    if (notice.recipients.length === 0) return;
    await trx
      .insertInto('notifications')
      .values(
        notice.recipients.map((technician_id) => ({
          id: randomUUID(),
          technician_id,
          kind: 'sla-breach',
          ticket_id: notice.ticketId,
          details: json({ target: notice.target, dueAt: notice.dueAt }),
          created_at: notice.at,
          read_at: null,
        })),
      )
      .execute();
  },
};
