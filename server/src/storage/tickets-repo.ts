import { randomUUID } from 'node:crypto';

import {
  SLA_SOON_MS,
  priorityFor,
  type AttachmentMeta,
  type PublicAttachment,
  type CommentSubmission,
  type DeviceTicketView,
  type Priority,
  type TICKET_DUE_FILTERS,
  type TicketPage,
  type TicketStatus,
  type TicketStatusCounts,
  type TicketSubmission,
  type TicketChannel,
  type TicketUpdate,
} from '@deskside/shared';
import { sql, type Kysely, type Transaction } from 'kysely';

import type { FieldChanges } from '../webhooks/webhook-events.js';
import type { TicketEvent } from '../workflow/notify.js';
import { NO_SLA_YET } from '../workflow/ticket-sla.js';
import type { Clock } from './clock.js';
import { FILED_WITH_TICKET, filesOfTickets } from './reply-attachments-repo.js';
import type { StatementCache } from './statement-cache.js';
import type { AttachmentsTable, Database, TicketMessagesTable, TicketsTable } from './tables.js';
import { closingColumns, deviceLoopFields } from './ticket-loop-columns.js';
import { FRESH_TICKET_WORKFLOW } from './ticket-rows.js';
import { OPEN_STATUSES, PRIORITY_RANK, effectivePriority, toPublicMessage, toTicketSummary, type TicketListRow } from './ticket-views.js';
import { count, json, likeContains, offsetOf } from './values.js';

/**
 * Workflow steps (routing, the service-level clock) that run inside the transaction of each ticket
 * change. Whatever creates or changes a ticket calls these.
 */
export interface TicketLifecycle {
  created(trx: Transaction<Database>, row: TicketsTable): Promise<void>;
  /** `events`: what happened, for the notification channels (workflow/notify.ts). */
  changed(trx: Transaction<Database>, ticketId: string, events?: readonly TicketEvent[]): Promise<void>;
  /** Fields that changed, told to other systems (webhooks); `changed` has already run. */
  updated(trx: Transaction<Database>, ticketId: string, changes: FieldChanges): Promise<void>;
  /** A message added to the conversation, public or internal. */
  commented(trx: Transaction<Database>, message: TicketMessagesTable): Promise<void>;
}

export class TicketOwnershipError extends Error {
  constructor() {
    super('this ticket id belongs to another device');
  }
}
export class TicketClosedError extends Error {
  constructor() {
    super('the ticket is closed; file a new one');
  }
}

export interface StoredAttachment extends AttachmentMeta {
  readonly id: string;
}

export interface TicketListFilter {
  readonly status?: readonly TicketStatus[] | undefined;
  readonly priority?: readonly Priority[] | undefined;
  readonly category?: string | undefined;
  /** A technician id, or null for "unassigned". */
  readonly assigneeId?: string | null | undefined;
  readonly deviceId?: string | undefined;
  /** Team ids to include (empty: none matches), or null for tickets without a team. */
  readonly teamIds?: readonly string[] | null | undefined;
  readonly due?: (typeof TICKET_DUE_FILTERS)[number] | undefined;
  readonly q?: string | undefined;
  /** Opened in [openedFrom, openedTo): ISO instants. */
  readonly openedFrom?: string | undefined;
  readonly openedTo?: string | undefined;
  /** Resolved or closed in [resolvedFrom, resolvedTo): ISO instants. */
  readonly resolvedFrom?: string | undefined;
  readonly resolvedTo?: string | undefined;
  readonly channel?: readonly TicketChannel[] | undefined;
  /** Only tickets whose requester wrote since a technician last answered publicly. */
  readonly requesterReplied?: boolean | undefined;
  readonly sort: 'updated' | 'created' | 'priority' | 'number' | 'status' | 'due';
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

const CURSOR_PREFIX = 't';
export const encodeCursor = (ms: number): string => `${CURSOR_PREFIX}${ms}`;
export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null || !cursor.startsWith(CURSOR_PREFIX)) return null;
  const ms = Number(cursor.slice(1));
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : null;
}

