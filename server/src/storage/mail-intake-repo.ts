import { randomUUID } from 'node:crypto';

import { priorityFor } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import { NO_SLA_YET } from '../workflow/ticket-sla.js';
import type { Clock } from './clock.js';
import type { Database, TicketsTable } from './tables.js';
import { FRESH_TICKET_WORKFLOW } from './ticket-rows.js';
import { PRIORITY_RANK } from './ticket-views.js';
import type { StoredAttachment, TicketsRepo } from './tickets-repo.js';

/** Where a message sits in a mailbox: the key that says it was read already. */
export interface MailboxPosition {
  readonly mailbox: string;
  readonly uidValidity: number;
  readonly uid: number;
}

/** A mail reduced to the ticket it opens or the comment it adds. */
export interface MailWork {
  readonly messageId: string | null;
  readonly relatedIds: readonly string[];
  readonly fromAddress: string | null;
  readonly fromName: string | null;
  readonly subject: string;
  /** The whole text, for a new ticket. */
  readonly body: string;
  /** The text without the quoted earlier conversation, for a comment. */
  readonly replyBody: string;
  readonly attachments: readonly StoredAttachment[];
  readonly automatic: string | null;
  readonly submittedAt: number;
}

export type MailOutcome =
  | { readonly kind: 'ticket'; readonly ticketId: string; readonly number: number; readonly deviceId: string | null }
  | { readonly kind: 'comment'; readonly ticketId: string; readonly number: number }
  | { readonly kind: 'skipped'; readonly reason: 'automatic' | 'duplicate' | 'no-sender' | 'already-read' };

