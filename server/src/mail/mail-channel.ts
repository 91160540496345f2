import type { TechnicianMailTopic } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { OutboundQueue } from '../outbound/queue.js';
import type { Database, TicketsTable } from '../storage/tables.js';
import type { BreachNotice, DueSoonNotice, NotificationChannel, TicketEvent } from '../workflow/notify.js';
import type { MailConfig } from './mail-config-source.js';
import { MAIL_KIND, type MailJob } from './mail-job.js';
import { REQUESTER_LINK_DAYS, type RequesterLinks } from './requester-links.js';
import { mailTargetOf } from './technician-preferences.js';
import { mailLocaleOf } from './templates/layout.js';
import { requesterMail, type RequesterMailDetails } from './templates/requester-mail.js';
import { technicianMail, type TechnicianMailDetails, type TicketFacts } from './templates/technician-mail.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Mail as a notification channel beside the console's list: technicians by their own choices, and
 * requesters at the address their tray's contact field gave. Every mail is queued in the transaction
 * of its event with a key naming the event, so it is sent once however often the event is replayed;
 * nothing is queued while mail is not configured.
 */
export class MailChannel implements NotificationChannel {
  constructor(
    private readonly queue: OutboundQueue,
    private readonly config: MailConfig,
    private readonly links: RequesterLinks,
    /** DESKSIDE_PUBLIC_URL: without it mails carry no links (there is no address to link to). */
    private readonly publicUrl: string | null,
  ) {}

  async deliver(trx: Db, notice: BreachNotice): Promise<void> {
    if (!(await this.enabled(trx))) return;
    const ticket = await this.ticket(trx, notice.ticketId);
    if (ticket === null) return;
    await this.toTechnicians(trx, ticket, notice.recipients, { topic: 'sla-breached', target: notice.target, dueAt: notice.dueAt }, `sla-breached:${ticket.id}:${notice.target}`);
  }

  async dueSoon(trx: Db, notice: DueSoonNotice): Promise<void> {
    if (!(await this.enabled(trx))) return;
    const ticket = await this.ticket(trx, notice.ticketId);
    if (ticket === null) return;
    await this.toTechnicians(trx, ticket, notice.recipients, { topic: 'sla-due-soon', target: notice.target, dueAt: notice.dueAt }, `sla-due-soon:${ticket.id}:${notice.target}:${notice.dueAt}`);
  }

