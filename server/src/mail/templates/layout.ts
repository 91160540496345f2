/** The languages mail is written in; anything else gets English. */
export type MailLocale = 'en' | 'zh-CN';

/** `zh`, `zh-CN`, `zh-Hans-CN`, `zh_SG` → Simplified Chinese; anything else (null too) → English. */
export function mailLocaleOf(locale: string | null | undefined): MailLocale {
  const l = (locale ?? '').toLowerCase().replace('_', '-');
  if (l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l.startsWith('zh-sg')) return 'zh-CN';
  return 'en';
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text: the user's words never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A mail's content, said once and written out as plain text and as HTML. */
export interface MailContent {
  readonly locale: MailLocale;
  readonly subject: string;
  /** Plain sentences (no markup). */
  readonly paragraphs: readonly string[];
  /** Someone's own words, quoted verbatim. */
  readonly quote?: { readonly label: string; readonly text: string };
  /** Buttons / links with their label. */
  readonly links?: readonly { readonly label: string; readonly url: string }[];
  /** The closing small print. */
  readonly footer: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Long quotes are cut: a mail is a notice, the whole conversation is in Deskside. */
const QUOTE_LIMIT = 4_000;

function clipQuote(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}

/** One layout for every mail: the text part and an HTML part built only from escaped text. */
export function renderMail(content: MailContent): RenderedMail {
  const quote = content.quote === undefined ? null : { label: content.quote.label, text: clipQuote(content.quote.text.replace(/\r\n?/g, '\n')) };
  const text = [
    ...content.paragraphs,
    ...(quote === null ? [] : [`${quote.label}\n${quote.text.split('\n').map((line) => `> ${line}`).join('\n')}`]),
    ...(content.links ?? []).map((l) => `${l.label}:\n${l.url}`),
    `-- \n${content.footer}`,
  ].join('\n\n');
  const lang = content.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: system-ui, -apple-system, \'Segoe UI\', \'Microsoft YaHei\', sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;">',
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(quote === null
      ? []
      : [`<p style="margin-bottom: 4px;">${escapeHtml(quote.label)}</p>`, `<blockquote style="margin: 0 0 16px; padding: 8px 12px; border-left: 3px solid #d0d7de; white-space: pre-wrap;">${escapeHtml(quote.text)}</blockquote>`]),
    ...(content.links ?? []).map((l) => `<p><a href="${escapeHtml(l.url)}" style="display: inline-block; padding: 8px 14px; border: 1px solid #0969da; border-radius: 6px; color: #0969da; text-decoration: none;">${escapeHtml(l.label)}</a></p>`),
    `<hr style="border: none; border-top: 1px solid #d0d7de;"><p style="font-size: 12px; color: #59636e;">${escapeHtml(content.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
