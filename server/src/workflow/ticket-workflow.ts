import { randomUUID } from 'node:crypto';

import { SLA_TARGET_KINDS, type SlaTargetKind } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import { targetState } from '../sla/sla-clock.js';
import type { Clock } from '../storage/clock.js';
import type { SlaRepo } from '../storage/sla-repo.js';
import type { Database, TicketMessagesTable, TicketsTable } from '../storage/tables.js';
import type { TeamsRepo } from '../storage/teams-repo.js';
import type { TicketLifecycle } from '../storage/tickets-repo.js';
import type { FieldChanges, WebhookEvents } from '../webhooks/webhook-events.js';
import type { NotificationChannel, TicketEvent } from './notify.js';
import { OPEN_CLOCK_STATUSES, pausedSince, reachedAt, slaColumnsFor } from './ticket-sla.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Tickets whose clocks one pass of the breach watch or a policy change looks at. */
const BATCH = 200;

/** How long before a target falls due its technicians hear of it. */
export const DUE_SOON_MS = 30 * 60_000;

/**
 * The helpdesk workflow around every ticket change: routing on arrival, the service-level clock after
 * each change, and breaches recorded once and told to the right technicians. Runs inside the
 * transaction of the change itself, so a ticket is never seen half-routed or with a stale clock.
 */
