import { randomUUID } from 'node:crypto';

import type { FeedbackSubmission, RequesterNotificationKind, TicketStatus } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Clock } from './clock.js';
import type { Database, TicketsTable } from './tables.js';
import { TicketClosedError, TicketOwnershipError, type TicketLifecycle } from './tickets-repo.js';

const DAY_MS = 86_400_000;

/** The answer does not fit the ticket's state (confirming a ticket nobody resolved, rating an open one). */
export class FeedbackNotApplicableError extends Error {
  constructor(
    readonly code: 'ticket_not_resolved' | 'ticket_not_closed',
    message: string,
  ) {
    super(message);
  }
}

export interface FeedbackOutcome {
  readonly duplicate: boolean;
  readonly receivedAt: number;
  /** The status change it caused, for the audit log; null when none. */
  readonly status: { before: TicketStatus; after: TicketStatus } | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The requester's side of a ticket after a technician resolves it: "Did this fix it?" (confirm closes,
 * "still broken" reopens with their words), the rating after closing, the auto-close of unanswered
 * resolved tickets, and the console notifications that tell the assignee.
 */
export class TicketLoopRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** Service-level clocks follow every status change made here (a reopening resumes a paused clock). */
    private readonly lifecycle: TicketLifecycle | null = null,
  ) {}

  /** Applies a device's answer once: its client id is the key, so the outbox may retry it freely. */
  /**
   * `deviceId`: the device answering for its own ticket; `null` when the requester was proven another
   * way (a single-use link from their mail), which also serves tickets that came in without a device.
   */
  async feedback(deviceId: string | null, ticketId: string, f: FeedbackSubmission, authorName: string | null): Promise<FeedbackOutcome | null> {
    const ticket = await this.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (ticket === undefined || (deviceId !== null && ticket.device_id !== deviceId)) return null;
    const seen = await this.db.selectFrom('ticket_feedback').select(['ticket_id', 'created_at']).where('id', '=', f.id).executeTakeFirst();
    if (seen !== undefined) {
      if (seen.ticket_id !== ticketId) throw new TicketOwnershipError();
      return { duplicate: true, receivedAt: seen.created_at, status: null };
    }
    const now = this.clock();
    try {
      return await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ticket_feedback')
          .values({ id: f.id, ticket_id: ticketId, kind: f.kind, rating: f.kind === 'rating' ? f.rating : null, body: f.kind === 'confirm' ? null : f.body, created_at: now })
          .execute();
        const status = await this.apply(trx, ticket, f, now, authorName);
        return { duplicate: false, receivedAt: now, status };
      });
    } catch (err) {
      // Two instances racing on one client id: the loser reports the winner's answer.
      const winner = await this.db.selectFrom('ticket_feedback').select(['ticket_id', 'created_at']).where('id', '=', f.id).executeTakeFirst();
      if (winner !== undefined && winner.ticket_id === ticketId) return { duplicate: true, receivedAt: winner.created_at, status: null };
      throw err;
    }
  }

  private async apply(trx: Transaction<Database>, ticket: TicketsTable, f: FeedbackSubmission, now: number, authorName: string | null): Promise<FeedbackOutcome['status']> {
    const status = ticket.status as TicketStatus;
    switch (f.kind) {
      case 'confirm': {
        // Confirming what already closed (by itself, say) changes nothing and is not an error.
        if (status === 'closed') return null;
        if (status !== 'resolved') throw new FeedbackNotApplicableError('ticket_not_resolved', 'only a resolved ticket can be confirmed');
        const moved = await trx
          .updateTable('tickets')
          .set({ status: 'closed', closed_at: now, close_reason: 'requester', status_changed_at: now, device_updated_at: now, updated_at: now })
          .where('id', '=', ticket.id)
          .where('status', '=', 'resolved')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return null;
        await this.lifecycle?.changed(trx, ticket.id);
        await this.lifecycle?.updated(trx, ticket.id, { status: { before: 'resolved', after: 'closed' } });
        await this.notify(trx, ticket, 'requester-confirmed', now);
        return { before: 'resolved', after: 'closed' };
      }
      case 'still-broken': {
        if (status === 'closed') throw new TicketClosedError();
        const message = { id: f.id, ticket_id: ticket.id, visibility: 'public', author: 'user', author_name: authorName ?? ticket.requester, technician_id: null, body: f.body, created_at: now };
        await trx.insertInto('ticket_messages').values(message).execute();
        const reopen = status === 'resolved' || status === 'waiting-on-user';
        await trx
          .updateTable('tickets')
          .set((eb) => ({
            message_count: eb('message_count', '+', 1),
            updated_at: now,
            requester_replied_at: now,
            device_updated_at: now,
            ...(reopen ? { status: 'open', status_changed_at: now, resolved_at: null } : {}),
            ...(status === 'resolved' ? { reopen_count: eb('reopen_count', '+', 1) } : {}),
          }))
          .where('id', '=', ticket.id)
          .execute();
        await this.lifecycle?.changed(trx, ticket.id, [{ kind: 'requester-replied', ticketId: ticket.id, messageId: f.id }]);
        await this.lifecycle?.commented(trx, message);
        if (reopen) await this.lifecycle?.updated(trx, ticket.id, { status: { before: status, after: 'open' } });
        await this.notify(trx, ticket, status === 'resolved' ? 'requester-reopened' : 'requester-replied', now);
        return reopen ? { before: status, after: 'open' } : null;
      }
      case 'rating': {
        if (status !== 'closed') throw new FeedbackNotApplicableError('ticket_not_closed', 'a ticket is rated once it is closed');
        // The latest rating stands: a user may change their mind.
        await trx.updateTable('tickets').set({ rating: f.rating, rating_comment: f.body, rated_at: now, updated_at: now, device_updated_at: now }).where('id', '=', ticket.id).execute();
        await this.notify(trx, ticket, 'requester-rated', now);
        return null;
      }
    }
  }

  /**
   * Closes resolved tickets nobody answered within `days`. One conditional UPDATE … RETURNING: on
   * several instances each ticket is closed (and audited) by exactly one of them.
   */
  async autoClose(days: number): Promise<{ id: string; number: number }[]> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable('tickets')
        .set({ status: 'closed', closed_at: now, close_reason: 'auto', status_changed_at: now, device_updated_at: now, updated_at: now })
        .where('status', '=', 'resolved')
        .where('resolved_at', '<=', now - days * DAY_MS)
        .returning(['id', 'number'])
        .execute();
      for (const t of closed) {
        await this.lifecycle?.changed(trx, t.id);
        await this.lifecycle?.updated(trx, t.id, { status: { before: 'resolved', after: 'closed' } });
      }
      return closed;
    });
  }

  /**
   * Tells the ticket's assignee, in the console's one notification list (nobody when unassigned: the
   * queue's "requester replied" marker shows it to everyone).
   */
  async notify(trx: Db, ticket: Pick<TicketsTable, 'id' | 'assignee_id'>, kind: RequesterNotificationKind, now: number): Promise<void> {
    if (ticket.assignee_id === null) return;
    await trx.insertInto('notifications').values({ id: randomUUID(), technician_id: ticket.assignee_id, ticket_id: ticket.id, kind, details: '{}', created_at: now, read_at: null }).execute();
  }
}
