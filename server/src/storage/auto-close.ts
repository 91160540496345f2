import type { Store } from './store.js';

/**
 * Closes resolved tickets their requester left unanswered for the helpdesk's configured number of days,
 * and records each closing in the audit log. Safe on several instances: the repo's single conditional
 * UPDATE … RETURNING gives each ticket to exactly one of them.
 */
export async function autoCloseResolved(store: Store): Promise<number> {
  const { autoCloseResolvedDays } = await store.helpdesk.get();
  if (autoCloseResolvedDays === null) return 0;
  const closed = await store.loop.autoClose(autoCloseResolvedDays);
  for (const t of closed) {
    await store.audit.record(
      {
        actor: { kind: 'system', id: null, name: 'housekeeping' },
        action: 'ticket.status',
        target: { kind: 'ticket', id: t.id },
        details: { before: 'resolved', after: 'closed', reason: `unanswered for ${autoCloseResolvedDays} days` },
      },
      store.clock(),
    );
  }
  return closed.length;
}
