import type {
  AttachmentInfo,
  ConsoleMessage,
  Contact,
  Diagnostics,
  Impact,
  Priority,
  PublicMessage,
  TicketCategory,
  TicketChannel,
  TicketStatus,
  TicketSummary,
  Urgency,
} from '@deskside/shared';

import { toTicketSla } from '../workflow/ticket-sla.js';
import type { AttachmentsTable, TicketMessagesTable, TicketsTable } from './tables.js';
import { iso, isoOrNull, parseJson } from './values.js';

export const PRIORITY_RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'waiting-on-user'];

export type TicketListRow = TicketsTable & { device_hostname: string | null; assignee_name: string | null; team_name: string | null; sla_policy_name: string | null };

export function effectivePriority(r: Pick<TicketsTable, 'computed_priority' | 'priority_override'>): Priority {
  return (r.priority_override ?? r.computed_priority) as Priority;
}

export function toTicketSummary(r: TicketListRow, now: number): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: r.status as TicketStatus,
    priority: effectivePriority(r),
    computedPriority: r.computed_priority as Priority,
    priorityOverridden: r.priority_override !== null,
    urgency: r.urgency as Urgency,
    impact: r.impact as Impact,
    category: r.category as TicketCategory,
    device: r.device_id === null || r.device_hostname === null ? null : { id: r.device_id, hostname: r.device_hostname },
    requester: r.requester,
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, displayName: r.assignee_name ?? 'former technician' },
    team: r.team_id === null || r.team_name === null ? null : { id: r.team_id, name: r.team_name },
    sla: toTicketSla(r, now),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    messageCount: r.message_count,
    attachmentCount: r.attachment_count,
    channel: r.channel as TicketChannel,
    requesterRepliedAt: isoOrNull(r.requester_replied_at),
  };
}

export const toConsoleMessage = (m: TicketMessagesTable): ConsoleMessage => ({
  id: m.id,
  visibility: m.visibility as ConsoleMessage['visibility'],
  author: m.author as ConsoleMessage['author'],
  authorName: m.author_name,
  technicianId: m.technician_id,
  body: m.body,
  createdAt: iso(m.created_at),
});

export const toPublicMessage = (m: TicketMessagesTable, files: readonly AttachmentsTable[] = []): PublicMessage => ({
  id: m.id,
  author: m.author as PublicMessage['author'],
  authorName: m.author_name,
  body: m.body,
  createdAt: iso(m.created_at),
  ...(files.length > 0 ? { attachments: files.map((f) => ({ id: f.id, name: f.name, type: f.type as AttachmentInfo['type'], size: f.size })) } : {}),
});

export const attachmentUrl = (ticketId: string, attachmentId: string): string =>
  `/api/v1/console/tickets/${ticketId}/attachments/${attachmentId}`;

export const toAttachmentInfo = (a: AttachmentsTable): AttachmentInfo => ({
  id: a.id,
  name: a.name,
  type: a.type as AttachmentInfo['type'],
  size: a.size,
  sha256: a.sha256,
  role: a.role as AttachmentInfo['role'],
  downloadUrl: attachmentUrl(a.ticket_id, a.id),
  messageId: a.message_id,
});

export const ticketContact = (r: TicketsTable): Contact => parseJson<Contact>(r.contact);
/** The id is null when a technician named the account without knowing its uid or SID. */
export const ticketRequesterAccount = (r: TicketsTable): { id: string | null; name: string } | null => (r.requester_account === null ? null : parseJson(r.requester_account));
export const ticketDiagnostics = (r: TicketsTable): Diagnostics | null => (r.diagnostics === null ? null : parseJson<Diagnostics>(r.diagnostics));
