import { randomUUID } from 'node:crypto';

import type { Transaction } from 'kysely';

import type { Actor } from '../storage/audit-repo.js';
import type { Store } from '../storage/store.js';
import type { Database, TicketsTable } from '../storage/tables.js';

export interface TransferInput {
  readonly toTeamId: string;
  readonly note: string;
  /** undefined: keep the assignee if they are in the new team, else clear it. */
  readonly assigneeId: string | null | undefined;
  readonly technician: { readonly id: string; readonly displayName: string };
  readonly ip: string | null;
}

/**
 * Escalation or hand-over to another team, in one transaction: the reason becomes an internal note in
 * the conversation, the change of team is recorded for reports (who held the ticket when), the
 * assignee follows the rule that an assignee belongs to the ticket's team, the service-level clock
 * follows the new team's policy, and the audit log has it all.
 */
export async function transferTicket(store: Store, trx: Transaction<Database>, ticket: TicketsTable, input: TransferInput): Promise<void> {
  const actor: Actor = { kind: 'technician', id: input.technician.id, name: input.technician.displayName };
  const now = store.clock();
  const message = await store.tickets.addTechnicianMessage(trx, ticket.id, {
    visibility: 'internal',
    body: input.note,
    technicianId: input.technician.id,
    authorName: input.technician.displayName,
  });
  const keepAssignee = ticket.assignee_id !== null && (await store.teams.isMember(input.toTeamId, ticket.assignee_id, trx));
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : keepAssignee ? ticket.assignee_id : null;
  await trx.updateTable('tickets').set({ team_id: input.toTeamId, assignee_id: assigneeId, updated_at: now }).where('id', '=', ticket.id).execute();
  await trx
    .insertInto('ticket_team_changes')
    .values({
      id: randomUUID(),
      ticket_id: ticket.id,
      at: now,
      kind: 'transferred',
      from_team_id: ticket.team_id,
      to_team_id: input.toTeamId,
      technician_id: input.technician.id,
      technician_name: input.technician.displayName,
      note: input.note,
      message_id: message.id,
    })
    .execute();
  // A transfer to another team tells the new assignee (a changed one), as any assignment does.
  await store.workflow.changed(trx, ticket.id, assigneeId !== null && assigneeId !== ticket.assignee_id ? [{ kind: 'assigned', ticketId: ticket.id, assigneeId, byTechnicianId: input.technician.id }] : []);
  await store.workflow.updated(trx, ticket.id, {
    team: { before: ticket.team_id, after: input.toTeamId },
    ...(assigneeId !== ticket.assignee_id ? { assignee: { before: ticket.assignee_id, after: assigneeId } } : {}),
  });
  const target = { kind: 'ticket' as const, id: ticket.id };
  await store.audit.record(
    { actor, action: 'ticket.transfer', target, details: { team: { before: ticket.team_id, after: input.toTeamId }, note: input.note, messageId: message.id }, ip: input.ip },
    store.clock(),
    trx,
  );
  if (assigneeId !== ticket.assignee_id) {
    await store.audit.record({ actor, action: 'ticket.assignee', target, details: { before: ticket.assignee_id, after: assigneeId }, ip: input.ip }, store.clock(), trx);
  }
}
