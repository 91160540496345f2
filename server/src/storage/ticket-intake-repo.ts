import { randomUUID } from 'node:crypto';

import { priorityFor, type DiagnosticsRequest, type DiagnosticsRequestView, type Diagnostics, type TicketCreate } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import { NO_SLA_YET } from '../workflow/ticket-sla.js';
import type { Clock } from './clock.js';
import type { StatementCache } from './statement-cache.js';
import type { Database, TicketsTable } from './tables.js';
import { FRESH_TICKET_WORKFLOW } from './ticket-rows.js';
import { PRIORITY_RANK } from './ticket-views.js';
import { iso, isoOrNull, json, parseJson } from './values.js';

/** Requests still pending per device that one check-in hands over (the schema's cap). */
const PENDING_PER_CHECKIN = 20;

export interface Recorder {
  readonly id: string;
  readonly name: string;
}

export class DiagnosticsRequestNotFoundError extends Error {
  constructor() {
    super('no such diagnostics request for this ticket');
  }
}

/**
 * Tickets a technician records for a phone call, a visit or a mail, and the fresh diagnostics they ask
 * the requester's device for: stored here, handed to the agent in its next check-in, fulfilled by its
 * upload.
 */
export class TicketIntakeRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** SQLite only: prepared statements for the check-in path. */
    private readonly fast: StatementCache | null = null,
  ) {}

  async createByTechnician(trx: Transaction<Database>, t: Omit<TicketCreate, 'assigneeId'> & { assigneeId: string | null; requestDiagnostics: boolean }, by: Recorder): Promise<TicketsTable> {
    const now = this.clock();
    const counter = await trx
      .insertInto('counters')
      .values({ name: 'ticket', value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    const computed = priorityFor(t.urgency, t.impact);
    const row: TicketsTable = {
      id: randomUUID(),
      number: Number(counter.value),
      device_id: t.deviceId,
      subject: t.subject,
      description: t.description,
      category: t.category,
      urgency: t.urgency,
      impact: t.impact,
      computed_priority: computed,
      priority_override: null,
      priority_rank: PRIORITY_RANK[computed],
      // The desk took it in person: it is being worked on, not waiting to be looked at.
      status: 'open',
      assignee_id: t.assigneeId,
      contact: json(t.contact),
      requester_email: t.contact.email?.trim().toLowerCase() ?? null,
      requester: t.contact.name ?? t.contact.email ?? t.requesterAccount?.name ?? null,
      requester_account: t.requesterAccount === null ? null : json(t.requesterAccount),
      locale: null,
      diagnostics: null,
      submitted_at: now,
      created_at: now,
      updated_at: now,
      device_updated_at: now,
      status_changed_at: now,
      resolved_at: null,
      message_count: 0,
      attachment_count: 0,
      channel: t.channel,
      created_by: by.id,
      ...FRESH_TICKET_WORKFLOW,
      ...NO_SLA_YET,
    };
    await trx.insertInto('tickets').values(row).execute();
    if (t.requestDiagnostics) await this.requestDiagnostics(trx, { id: row.id, device_id: t.deviceId }, by);
    return row;
  }

  /** Asks the ticket's device for fresh diagnostics; an identical request still pending is reused. */
  async requestDiagnostics(trx: Transaction<Database> | Kysely<Database>, ticket: { readonly id: string; readonly device_id: string }, by: Recorder): Promise<{ id: string; reused: boolean }> {
    const pending = await trx.selectFrom('ticket_diagnostics_requests').select('id').where('ticket_id', '=', ticket.id).where('fulfilled_at', 'is', null).executeTakeFirst();
    if (pending !== undefined) return { id: pending.id, reused: true };
    const id = randomUUID();
    await trx
      .insertInto('ticket_diagnostics_requests')
      .values({ id, ticket_id: ticket.id, device_id: ticket.device_id, requested_by: by.id, requested_by_name: by.name, requested_at: this.clock(), fulfilled_at: null, diagnostics: null })
      .execute();
    return { id, reused: false };
  }

  /** What the device should collect now: asked on every check-in, so nearly always an empty index probe. */
  async pendingForDevice(deviceId: string): Promise<DiagnosticsRequest[]> {
    if (this.fast?.idle === true) {
      const any = this.fast.get('select 1 from ticket_diagnostics_requests where device_id = ? and fulfilled_at is null limit 1').get(deviceId);
      if (any === undefined) return [];
    }
    const rows = await this.db
      .selectFrom('ticket_diagnostics_requests')
      .select(['id', 'ticket_id'])
      .where('device_id', '=', deviceId)
      .where('fulfilled_at', 'is', null)
      .orderBy('requested_at', 'asc')
      .limit(PENDING_PER_CHECKIN)
      .execute();
    return rows.map((r) => ({ id: r.id, ticketId: r.ticket_id }));
  }

  /**
   * The device's answer. A single conditional UPDATE, so a retry (or two instances racing on one) is
   * stored once; the ticket's device-side clock is not touched (the user sees nothing new).
   */
  async fulfil(deviceId: string, ticketId: string, requestId: string, diagnostics: Diagnostics): Promise<{ duplicate: boolean; fulfilledAt: number }> {
    const now = this.clock();
    const updated = await this.db
      .updateTable('ticket_diagnostics_requests')
      .set({ fulfilled_at: now, diagnostics: json(diagnostics) })
      .where('id', '=', requestId)
      .where('ticket_id', '=', ticketId)
      .where('device_id', '=', deviceId)
      .where('fulfilled_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) {
      await this.db.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticketId).execute();
      return { duplicate: false, fulfilledAt: now };
    }
    const existing = await this.db
      .selectFrom('ticket_diagnostics_requests')
      .select('fulfilled_at')
      .where('id', '=', requestId)
      .where('ticket_id', '=', ticketId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    if (existing?.fulfilled_at == null) throw new DiagnosticsRequestNotFoundError();
    return { duplicate: true, fulfilledAt: existing.fulfilled_at };
  }

  async forTicket(ticketId: string): Promise<DiagnosticsRequestView[]> {
    const rows = await this.db.selectFrom('ticket_diagnostics_requests').selectAll().where('ticket_id', '=', ticketId).orderBy('requested_at', 'desc').limit(100).execute();
    return rows.map((r) => ({
      id: r.id,
      requestedAt: iso(r.requested_at),
      requestedBy: r.requested_by_name,
      fulfilledAt: isoOrNull(r.fulfilled_at),
      diagnostics: r.diagnostics === null ? null : parseJson<Diagnostics>(r.diagnostics),
    }));
  }
}