/** The ids of a ticket and of the duplicates merged into it, as a subquery. */
const withMerged = (db: Kysely<Database>, ticketId: string) =>
  db.selectFrom('tickets').select('id').where((eb) => eb.or([eb('id', '=', ticketId), eb('merged_into_id', '=', ticketId)]));

/** Orders an index on the tickets table serves: a page in that order is read along it, without a sort. */
const INDEXED_ORDERS: ReadonlySet<TicketListFilter['sort']> = new Set(['priority', 'updated', 'created', 'number']);

/**
 * The column the status filter tests. When the statuses asked for hold at least a tenth of the rows
 * the other filters leave (the default queue: new, open and waiting, some 40 % of all tickets), the
 * page is found within a few hundred rows read along the order's index, and SQLite must not take the
 * status index instead (it did: 43,000 open tickets of 100,000 read and sorted, 300 ms, for 50 rows).
 * `status || ''` is the same value that no index covers, in both engines. A rarer status keeps its
 * index: read along the order, its page could need the whole table.
 */
function statusFilterTerm(sort: TicketListFilter['sort'], matching: number, everyStatus: number) {
  return INDEXED_ORDERS.has(sort) && matching * 10 >= everyStatus ? sql<string>`(tickets.status || '')` : sql<string>`tickets.status`;
}

const STATUS_ORDER = sql<number>`case tickets.status when 'new' then 0 when 'open' then 1 when 'waiting-on-user' then 2 when 'resolved' then 3 else 4 end`;