/** `[#123]`, `#123` in brackets of either width, as our own subjects and most helpdesks write it. */
export function ticketNumberInSubject(subject: string): number | null {
  const match = /[[【(（]\s*#\s*(\d{1,9})\s*[\]】)）]/.exec(subject);
  return match === null ? null : Number(match[1]);
}

/**
 * Turns mails into tickets and comments. Each mail's record (mailbox, UIDVALIDITY, UID, Message-ID)
 * is written in the same transaction as what it became, so a mail is never turned into work twice,
 * whichever instance reads it and however often a crash makes the reader start over.
 */
export class MailIntakeRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly tickets: TicketsRepo,
  ) {}

  /** The UIDs of this mailbox generation already recorded, among those given. */
  async recorded(mailbox: string, uidValidity: number, uids: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let i = 0; i < uids.length; i += 500) {
      const rows = await this.db
        .selectFrom('mail_imports')
        .select('uid')
        .where('mailbox', '=', mailbox)
        .where('uid_validity', '=', uidValidity)
        .where('uid', 'in', uids.slice(i, i + 500))
        .execute();
      for (const r of rows) found.add(Number(r.uid));
    }
    return found;
  }

  async import(position: MailboxPosition, mail: MailWork): Promise<MailOutcome> {
    try {
      return await this.db.transaction().execute((trx) => this.importIn(trx, position, mail));
    } catch (err) {
      // Another instance recorded the same position first (a lease handed over mid-read).
      if ((await this.recorded(position.mailbox, position.uidValidity, [position.uid])).size > 0) return { kind: 'skipped', reason: 'already-read' };
      throw err;
    }
  }

  private async importIn(trx: Transaction<Database>, position: MailboxPosition, mail: MailWork): Promise<MailOutcome> {
    const now = this.clock();
    const record = async (outcome: string, ticketId: string | null) => {
      await trx
        .insertInto('mail_imports')
        .values({ id: randomUUID(), mailbox: position.mailbox, uid_validity: position.uidValidity, uid: position.uid, message_id: mail.messageId, from_address: mail.fromAddress, outcome, ticket_id: ticketId, imported_at: now })
        .execute();
    };
    const already = await trx.selectFrom('mail_imports').select('id').where('mailbox', '=', position.mailbox).where('uid_validity', '=', position.uidValidity).where('uid', '=', position.uid).executeTakeFirst();
    if (already !== undefined) return { kind: 'skipped', reason: 'already-read' };
    if (mail.automatic !== null) {
      await record('automatic', null);
      return { kind: 'skipped', reason: 'automatic' };
    }
    if (mail.fromAddress === null) {
      await record('no-sender', null);
      return { kind: 'skipped', reason: 'no-sender' };
    }
    // The same message again (copied into the folder twice, or read after the folder was rebuilt).
    if (mail.messageId !== null && (await trx.selectFrom('mail_message_ids').select('ticket_id').where('message_id', '=', mail.messageId).executeTakeFirst()) !== undefined) {
      await record('duplicate', null);
      return { kind: 'skipped', reason: 'duplicate' };
    }
    const existing = await this.threadOf(trx, mail);
    if (existing !== null) {
      await this.tickets.appendRequesterMessage(trx, existing, { id: randomUUID(), body: mail.replyBody, authorName: mail.fromName ?? mail.fromAddress }, now);
      if (mail.attachments.length > 0) {
        await trx
          .insertInto('attachments')
          .values(mail.attachments.map((a) => ({ id: a.id, ticket_id: existing.id, field: a.field, name: a.name, type: a.type, size: a.size, sha256: a.sha256, role: a.role, created_at: now })))
          .execute();
        await trx.updateTable('tickets').set((eb) => ({ attachment_count: eb('attachment_count', '+', mail.attachments.length) })).where('id', '=', existing.id).execute();
      }
      await this.rememberId(trx, mail.messageId, existing.id, now);
      await record('comment', existing.id);
      return { kind: 'comment', ticketId: existing.id, number: existing.number };
    }
    const deviceId = await this.lastDeviceOf(trx, mail.fromAddress);
    const computed = priorityFor('medium', 'me');
    const row: TicketsTable = {
      id: randomUUID(),
      number: await this.tickets.nextNumber(trx),
      device_id: deviceId,
      subject: mail.subject === '' ? '(no subject)' : mail.subject,
      description: mail.body,
      category: 'other',
      urgency: 'medium',
      impact: 'me',
      computed_priority: computed,
      priority_override: null,
      priority_rank: PRIORITY_RANK[computed],
      status: 'new',
      assignee_id: null,
      contact: JSON.stringify({ name: mail.fromName, email: mail.fromAddress, phone: null }),
      requester: mail.fromName ?? mail.fromAddress,
      requester_account: null,
      locale: null,
      diagnostics: null,
      submitted_at: mail.submittedAt,
      created_at: now,
      updated_at: now,
      device_updated_at: now,
      status_changed_at: now,
      resolved_at: null,
      message_count: 0,
      attachment_count: mail.attachments.length,
      channel: 'mail',
      created_by: null,
      requester_email: mail.fromAddress,
      ...FRESH_TICKET_WORKFLOW,
      ...NO_SLA_YET,
    };
    await this.tickets.insertNew(trx, row, mail.attachments);
    await this.rememberId(trx, mail.messageId, row.id, now);
    await record('ticket', row.id);
    return { kind: 'ticket', ticketId: row.id, number: row.number, deviceId };
  }

  private async rememberId(trx: Transaction<Database>, messageId: string | null, ticketId: string, now: number): Promise<void> {
    if (messageId === null) return;
    await trx.insertInto('mail_message_ids').values({ message_id: messageId, ticket_id: ticketId, direction: 'in', created_at: now }).execute();
  }

  /**
   * The open ticket a reply belongs to: by a Message-ID it answers, else by the number in its subject
   * when the sender is that ticket's requester (a number alone is easy to guess or mistype). A merged
   * ticket's replies go to its survivor; a closed ticket's open a new one, as a new request.
   */
  private async threadOf(trx: Transaction<Database>, mail: MailWork): Promise<Pick<TicketsTable, 'id' | 'number' | 'status'> | null> {
    let ticketId: string | null = null;
    if (mail.relatedIds.length > 0) {
      const known = await trx.selectFrom('mail_message_ids').select(['message_id', 'ticket_id']).where('message_id', 'in', [...mail.relatedIds]).execute();
      const byId = new Map(known.map((k) => [k.message_id, k.ticket_id]));
      ticketId = mail.relatedIds.map((id) => byId.get(id)).find((id) => id !== undefined) ?? null;
    }
    const number = ticketNumberInSubject(mail.subject);
    if (ticketId === null && number !== null) {
      const byNumber = await trx.selectFrom('tickets').select(['id', 'requester_email']).where('number', '=', number).executeTakeFirst();
      if (byNumber !== undefined && byNumber.requester_email === mail.fromAddress) ticketId = byNumber.id;
    }
    for (let hops = 0; ticketId !== null && hops < 10; hops += 1) {
      const t = await trx.selectFrom('tickets').select(['id', 'number', 'status', 'merged_into_id']).where('id', '=', ticketId).executeTakeFirst();
      if (t === undefined) return null;
      if (t.merged_into_id !== null) {
        ticketId = t.merged_into_id;
        continue;
      }
      return t.status === 'closed' ? null : t;
    }
    return null;
  }

  /** The device on the address's most recent ticket that had one, or null. */
  private async lastDeviceOf(trx: Transaction<Database>, address: string): Promise<string | null> {
    const row = await trx
      .selectFrom('tickets')
      .innerJoin('devices', 'devices.id', 'tickets.device_id')
      .select('tickets.device_id')
      .where('tickets.requester_email', '=', address)
      .where('devices.enroll_state', '=', 'active')
      .orderBy('tickets.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.device_id ?? null;
  }
}
