import { fillPlaceholders, type CannedReply, type TicketDetail } from '@deskside/shared';

export type ReplyLanguage = keyof CannedReply['bodies'];

/** The requester's language when the ticket says it is Chinese, else English. */
export function requesterLanguage(locale: string | null): ReplyLanguage {
  return locale !== null && locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The reply's text for this ticket: in the requester's language when written in it, else the other
 * one, with the placeholders filled from the ticket and the technician answering.
 */
export function cannedReplyText(reply: CannedReply, detail: TicketDetail, technicianName: string): string {
  const wanted = requesterLanguage(detail.locale);
  const other: ReplyLanguage = wanted === 'en' ? 'zh-CN' : 'en';
  const body = reply.bodies[wanted].trim() !== '' ? reply.bodies[wanted] : reply.bodies[other];
  return fillPlaceholders(body, {
    requester: detail.ticket.requester ?? detail.contact.name ?? '',
    device: detail.ticket.device?.hostname ?? '',
    ticket: `#${detail.ticket.number}`,
    technician: technicianName,
  });
}
