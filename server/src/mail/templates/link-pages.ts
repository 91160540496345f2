import { escapeHtml, type MailLocale } from './layout.js';

export type LinkPageState = 'ask' | 'done' | 'used' | 'expired' | 'invalid' | 'not-waiting';

interface Words {
  readonly title: string;
  readonly ask: { readonly confirm: string; readonly 'still-broken': string };
  readonly button: { readonly confirm: string; readonly 'still-broken': string };
  readonly details: string;
  readonly done: { readonly confirm: string; readonly 'still-broken': string };
  readonly used: string;
  readonly expired: string;
  readonly invalid: string;
  readonly notWaiting: string;
}

const WORDS: Readonly<Record<MailLocale, Words>> = {
  en: {
    title: 'Deskside helpdesk',
    ask: { confirm: 'Confirm that the problem in ticket #{n} is fixed?', 'still-broken': 'Tell the helpdesk that the problem in ticket #{n} is still there?' },
    button: { confirm: 'Yes, it is fixed', 'still-broken': 'It is still broken' },
    details: 'What is still wrong (optional):',
    done: { confirm: 'Thank you. Ticket #{n} is closed.', 'still-broken': 'Thank you. Ticket #{n} is open again and a technician will look at it.' },
    used: 'This link has already been used. Each link in our mail works once.',
    expired: 'This link has expired. You can still answer in the Deskside tray app, or reply to the helpdesk.',
    invalid: 'This link is not valid. Check that you copied all of it.',
    notWaiting: 'Ticket #{n} is no longer waiting for your answer (it was reopened or closed meanwhile).',
  },
  'zh-CN': {
    title: 'Deskside 服务台',
    ask: { confirm: '确认工单 #{n} 的问题已经修复？', 'still-broken': '告诉服务台工单 #{n} 的问题仍然存在？' },
    button: { confirm: '是的，已经修复', 'still-broken': '问题仍然存在' },
    details: '还有什么问题（可选）：',
    done: { confirm: '谢谢。工单 #{n} 已关闭。', 'still-broken': '谢谢。工单 #{n} 已重新打开，技术人员会继续处理。' },
    used: '此链接已被使用。邮件中的每个链接只能使用一次。',
    expired: '此链接已过期。您仍可以在 Deskside 托盘应用中答复，或联系服务台。',
    invalid: '此链接无效。请检查是否完整复制了链接。',
    notWaiting: '工单 #{n} 已不再等待您的答复（它已被重新打开或关闭）。',
  },
};

export interface LinkPage {
  readonly state: LinkPageState;
  readonly locale: MailLocale;
  readonly action: 'confirm' | 'still-broken' | null;
  readonly ticketNumber: number | null;
}

const other = (l: MailLocale): MailLocale => (l === 'en' ? 'zh-CN' : 'en');

function message(w: Words, page: LinkPage): string {
  const n = String(page.ticketNumber ?? '');
  const action = page.action ?? 'confirm';
  switch (page.state) {
    case 'ask':
      return w.ask[action].replace('{n}', n);
    case 'done':
      return w.done[action].replace('{n}', n);
    case 'used':
      return w.used;
    case 'expired':
      return w.expired;
    case 'invalid':
      return w.invalid;
    case 'not-waiting':
      return w.notWaiting.replace('{n}', n);
    default: {
      const unreachable: never = page.state;
      throw new Error(`unhandled state ${String(unreachable)}`);
    }
  }
}

/**
 * The small page a requester's mail link opens: in the mail's language with the other one beneath, so
 * it reads right whoever opens it. Asking first and acting on the button's POST keeps mail scanners,
 * which open every link, from answering for the requester.
 */
export function linkPage(page: LinkPage): string {
  const languages = [page.locale, other(page.locale)];
  const sections = languages.map((l) => {
    const w = WORDS[l];
    return `<section lang="${l}"><p${page.state === 'ask' || page.state === 'done' ? '' : ' role="alert"'}>${escapeHtml(message(w, page))}</p></section>`;
  });
  const w = WORDS[page.locale];
  const both = (pick: (w: Words) => string) => languages.map((l) => escapeHtml(pick(WORDS[l]))).join(' / ');
  const form =
    page.state === 'ask' && page.action !== null
      ? `<form method="post">${
          page.action === 'still-broken'
            ? `<p><label for="details">${both((x) => x.details)}</label><br><textarea id="details" name="details" rows="4" cols="50" maxlength="4000"></textarea></p>`
            : ''
        }<p><button type="submit">${both((x) => x.button[page.action!])}</button></p></form>`
      : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${page.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(w.title)}</title>`,
    '<style>body{font-family:system-ui,-apple-system,"Segoe UI","Microsoft YaHei",sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}section+section{color:#59636e;border-top:1px solid #d0d7de;margin-top:1rem}button{font:inherit;padding:.5rem 1rem}textarea{width:100%;font:inherit}</style>',
    `</head><body><h1>${both((x) => x.title)}</h1>`,
    ...sections,
    form,
    '</body></html>',
  ].join('\n');
}
