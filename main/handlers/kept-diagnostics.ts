import type { Diagnostics, TicketDraft, TicketPreview, TicketSubmission } from '@deskside/shared';

import type { DecodedAttachment } from './attachments.js';

/** The diagnostics as they will travel: kept items only, unticked ones named so the technician knows. */
export function keptDiagnostics(diagnostics: Diagnostics, keep: readonly string[]): Diagnostics {
  const kept = new Set(keep);
  return {
    ...diagnostics,
    items: diagnostics.items.filter((i) => kept.has(i.id)),
    omitted: [...new Set([...diagnostics.omitted, ...diagnostics.items.filter((i) => !kept.has(i.id)).map((i) => i.id)])],
  };
}

/** Exactly the ticket document and attachment list the agent will send for this draft. */
export function ticketPreview(draft: TicketDraft, attachments: readonly DecodedAttachment[], diagnostics: Diagnostics | null, now: Date): TicketPreview {
  const submission: TicketSubmission = {
    id: draft.id,
    subject: draft.subject.trim(),
    description: draft.description,
    category: draft.category,
    urgency: draft.urgency,
    impact: draft.impact,
    contact: draft.contact,
    attachments: attachments.map((a) => a.meta),
    diagnostics,
    createdAt: now.toISOString(),
    locale: draft.locale,
  };
  return {
    submission,
    attachments: attachments.map((a) => a.meta),
    totalBytes: attachments.reduce((n, a) => n + a.meta.size, 0),
  };
}
