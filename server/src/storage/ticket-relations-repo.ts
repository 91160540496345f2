import type { TicketRef, TicketRelations, TicketStatus } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Clock } from './clock.js';
import type { Database, TicketsTable } from './tables.js';

/** A merge or link that would make no sense; the message says which rule it breaks. */
export class TicketRelationError extends Error {}

const REF_COLUMNS = ['id', 'number', 'subject', 'status'] as const;
const toRef = (r: Pick<TicketsTable, (typeof REF_COLUMNS)[number]>): TicketRef => ({ id: r.id, number: r.number, subject: r.subject, status: r.status as TicketStatus });

/**
 * Duplicates merged into a survivor and related tickets under one parent. A merge moves nothing: the
 * duplicate keeps its rows (its requester's tray keeps its conversation) and the survivor's console view
 * reads the duplicates' messages and attachments with its own. Links are one level deep (a parent has
 * no parent), so they never form a cycle.
 */
export class TicketRelationsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async merge(trx: Transaction<Database>, duplicate: TicketsTable, survivor: TicketsTable): Promise<void> {
    if (duplicate.id === survivor.id) throw new TicketRelationError('a ticket cannot be merged into itself');
    if (duplicate.merged_into_id !== null) throw new TicketRelationError(`ticket #${duplicate.number} is already merged`);
    if (survivor.merged_into_id !== null) throw new TicketRelationError(`ticket #${survivor.number} was itself merged; merge into the ticket it points to`);
    const now = this.clock();
    await trx
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: now, close_reason: 'merged', merged_into_id: survivor.id, status_changed_at: now, device_updated_at: now, updated_at: now, resolved_at: duplicate.resolved_at ?? now })
      .where('id', '=', duplicate.id)
      .execute();
    // What was merged into the duplicate, and what hung under it, follows it to the survivor.
    await trx.updateTable('tickets').set({ merged_into_id: survivor.id }).where('merged_into_id', '=', duplicate.id).execute();
    await trx.updateTable('tickets').set({ parent_id: survivor.parent_id === null ? survivor.id : survivor.parent_id }).where('parent_id', '=', duplicate.id).execute();
    await trx
      .updateTable('tickets')
      .set((eb) => ({ message_count: eb('message_count', '+', duplicate.message_count), attachment_count: eb('attachment_count', '+', duplicate.attachment_count), updated_at: now }))
      .where('id', '=', survivor.id)
      .execute();
  }

  async setParent(trx: Transaction<Database>, child: TicketsTable, parent: TicketsTable | null): Promise<void> {
    if (parent !== null) {
      if (parent.id === child.id) throw new TicketRelationError('a ticket cannot be its own parent');
      if (parent.parent_id !== null) throw new TicketRelationError(`ticket #${parent.number} already hangs under another; link to that one`);
      const children = await trx.selectFrom('tickets').select('id').where('parent_id', '=', child.id).limit(1).execute();
      if (children.length > 0) throw new TicketRelationError(`ticket #${child.number} is a parent itself`);
    }
    await trx.updateTable('tickets').set({ parent_id: parent?.id ?? null, updated_at: this.clock() }).where('id', '=', child.id).execute();
  }

  async relations(ticket: TicketsTable): Promise<TicketRelations> {
    const [parent, children, mergedInto, merged] = await Promise.all([
      ticket.parent_id === null ? undefined : this.db.selectFrom('tickets').select(REF_COLUMNS).where('id', '=', ticket.parent_id).executeTakeFirst(),
      this.db.selectFrom('tickets').select(REF_COLUMNS).where('parent_id', '=', ticket.id).orderBy('number', 'asc').limit(500).execute(),
      ticket.merged_into_id === null ? undefined : this.db.selectFrom('tickets').select(REF_COLUMNS).where('id', '=', ticket.merged_into_id).executeTakeFirst(),
      this.db.selectFrom('tickets').select(REF_COLUMNS).where('merged_into_id', '=', ticket.id).orderBy('number', 'asc').limit(500).execute(),
    ]);
    return {
      parent: parent === undefined ? null : toRef(parent),
      children: children.map(toRef),
      mergedInto: mergedInto === undefined ? null : toRef(mergedInto),
      merged: merged.map(toRef),
    };
  }
}
