import type { TicketDetail } from '@deskside/shared';

import type { Store } from '../../storage/store.js';
import { ticketContact, ticketDiagnostics, ticketRequesterAccount, toAttachmentInfo, toConsoleMessage, toTicketSummary } from '../../storage/ticket-views.js';

/** Everything the ticket page shows, in one read. */
export async function loadTicketDetail(store: Store, id: string): Promise<TicketDetail | null> {
  const summary = await store.tickets.summary(id);
  if (summary === null) return null;
  const [messages, attachments, activity, teamHistory, inventory] = await Promise.all([
    store.tickets.messages(id),
    store.tickets.attachments(id),
    store.audit.forTarget('ticket', id),
    store.teams.history(id),
    summary.device_id === null ? null : store.inventory.latest(summary.device_id),
  ]);
  const remote = inventory?.sections.remoteAccess;
  return {
    ticket: toTicketSummary(summary, store.clock()),
    description: summary.description,
    contact: ticketContact(summary),
    requesterAccount: ticketRequesterAccount(summary),
    locale: summary.locale,
    submittedAt: new Date(summary.submitted_at).toISOString(),
    diagnostics: ticketDiagnostics(summary),
    attachments: attachments.map(toAttachmentInfo),
    messages: messages.map(toConsoleMessage),
    activity,
    teamHistory,
    remoteAccess: remote?.data ? { collectedAt: new Date(inventory?.sectionUpdatedAt.remoteAccess ?? inventory?.collectedAt ?? 0).toISOString(), data: remote.data } : null,
  };
}