export class TicketWorkflow implements TicketLifecycle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly teams: TeamsRepo,
    private readonly sla: SlaRepo,
    private readonly channels: readonly NotificationChannel[],
    /** Other systems told of each event (webhooks); null where nothing listens (one-shot tools). */
    private readonly events: WebhookEvents | null = null,
  ) {}

  /** A new ticket, from any channel: the routing rules choose its team, then its clock starts. */
  async created(trx: Db, row: TicketsTable): Promise<void> {
    const teamId = row.team_id ?? (await this.teams.routeFor(row.category, trx));
    if (teamId !== null && teamId !== row.team_id) {
      await trx.updateTable('tickets').set({ team_id: teamId }).where('id', '=', row.id).execute();
    }
    if (teamId !== null) {
      await trx
        .insertInto('ticket_team_changes')
        .values({ id: randomUUID(), ticket_id: row.id, at: row.created_at, kind: 'routed', from_team_id: null, to_team_id: teamId, technician_id: null, technician_name: null, note: null, message_id: null })
        .execute();
    }
    await this.changed(trx, row.id, [{ kind: 'created', ticketId: row.id }]);
    await this.events?.ticketCreated(trx, row.id);
  }

  async updated(trx: Db, ticketId: string, changes: FieldChanges): Promise<void> {
    await this.events?.ticketUpdated(trx, ticketId, changes);
  }

  async commented(trx: Db, message: TicketMessagesTable): Promise<void> {
    await this.events?.ticketCommented(trx, message);
  }

  /**
   * After any change to the ticket (status, priority, team, a reply): the clock again, and any breach it
   * shows; then the change's events go to every channel (after routing, so a new ticket's team is known).
   */
  async changed(trx: Db, ticketId: string, events: readonly TicketEvent[] = []): Promise<void> {
    await this.refresh(trx, ticketId);
    for (const event of events) for (const channel of this.channels) await channel.ticketEvent?.(trx, event);
  }

  /** The clock again; answers how many breaches it recorded. */
  private async refresh(trx: Db, ticketId: string): Promise<number> {
    const row = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (row === undefined) return 0;
    const now = this.clock();
    const policy = await this.sla.forTeam(row.team_id, trx);
    const columns = slaColumnsFor(row, policy, now);
    await trx.updateTable('tickets').set(columns).where('id', '=', ticketId).execute();
    return this.recordBreaches(trx, { ...row, ...columns }, now);
  }

  /** Each target past due at its reading is recorded once; the first to record it notifies. */
  private async recordBreaches(trx: Db, t: TicketsTable, now: number): Promise<number> {
    const paused = pausedSince(t);
    let recorded = 0;
    for (const target of SLA_TARGET_KINDS) {
      const due = target === 'first-response' ? t.sla_first_response_due_at : t.sla_resolution_due_at;
      if (due === null || targetState(due, reachedAt(t, target), paused, now) !== 'breached') continue;
      const inserted = await trx
        .insertInto('sla_breaches')
        .values({
          id: randomUUID(),
          ticket_id: t.id,
          target,
          due_at: due,
          recorded_at: now,
          policy_id: t.sla_policy_id,
          team_id: t.team_id,
          assignee_id: t.assignee_id,
          priority: t.priority_override ?? t.computed_priority,
        })
        .onConflict((oc) => oc.columns(['ticket_id', 'target']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
      recorded += 1;
      const notice = { ticketId: t.id, target, dueAt: due, at: now, recipients: await this.recipients(trx, t) };
      for (const channel of this.channels) await channel.deliver(trx, notice);
      await this.events?.slaBreached(trx, t.id, target, due);
    }
    return recorded;
  }

  private async recipients(trx: Db, t: TicketsTable): Promise<string[]> {
    if (t.assignee_id !== null) {
      const assignee = await trx.selectFrom('technicians').select('id').where('id', '=', t.assignee_id).where('disabled', '=', 0).executeTakeFirst();
      if (assignee !== undefined) return [assignee.id];
    }
    const members =
      t.team_id === null
        ? []
        : await trx
            .selectFrom('team_members')
            .innerJoin('technicians', 'technicians.id', 'team_members.technician_id')
            .select('technicians.id')
            .where('team_members.team_id', '=', t.team_id)
            .where('technicians.disabled', '=', 0)
            .execute();
    if (members.length > 0) return members.map((m) => m.id);
    const everyone = await trx.selectFrom('technicians').select('id').where('disabled', '=', 0).execute();
    return everyone.map((m) => m.id);
  }

  /**
   * The breach watch: tickets whose running target fell due since they last changed. Any instance may
   * run it at any time; the unique breach key keeps each breach to one record and one notice.
   */
  async watchBreaches(): Promise<number> {
    const now = this.clock();
    let recorded = 0;
    let after = '';
    for (;;) {
      const due = await this.db
        .selectFrom('tickets')
        .select('id')
        .where('sla_next_due_at', '<', now)
        .where('status', 'in', [...OPEN_CLOCK_STATUSES])
        .where('id', '>', after)
        .where((eb) => {
          const unrecorded = (target: SlaTargetKind) =>
            eb.not(eb.exists(eb.selectFrom('sla_breaches').select('sla_breaches.id').whereRef('sla_breaches.ticket_id', '=', 'tickets.id').where('sla_breaches.target', '=', target)));
          return eb.or([
            eb.and([eb('first_response_at', 'is', null), eb('sla_first_response_due_at', '<', now), unrecorded('first-response')]),
            eb.and([eb('sla_resolution_due_at', '<', now), unrecorded('resolution')]),
          ]);
        })
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const { id } of due) recorded += await this.db.transaction().execute((trx) => this.refresh(trx, id));
      if (due.length < BATCH) return recorded;
      after = due[due.length - 1]!.id;
    }
  }

  /**
   * Targets that fall due within `windowMs` and are still running: told once per target and due time to
   * the channels that tell of it (mail). Runs with the breach watch; a channel's own key keeps a target
   * to one notice however often it runs.
   */
  async watchDueSoon(windowMs: number = DUE_SOON_MS): Promise<number> {
    if (!this.channels.some((c) => c.dueSoon !== undefined)) return 0;
    const now = this.clock();
    let told = 0;
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('tickets')
        .selectAll()
        .where('sla_next_due_at', '>', now)
        .where('sla_next_due_at', '<=', now + windowMs)
        .where('status', 'in', [...OPEN_CLOCK_STATUSES])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const t of rows) {
        const paused = pausedSince(t);
        for (const target of SLA_TARGET_KINDS) {
          const due = target === 'first-response' ? t.sla_first_response_due_at : t.sla_resolution_due_at;
          if (due === null || due <= now || due > now + windowMs || targetState(due, reachedAt(t, target), paused, now) !== 'running') continue;
          await this.db.transaction().execute(async (trx) => {
            const notice = { ticketId: t.id, target, dueAt: due, at: now, recipients: await this.recipients(trx, t) };
            for (const channel of this.channels) await channel.dueSoon?.(trx, notice);
          });
          told += 1;
        }
      }
      if (rows.length < BATCH) return told;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** After a policy or a team's policy changed: every ticket still open gets its clock again. */
  async recomputeOpen(): Promise<number> {
    let after = '';
    let done = 0;
    for (;;) {
      const rows = await this.db.selectFrom('tickets').select('id').where('status', 'in', ['new', 'open', 'waiting-on-user']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
      for (const { id } of rows) await this.db.transaction().execute((trx) => this.changed(trx, id));
      done += rows.length;
      if (rows.length < BATCH) return done;
      after = rows[rows.length - 1]!.id;
    }
  }
}
