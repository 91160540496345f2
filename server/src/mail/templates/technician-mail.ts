import { renderMail, type MailLocale, type RenderedMail } from './layout.js';


export interface TicketFacts {
  readonly number: number;
  readonly subject: string;
  readonly teamName: string | null;
  readonly requester: string | null;
}

export type TechnicianMailDetails =
  | { readonly topic: 'team-new-ticket'; readonly description: string }
  | { readonly topic: 'assigned-to-me'; readonly by: string | null }
  | { readonly topic: 'requester-replied'; readonly reply: string }
  | { readonly topic: 'sla-due-soon' | 'sla-breached'; readonly target: 'first-response' | 'resolution'; readonly dueAt: number };

const TEXT = {
  en: {
    team: (t: TicketFacts) => `New ticket for ${t.teamName ?? 'the helpdesk'}`,
    teamBody: (t: TicketFacts) => `${t.requester ?? 'Someone'} opened ticket #${t.number} for ${t.teamName ?? 'the helpdesk'}: ${t.subject}`,
    description: 'Their description:',
    assigned: 'Assigned to you',
    assignedBody: (t: TicketFacts, by: string | null) => `${by === null ? 'Ticket' : `${by} assigned ticket`} #${t.number} to you: ${t.subject}`,
    replied: 'The requester replied',
    repliedBody: (t: TicketFacts) => `${t.requester ?? 'The requester'} replied on ticket #${t.number}: ${t.subject}`,
    reply: 'Their reply:',
    target: (k: 'first-response' | 'resolution') => (k === 'first-response' ? 'first response' : 'resolution'),
    dueSoon: 'Service level soon due',
    dueSoonBody: (t: TicketFacts, target: string, at: string) => `The ${target} of ticket #${t.number} is due at ${at} (UTC): ${t.subject}`,
    breached: 'Service level breached',
    breachedBody: (t: TicketFacts, target: string, at: string) => `The ${target} of ticket #${t.number} was due at ${at} (UTC) and is late: ${t.subject}`,
    open: 'Open the ticket',
    footer: 'You receive this because of your mail notification settings in Deskside (your profile → Mail notifications).',
  },
  'zh-CN': {
    team: (t: TicketFacts) => `${t.teamName ?? '服务台'}有新工单`,
    teamBody: (t: TicketFacts) => `${t.requester ?? '有人'}为${t.teamName ?? '服务台'}提交了工单 #${t.number}：${t.subject}`,
    description: '问题描述：',
    assigned: '工单已分配给您',
    assignedBody: (t: TicketFacts, by: string | null) => `${by === null ? '' : `${by} `}已将工单 #${t.number} 分配给您：${t.subject}`,
    replied: '请求人已回复',
    repliedBody: (t: TicketFacts) => `${t.requester ?? '请求人'}回复了工单 #${t.number}：${t.subject}`,
    reply: '回复内容：',
    target: (k: 'first-response' | 'resolution') => (k === 'first-response' ? '首次响应' : '解决'),
    dueSoon: '服务级别即将到期',
    dueSoonBody: (t: TicketFacts, target: string, at: string) => `工单 #${t.number} 的${target}时限为 ${at}（UTC）：${t.subject}`,
    breached: '服务级别已违约',
    breachedBody: (t: TicketFacts, target: string, at: string) => `工单 #${t.number} 的${target}时限 ${at}（UTC）已过：${t.subject}`,
    open: '打开工单',
    footer: '您收到此邮件是因为您在 Deskside 中的邮件通知设置（个人资料 → 邮件通知）。',
  },
} as const;

const minuteOf = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** A technician's notification mail, in their language; the requester's words quoted as text. */
export function technicianMail(locale: MailLocale, ticket: TicketFacts, details: TechnicianMailDetails, ticketUrl: string | null): RenderedMail {
  const w = TEXT[locale];
  const links = ticketUrl === null ? [] : [{ label: w.open, url: ticketUrl }];
  const subjectOf = (what: string) => `[#${ticket.number}] ${what}: ${ticket.subject}`;
  switch (details.topic) {
    case 'team-new-ticket':
      return renderMail({ locale, subject: subjectOf(w.team(ticket)), paragraphs: [w.teamBody(ticket)], ...(details.description.trim() !== '' ? { quote: { label: w.description, text: details.description } } : {}), links, footer: w.footer });
    case 'assigned-to-me':
      return renderMail({ locale, subject: subjectOf(w.assigned), paragraphs: [w.assignedBody(ticket, details.by)], links, footer: w.footer });
    case 'requester-replied':
      return renderMail({ locale, subject: subjectOf(w.replied), paragraphs: [w.repliedBody(ticket)], quote: { label: w.reply, text: details.reply }, links, footer: w.footer });
    case 'sla-due-soon':
      return renderMail({ locale, subject: subjectOf(w.dueSoon), paragraphs: [w.dueSoonBody(ticket, w.target(details.target), minuteOf(details.dueAt))], links, footer: w.footer });
    case 'sla-breached':
      return renderMail({ locale, subject: subjectOf(w.breached), paragraphs: [w.breachedBody(ticket, w.target(details.target), minuteOf(details.dueAt))], links, footer: w.footer });
    default: {
      const unreachable: never = details;
      throw new Error(`unhandled topic ${String(unreachable)}`);
    }
  }
}