export class TicketsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** SQLite only: prepared statements for the check-in path. */
    private readonly fast: StatementCache | null = null,
    private readonly lifecycle: TicketLifecycle | null = null,
  ) {}

  /** A new ticket and its attachments, with the workflow's routing and clocks, inside the caller's transaction. */
  async insertNew(trx: Transaction<Database>, row: TicketsTable, attachments: readonly StoredAttachment[]): Promise<void> {
    await trx.insertInto('tickets').values(row).execute();
    if (attachments.length > 0) {
      await trx
        .insertInto('attachments')
        .values(attachments.map((a) => ({ id: a.id, ticket_id: row.id, field: a.field, name: a.name, type: a.type, size: a.size, sha256: a.sha256, role: a.role, created_at: row.created_at })))
        .execute();
    }
    await this.lifecycle?.created(trx, row);
  }

  /** The next ticket number, inside the transaction that creates the ticket. */
  async nextNumber(trx: Transaction<Database>): Promise<number> {
    const row = await trx
      .insertInto('counters')
      .values({ name: 'ticket', value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async row(id: string): Promise<TicketsTable | null> {
    return (await this.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Existing ticket with this client id: for idempotent re-submission. */
  async existingForDevice(deviceId: string, id: string): Promise<TicketsTable | null> {
    const row = await this.row(id);
    if (row === null) return null;
    if (row.device_id !== deviceId) throw new TicketOwnershipError();
    return row;
  }

  async createFromDevice(deviceId: string, t: TicketSubmission, attachments: readonly StoredAttachment[]): Promise<{ row: TicketsTable; duplicate: boolean }> {
    const now = this.clock();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const number = await this.nextNumber(trx);
        const computed = priorityFor(t.urgency, t.impact);
        const row: TicketsTable = {
          id: t.id,
          number,
          device_id: deviceId,
          subject: t.subject,
          description: t.description,
          category: t.category,
          urgency: t.urgency,
          impact: t.impact,
          computed_priority: computed,
          priority_override: null,
          priority_rank: PRIORITY_RANK[computed],
          status: 'new',
          assignee_id: null,
          contact: json(t.contact),
          requester_email: t.contact.email?.trim().toLowerCase() ?? null,
          requester: t.contact.name ?? t.contact.email ?? t.requesterAccount?.name ?? null,
          requester_account: t.requesterAccount ? json(t.requesterAccount) : null,
          locale: t.locale,
          diagnostics: t.diagnostics === null ? null : json(t.diagnostics),
          submitted_at: Date.parse(t.createdAt),
          created_at: now,
          updated_at: now,
          device_updated_at: now,
          status_changed_at: now,
          resolved_at: null,
          message_count: 0,
          attachment_count: attachments.length,
          channel: 'tray',
          created_by: null,
          ...FRESH_TICKET_WORKFLOW,
          ...NO_SLA_YET,
        };
        await this.insertNew(trx, row, attachments);
        return { row: (await trx.selectFrom('tickets').selectAll().where('id', '=', row.id).executeTakeFirst()) ?? row, duplicate: false };
      });
    } catch (err) {
      // Two instances racing on one client id: the loser reports the winner's ticket.
      const winner = await this.existingForDevice(deviceId, t.id);
      if (winner !== null) return { row: winner, duplicate: true };
      throw err;
    }
  }

  private async publicMessages(ticketIds: readonly string[]): Promise<Map<string, TicketMessagesTable[]>> {
    const map = new Map<string, TicketMessagesTable[]>();
    if (ticketIds.length === 0) return map;
    const rows = await this.db
      .selectFrom('ticket_messages')
      .selectAll()
      .where('ticket_id', 'in', [...ticketIds])
      .where('visibility', '=', 'public')
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    for (const r of rows) map.set(r.ticket_id, [...(map.get(r.ticket_id) ?? []), r]);
    return map;
  }

  private deviceView(r: TicketsTable, messages: readonly TicketMessagesTable[], files: ReadonlyMap<string, readonly AttachmentsTable[]>): DeviceTicketView {
    return {
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status as TicketStatus,
      priority: effectivePriority(r),
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      messages: messages.slice(-1000).map((m) => toPublicMessage(m, files.get(m.id))),
      description: r.description,
      attachments: (files.get(FILED_WITH_TICKET + r.id) ?? []).map((f) => ({ id: f.id, name: f.name, type: f.type as PublicAttachment['type'], size: f.size, role: f.role === 'screenshot' ? 'screenshot' : 'file' })),
      ...deviceLoopFields(r),
    };
  }

  /** The device's own tickets, newest first, with their public conversation only. */
  async forDevice(deviceId: string, limit = 1000): Promise<DeviceTicketView[]> {
    const rows = await this.db.selectFrom('tickets').selectAll().where('device_id', '=', deviceId).orderBy('created_at', 'desc').limit(limit).execute();
    const messages = await this.publicMessages(rows.map((r) => r.id));
    const files = await filesOfTickets(this.db, rows.map((r) => r.id));
    return rows.map((r) => this.deviceView(r, messages.get(r.id) ?? [], files));
  }

  /** What changed on this device's tickets since the cursor, and the cursor to send next time. */
  async updatesSince(deviceId: string, cursor: string | null): Promise<{ updates: TicketUpdate[]; cursor: string }> {
    const since = decodeCursor(cursor);
    if (since === null) return { updates: [], cursor: encodeCursor(this.clock()) };
    if (this.fast?.idle === true) {
      // Nearly every check-in finds nothing: answer that case without building a query.
      const any = this.fast.get('select 1 from tickets where device_id = ? and device_updated_at > ? limit 1').get(deviceId, since);
      if (any === undefined) return { updates: [], cursor: encodeCursor(since) };
    }
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('device_updated_at', '>', since)
      .orderBy('device_updated_at', 'asc')
      .limit(500)
      .execute();
    if (rows.length === 0) return { updates: [], cursor: encodeCursor(since) };
    const messages = await this.publicMessages(rows.map((r) => r.id));
    const files = await filesOfTickets(this.db, rows.map((r) => r.id));
    const updates = rows.map((r) => {
      const all = messages.get(r.id) ?? [];
      return {
        ticket: this.deviceView(r, all, files),
        statusChanged: r.status_changed_at > since,
        newTechnicianMessages: all.filter((m) => m.author === 'technician' && m.created_at > since).length,
      };
    });
    return { updates, cursor: encodeCursor(Math.max(since, ...rows.map((r) => r.device_updated_at))) };
  }

  /**
   * A user's reply from the tray. Replying to a ticket waiting on the user, or a resolved one, puts it
   * back in the technicians' queue.
   */
  async addDeviceComment(deviceId: string, ticketId: string, c: CommentSubmission, authorName: string | null): Promise<{ duplicate: boolean; receivedAt: number; reopenedFrom: TicketStatus | null } | null> {
    const ticket = await this.row(ticketId);
    if (ticket === null || ticket.device_id !== deviceId) return null;
    const existing = await this.db.selectFrom('ticket_messages').select(['ticket_id', 'created_at']).where('id', '=', c.id).executeTakeFirst();
    if (existing !== undefined) {
      if (existing.ticket_id !== ticketId) throw new TicketOwnershipError();
      return { duplicate: true, receivedAt: existing.created_at, reopenedFrom: null };
    }
    if (ticket.status === 'closed') throw new TicketClosedError();
    const now = this.clock();
    const reopen = ticket.status === 'waiting-on-user' || ticket.status === 'resolved';
    await this.db.transaction().execute((trx) => this.appendRequesterMessage(trx, ticket, { id: c.id, body: c.body, authorName: authorName ?? ticket.requester }, now));
    return { duplicate: false, receivedAt: now, reopenedFrom: reopen ? (ticket.status as TicketStatus) : null };
  }

  /**
   * The requester's words on their ticket (from the tray or by mail), inside the caller's transaction.
   * Replying to a ticket waiting on the user, or a resolved one, puts it back in the technicians' queue.
   */
  async appendRequesterMessage(trx: Transaction<Database>, ticket: Pick<TicketsTable, 'id' | 'status'>, m: { id: string; body: string; authorName: string | null }, now: number): Promise<void> {
    const reopen = ticket.status === 'waiting-on-user' || ticket.status === 'resolved';
    const reopensResolved = ticket.status === 'resolved';
    const message: TicketMessagesTable = { id: m.id, ticket_id: ticket.id, visibility: 'public', author: 'user', author_name: m.authorName, technician_id: null, body: m.body, created_at: now };
    await trx.insertInto('ticket_messages').values(message).execute();
    await trx
      .updateTable('tickets')
      .set((eb) => ({
        message_count: eb('message_count', '+', 1),
        updated_at: now,
        // The queue marks it and sorts it up, rather than it reopening silently at the bottom.
        requester_replied_at: now,
        ...(reopen ? { status: 'open', status_changed_at: now, device_updated_at: now, resolved_at: null } : {}),
        ...(reopensResolved ? { reopen_count: eb('reopen_count', '+', 1) } : {}),
      }))
      .where('id', '=', ticket.id)
      .execute();
    await this.lifecycle?.changed(trx, ticket.id, [{ kind: 'requester-replied', ticketId: ticket.id, messageId: m.id }]);
    await this.lifecycle?.commented(trx, message);
    if (reopen) await this.lifecycle?.updated(trx, ticket.id, { status: { before: ticket.status, after: 'open' } });
  }

  /* ───────────── console side ───────────── */

  private listBase() {
    return this.db
      .selectFrom('tickets')
      .leftJoin('devices', 'devices.id', 'tickets.device_id')
      .leftJoin('technicians', 'technicians.id', 'tickets.assignee_id')
      .leftJoin('teams', 'teams.id', 'tickets.team_id')
      .leftJoin('sla_policies', 'sla_policies.id', 'tickets.sla_policy_id');
  }

  async summary(id: string): Promise<TicketListRow | null> {
    const row = await this.listBase()
      .selectAll('tickets')
      .select(['devices.hostname as device_hostname', 'technicians.display_name as assignee_name', 'teams.name as team_name', 'sla_policies.name as sla_policy_name'])
      .where('tickets.id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  /** The filters that read the ticket row alone, as one condition both the joined and the bare query take. */
  private ticketConditions(f: TicketListFilter) {
    const parts = [];
    if (f.priority !== undefined && f.priority.length > 0) parts.push(sql`tickets.priority_rank in (${sql.join(f.priority.map((p) => PRIORITY_RANK[p]))})`);
    if (f.category !== undefined) parts.push(sql`tickets.category = ${f.category}`);
    if (f.assigneeId === null) parts.push(sql`tickets.assignee_id is null`);
    else if (f.assigneeId !== undefined) parts.push(sql`tickets.assignee_id = ${f.assigneeId}`);
    if (f.deviceId !== undefined) parts.push(sql`tickets.device_id = ${f.deviceId}`);
    if (f.teamIds === null) parts.push(sql`tickets.team_id is null`);
    else if (f.teamIds !== undefined) parts.push(f.teamIds.length === 0 ? sql`1 = 0` : sql`tickets.team_id in (${sql.join([...f.teamIds])})`);
    if (f.due !== undefined) {
      const now = this.clock();
      if (f.due === 'overdue') parts.push(sql`tickets.sla_next_due_at < ${now}`);
      else if (f.due === 'soon') parts.push(sql`tickets.sla_next_due_at >= ${now} and tickets.sla_next_due_at < ${now + SLA_SOON_MS}`);
      else parts.push(sql`exists (select 1 from sla_breaches where sla_breaches.ticket_id = tickets.id)`);
    }
    if (f.openedFrom !== undefined) parts.push(sql`tickets.created_at >= ${Date.parse(f.openedFrom)}`);
    if (f.openedTo !== undefined) parts.push(sql`tickets.created_at < ${Date.parse(f.openedTo)}`);
    if (f.resolvedFrom !== undefined) parts.push(sql`tickets.resolved_at >= ${Date.parse(f.resolvedFrom)}`);
    if (f.resolvedTo !== undefined) parts.push(sql`tickets.resolved_at < ${Date.parse(f.resolvedTo)}`);
    if (f.channel !== undefined && f.channel.length > 0) parts.push(sql`tickets.channel in (${sql.join([...f.channel])})`);
    if (f.requesterReplied === true) parts.push(sql`tickets.requester_replied_at is not null`);
    return parts.length === 0 ? sql<boolean>`1 = 1` : sql<boolean>`${sql.join(parts, sql` and `)}`;
  }

  async list(f: TicketListFilter): Promise<TicketPage> {
    const conditions = this.ticketConditions(f);
    let q = this.listBase().where(conditions);
    const searching = f.q !== undefined && f.q !== '';
    if (f.q !== undefined && f.q !== '') {
      const pattern = likeContains(f.q);
      const asNumber = /^#?\d{1,9}$/.test(f.q) ? Number(f.q.replace('#', '')) : null;
      q = q.where((eb) =>
        eb.or([
          // SQLite has no default LIKE escape: without ESCAPE, likeContains' `\_` would look for a backslash.
          sql<boolean>`lower(tickets.subject) like ${pattern} escape '\\'`,
          sql<boolean>`lower(tickets.description) like ${pattern} escape '\\'`,
          sql<boolean>`lower(coalesce(tickets.requester, '')) like ${pattern} escape '\\'`,
          sql<boolean>`lower(coalesce(devices.hostname, '')) like ${pattern} escape '\\'`,
          ...(asNumber === null ? [] : [eb('tickets.number', '=', asNumber)]),
        ]),
      );
    }
    // Counting needs the device join only when the search reads the host name: at 100,000 tickets,
    // joining every row to its device just to count it cost most of the queue's first page.
    const bare = this.db.selectFrom('tickets').where(conditions);
    const statuses = f.status !== undefined && f.status.length > 0 ? [...f.status] : null;
    const countsQuery = searching
      ? q.select(['tickets.status', sql<number>`count(*)`.as('n')]).groupBy('tickets.status')
      : bare.select(['tickets.status', sql<number>`count(*)`.as('n')]).groupBy('tickets.status');
    // The per-status counts cover the same rows as the page (every filter but the status one): the total
    // is their sum over the statuses asked for, not a second count over the table.
    const grouped = await countsQuery.execute();
    const counts: TicketStatusCounts = { new: 0, open: 0, 'waiting-on-user': 0, resolved: 0, closed: 0 };
    for (const g of grouped) if (g.status in counts) counts[g.status as TicketStatus] = count(g.n);
    const total = grouped.filter((g) => statuses === null || statuses.includes(g.status as TicketStatus)).reduce((sum, g) => sum + count(g.n), 0);
    const everyStatus = grouped.reduce((sum, g) => sum + count(g.n), 0);
    const filtered = statuses !== null ? q.where(statusFilterTerm(f.sort, total, everyStatus), 'in', statuses) : q;
    const sortExpr =
      f.sort === 'updated'
        ? sql`tickets.updated_at`
        : f.sort === 'created'
          ? sql`tickets.created_at`
          : f.sort === 'priority'
            ? sql`tickets.priority_rank`
            : f.sort === 'number'
              ? sql`tickets.number`
              : f.sort === 'due'
                ? sql`tickets.sla_next_due_at`
                : STATUS_ORDER;
    const rows = await filtered
      .selectAll('tickets')
      .select(['devices.hostname as device_hostname', 'technicians.display_name as assignee_name', 'teams.name as team_name', 'sla_policies.name as sla_policy_name'])
      // Tickets with no running clock come after every due time, whichever the order (engines disagree on nulls).
      .$if(f.sort === 'due', (qb) => qb.orderBy(sql`case when tickets.sla_next_due_at is null then 1 else 0 end`, 'asc'))
      .orderBy(sortExpr, f.order)
      .orderBy('tickets.number', f.order)
      .limit(f.pageSize)
      .offset(offsetOf(f))
      .execute();
    const now = this.clock();
    return { items: rows.map((r) => toTicketSummary(r as TicketListRow, now)), total, page: f.page, pageSize: f.pageSize, counts };
  }

  /** The ticket's conversation, with that of duplicates merged into it. */
  async messages(ticketId: string): Promise<TicketMessagesTable[]> {
    return this.db.selectFrom('ticket_messages').selectAll().where('ticket_id', 'in', withMerged(this.db, ticketId)).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
  }

  /** The ticket's attachments, with those of duplicates merged into it (each downloads from its own ticket). */
  async attachments(ticketId: string) {
    return (
      this.db
        .selectFrom('attachments')
        .selectAll()
        .where('ticket_id', 'in', withMerged(this.db, ticketId))
        // A technician's upload joins the ticket when a message sends it.
        .where((eb) => eb.or([eb('uploaded_by', 'is', null), eb('message_id', 'is not', null)]))
        .orderBy('created_at', 'asc')
        .orderBy('name', 'asc')
        .execute()
    );
  }

  async attachment(ticketId: string, attachmentId: string) {
    return (await this.db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId).where('id', '=', attachmentId).executeTakeFirst()) ?? null;
  }

  /** Applies a technician's change; returns the before/after of each field that really changed. */
  async update(
    trx: Transaction<Database>,
    ticket: TicketsTable,
    patch: { status?: TicketStatus | undefined; assigneeId?: string | null | undefined; priorityOverride?: Priority | null | undefined },
    /** The technician making the change (an assignment they make to themselves tells nobody). */
    by?: string | null,
  ): Promise<Record<string, { before: string | null; after: string | null }>> {
    const now = this.clock();
    const set: Partial<TicketsTable> = {};
    const changed: Record<string, { before: string | null; after: string | null }> = {};
    if (patch.status !== undefined && patch.status !== ticket.status) {
      set.status = patch.status;
      set.status_changed_at = now;
      set.device_updated_at = now;
      set.resolved_at = patch.status === 'resolved' || patch.status === 'closed' ? (ticket.resolved_at ?? now) : null;
      Object.assign(set, closingColumns(ticket, patch.status, now));
      changed.status = { before: ticket.status, after: patch.status };
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assignee_id) {
      set.assignee_id = patch.assigneeId;
      changed.assignee = { before: ticket.assignee_id, after: patch.assigneeId };
    }
    if (patch.priorityOverride !== undefined && patch.priorityOverride !== ticket.priority_override) {
      const effective = patch.priorityOverride ?? (ticket.computed_priority as Priority);
      set.priority_override = patch.priorityOverride;
      set.priority_rank = PRIORITY_RANK[effective];
      // The device shows the priority too.
      set.device_updated_at = now;
      changed.priority = { before: effectivePriority(ticket), after: effective };
    }
    if (Object.keys(changed).length === 0) return changed;
    set.updated_at = now;
    await trx.updateTable('tickets').set(set).where('id', '=', ticket.id).execute();
    const events: TicketEvent[] = [];
    if (set.assignee_id !== undefined && set.assignee_id !== null) events.push({ kind: 'assigned', ticketId: ticket.id, assigneeId: set.assignee_id, byTechnicianId: by ?? null });
    if (set.status === 'resolved') events.push({ kind: 'resolved', ticketId: ticket.id });
    await this.lifecycle?.changed(trx, ticket.id, events);
    await this.lifecycle?.updated(trx, ticket.id, changed);
    return changed;
  }

  async addTechnicianMessage(
    trx: Transaction<Database>,
    ticketId: string,
    m: { visibility: 'public' | 'internal'; body: string; technicianId: string; authorName: string },
  ): Promise<TicketMessagesTable> {
    const now = this.clock();
    const row: TicketMessagesTable = {
      id: randomUUID(),
      ticket_id: ticketId,
      visibility: m.visibility,
      author: 'technician',
      author_name: m.authorName,
      technician_id: m.technicianId,
      body: m.body,
      created_at: now,
    };
    await trx.insertInto('ticket_messages').values(row).execute();
    await trx
      .updateTable('tickets')
      .set((eb) => ({
        message_count: eb('message_count', '+', 1),
        updated_at: now,
        // An internal note must not wake the user's tray; a public answer takes the "requester replied" marker off.
        ...(m.visibility === 'public' ? { device_updated_at: now, requester_replied_at: null, first_response_at: eb.fn.coalesce('first_response_at', eb.val(now)) } : {}),
      }))
      .where('id', '=', ticketId)
      .execute();
    if (m.visibility === 'public') await this.lifecycle?.changed(trx, ticketId, [{ kind: 'technician-replied', ticketId, messageId: row.id }]);
    await this.lifecycle?.commented(trx, row);
    return row;
  }

  async statusCounts(): Promise<TicketStatusCounts> {
    const rows = await this.db.selectFrom('tickets').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
    const counts: TicketStatusCounts = { new: 0, open: 0, 'waiting-on-user': 0, resolved: 0, closed: 0 };
    for (const r of rows) if (r.status in counts) counts[r.status as TicketStatus] = count(r.n);
    return counts;
  }

  async unassignedOpen(): Promise<number> {
    const r = await this.db
      .selectFrom('tickets')
      .select(sql<number>`count(*)`.as('n'))
      .where('assignee_id', 'is', null)
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    return count(r?.n);
  }

  /** Tickets opened and resolved per UTC day since `since` (epoch ms at a day boundary). */
  async perDay(since: number): Promise<{ opened: Map<number, number>; resolved: Map<number, number> }> {
    const day = (column: 'created_at' | 'resolved_at') => sql<number>`(tickets.${sql.ref(column)} / 86400000)`;
    const [opened, resolved] = await Promise.all([
      this.db.selectFrom('tickets').select([day('created_at').as('d'), sql<number>`count(*)`.as('n')]).where('created_at', '>=', since).groupBy(day('created_at')).execute(),
      this.db.selectFrom('tickets').select([day('resolved_at').as('d'), sql<number>`count(*)`.as('n')]).where('resolved_at', '>=', since).groupBy(day('resolved_at')).execute(),
    ]);
    return {
      opened: new Map(opened.map((r) => [Math.floor(Number(r.d)), count(r.n)])),
      resolved: new Map(resolved.map((r) => [Math.floor(Number(r.d)), count(r.n)])),
    };
  }
}
