import { renderMail, type MailLocale, type RenderedMail } from './layout.js';

export interface RequesterTicket {
  readonly number: number;
  readonly subject: string;
  readonly requesterName: string | null;
}

export type RequesterMailDetails =
  | { readonly topic: 'ticket-received'; readonly description: string }
  | { readonly topic: 'technician-reply'; readonly technician: string; readonly reply: string }
  | { readonly topic: 'ticket-resolved'; readonly confirmUrl: string | null; readonly stillBrokenUrl: string | null; readonly linkDays: number };

const TEXT = {
  en: {
    hello: (name: string | null) => (name === null ? 'Hello,' : `Hello ${name},`),
    received: 'We received your request',
    receivedBody: (n: number) => `Your request has been recorded as ticket #${n}. A technician will look at it; please quote this number if you contact the helpdesk about it.`,
    yourWords: 'You wrote:',
    reply: 'New reply',
    replyBody: (who: string, n: number) => `${who} answered your ticket #${n}.`,
    replyWords: 'The answer:',
    resolved: 'Your ticket is resolved',
    resolvedBody: (n: number) => `Ticket #${n} has been marked as resolved. Please tell us whether the problem is fixed.`,
    linkNote: (days: number) => `Each link works once, without signing in, for ${days} days. You can also answer in the Deskside tray app.`,
    noLinks: 'You can confirm it, or say it is still broken, in the Deskside tray app.',
    confirm: 'Yes, it is fixed',
    stillBroken: 'No, it is still broken',
    footer: 'Deskside helpdesk. This message was sent automatically.',
  },
  'zh-CN': {
    hello: (name: string | null) => (name === null ? '您好：' : `${name}，您好：`),
    received: '我们已收到您的请求',
    receivedBody: (n: number) => `您的请求已登记为工单 #${n}。技术人员将会处理；如就此事联系服务台，请提供此编号。`,
    yourWords: '您的描述：',
    reply: '新回复',
    replyBody: (who: string, n: number) => `${who} 回复了您的工单 #${n}。`,
    replyWords: '回复内容：',
    resolved: '您的工单已解决',
    resolvedBody: (n: number) => `工单 #${n} 已标记为已解决。请告诉我们问题是否已经修复。`,
    linkNote: (days: number) => `每个链接无需登录即可使用一次，有效期 ${days} 天。您也可以在 Deskside 托盘应用中答复。`,
    noLinks: '您可以在 Deskside 托盘应用中确认已解决，或告诉我们问题仍然存在。',
    confirm: '是的，已经修复',
    stillBroken: '没有，问题仍然存在',
    footer: 'Deskside 服务台。此邮件由系统自动发送。',
  },
} as const;

/** A requester's mail, in the language their tray reported; their own words and ours quoted as text. */
export function requesterMail(locale: MailLocale, ticket: RequesterTicket, details: RequesterMailDetails): RenderedMail {
  const w = TEXT[locale];
  const subjectOf = (what: string) => `[#${ticket.number}] ${what}: ${ticket.subject}`;
  switch (details.topic) {
    case 'ticket-received':
      return renderMail({
        locale,
        subject: subjectOf(w.received),
        paragraphs: [w.hello(ticket.requesterName), w.receivedBody(ticket.number)],
        ...(details.description.trim() !== '' ? { quote: { label: w.yourWords, text: details.description } } : {}),
        footer: w.footer,
      });
    case 'technician-reply':
      return renderMail({ locale, subject: subjectOf(w.reply), paragraphs: [w.hello(ticket.requesterName), w.replyBody(details.technician, ticket.number)], quote: { label: w.replyWords, text: details.reply }, footer: w.footer });
    case 'ticket-resolved': {
      const links =
        details.confirmUrl !== null && details.stillBrokenUrl !== null
          ? [
              { label: w.confirm, url: details.confirmUrl },
              { label: w.stillBroken, url: details.stillBrokenUrl },
            ]
          : [];
      return renderMail({
        locale,
        subject: subjectOf(w.resolved),
        paragraphs: [w.hello(ticket.requesterName), w.resolvedBody(ticket.number), links.length > 0 ? w.linkNote(details.linkDays) : w.noLinks],
        links,
        footer: w.footer,
      });
    }
    default: {
      const unreachable: never = details;
      throw new Error(`unhandled topic ${String(unreachable)}`);
    }
  }
}