  async ticketEvent(trx: Db, event: TicketEvent): Promise<void> {
    if (!(await this.enabled(trx))) return;
    const ticket = await this.ticket(trx, event.ticketId);
    if (ticket === null) return;
    switch (event.kind) {
      case 'created': {
        await this.toRequester(trx, ticket, { topic: 'ticket-received', description: ticket.description }, `ticket-received:${ticket.id}`);
        // A ticket a technician recorded for themselves tells nobody; one recorded for a colleague tells them.
        if (ticket.assignee_id !== null && ticket.assignee_id !== ticket.created_by) {
          await this.toTechnicians(trx, ticket, [ticket.assignee_id], { topic: 'assigned-to-me', by: await this.nameOf(trx, ticket.created_by) }, `assigned:${ticket.id}:${ticket.assignee_id}:created`);
        }
        const team = ticket.team_id === null ? [] : await this.teamMembers(trx, ticket.team_id);
        await this.toTechnicians(trx, ticket, team.filter((id) => id !== ticket.created_by), { topic: 'team-new-ticket', description: ticket.description }, `team-new-ticket:${ticket.id}`);
        return;
      }
      case 'assigned':
        if (event.assigneeId === event.byTechnicianId) return;
        await this.toTechnicians(trx, ticket, [event.assigneeId], { topic: 'assigned-to-me', by: await this.nameOf(trx, event.byTechnicianId) }, `assigned:${ticket.id}:${event.assigneeId}:${ticket.updated_at}`);
        return;
      case 'requester-replied': {
        const message = await trx.selectFrom('ticket_messages').select(['body']).where('id', '=', event.messageId).executeTakeFirst();
        if (message === undefined) return;
        // The assignee; nobody's yet: the team.
        const recipients = ticket.assignee_id !== null ? [ticket.assignee_id] : ticket.team_id === null ? [] : await this.teamMembers(trx, ticket.team_id);
        await this.toTechnicians(trx, ticket, recipients, { topic: 'requester-replied', reply: message.body }, `requester-replied:${event.messageId}`);
        return;
      }
      case 'technician-replied': {
        const message = await trx.selectFrom('ticket_messages').select(['body', 'author_name', 'visibility']).where('id', '=', event.messageId).executeTakeFirst();
        if (message === undefined || message.visibility !== 'public') return;
        await this.toRequester(trx, ticket, { topic: 'technician-reply', technician: message.author_name ?? 'Deskside', reply: message.body }, `technician-reply:${event.messageId}`);
        return;
      }
      case 'resolved': {
        const key = `ticket-resolved:${ticket.id}:${ticket.resolved_at ?? ticket.updated_at}`;
        const address = requesterAddress(ticket);
        if (address === null) return;
        const locale = mailLocaleOf(ticket.locale);
        let confirmUrl: string | null = null;
        let stillBrokenUrl: string | null = null;
        if (this.publicUrl !== null && (await this.queue.byDedupeKey(`${MAIL_KIND}:${key}`, trx)) === null) {
          const tokens = await this.links.create(trx, ticket.id, locale);
          confirmUrl = `${this.publicUrl}/mail-links/${tokens.confirm}`;
          stillBrokenUrl = `${this.publicUrl}/mail-links/${tokens['still-broken']}`;
        }
        await this.toRequester(trx, ticket, { topic: 'ticket-resolved', confirmUrl, stillBrokenUrl, linkDays: REQUESTER_LINK_DAYS }, key);
        return;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled ticket event ${String(unreachable)}`);
      }
    }
  }

  private async enabled(trx: Db): Promise<boolean> {
    return (await this.config.current(trx)) !== null;
  }

  private async ticket(trx: Db, id: string): Promise<TicketsTable | null> {
    return (await trx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  private async nameOf(trx: Db, technicianId: string | null): Promise<string | null> {
    if (technicianId === null) return null;
    return (await trx.selectFrom('technicians').select('display_name').where('id', '=', technicianId).executeTakeFirst())?.display_name ?? null;
  }

  private async teamMembers(trx: Db, teamId: string): Promise<string[]> {
    const rows = await trx.selectFrom('team_members').select('technician_id').where('team_id', '=', teamId).execute();
    return rows.map((r) => r.technician_id);
  }

  private async facts(trx: Db, ticket: TicketsTable): Promise<TicketFacts> {
    const team = ticket.team_id === null ? undefined : await trx.selectFrom('teams').select('name').where('id', '=', ticket.team_id).executeTakeFirst();
    return { number: ticket.number, subject: ticket.subject, teamName: team?.name ?? null, requester: ticket.requester };
  }

  private async toTechnicians(trx: Db, ticket: TicketsTable, recipients: readonly string[], details: TechnicianMailDetails, key: string): Promise<void> {
    const ids = [...new Set(recipients)];
    if (ids.length === 0) return;
    const rows = await trx.selectFrom('technicians').select(['id', 'email', 'mail_notifications', 'disabled']).where('id', 'in', ids).execute();
    const facts = await this.facts(trx, ticket);
    const url = this.publicUrl === null ? null : `${this.publicUrl}/tickets/${ticket.id}`;
    for (const row of rows) {
      const target = mailTargetOf(row, details.topic satisfies TechnicianMailTopic);
      if (target === null) continue;
      const mail = technicianMail(target.locale, facts, details, url);
      await this.enqueue(trx, { ...mail, to: target.email, topic: details.topic, ticketId: ticket.id, ticketNumber: ticket.number }, `${key}:${row.id}`);
    }
  }

  private async toRequester(trx: Db, ticket: TicketsTable, details: RequesterMailDetails, key: string): Promise<void> {
    const address = requesterAddress(ticket);
    if (address === null) return;
    const mail = requesterMail(mailLocaleOf(ticket.locale), { number: ticket.number, subject: ticket.subject, requesterName: contactOf(ticket).name }, details);
    await this.enqueue(trx, { ...mail, to: address, topic: details.topic, ticketId: ticket.id, ticketNumber: ticket.number }, key);
  }

  private async enqueue(trx: Db, mail: MailJob, key: string): Promise<void> {
    await this.queue.enqueue(trx, { kind: MAIL_KIND, payload: mail, dedupeKey: `${MAIL_KIND}:${key}` });
  }
}

function contactOf(ticket: Pick<TicketsTable, 'contact'>): { name: string | null; email: string | null } {
  try {
    const c = JSON.parse(ticket.contact) as { name?: unknown; email?: unknown };
    return { name: typeof c.name === 'string' && c.name.trim() !== '' ? c.name : null, email: typeof c.email === 'string' && c.email.includes('@') ? c.email : null };
  } catch {
    return { name: null, email: null };
  }
}

/** The requester's address: the contact field of the ticket (the tray's, or the technician's who recorded it). */
export const requesterAddress = (ticket: Pick<TicketsTable, 'contact'>): string | null => contactOf(ticket).email;
