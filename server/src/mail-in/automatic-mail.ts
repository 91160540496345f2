/** Headers as mailparser gives them: lower-case names; structured ones as objects. */
export type HeaderLookup = (name: string) => unknown;

const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value && typeof (value as { value: unknown }).value === 'string') return (value as { value: string }).value;
  return '';
};

/**
 * Why a mail was sent by a machine rather than a person, or null. Such mail never opens a ticket nor
 * gets a reply, so an out-of-office answering our own notice cannot start a loop (RFC 3834 §2 and §5:
 * Auto-Submitted other than `no`; the de-facto Precedence bulk/junk/list, X-Autoreply, X-Autorespond,
 * X-Auto-Response-Suppress from Exchange; mailing lists by List-Id / List-Unsubscribe; bounces by
 * their empty Return-Path or content type).
 */
export function automaticMailReason(header: HeaderLookup, contentType: string): string | null {
  const autoSubmitted = text(header('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted !== '' && !autoSubmitted.startsWith('no')) return `auto-submitted: ${autoSubmitted.split(';')[0]}`;
  const precedence = text(header('precedence')).trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`;
  if (header('x-autoreply') !== undefined) return 'x-autoreply';
  if (header('x-autorespond') !== undefined) return 'x-autorespond';
  const suppress = text(header('x-auto-response-suppress')).toLowerCase();
  if (/\b(all|oof|autoreply)\b/.test(suppress)) return `x-auto-response-suppress: ${suppress}`;
  // mailparser gathers the List-* headers into one `list` object (id, unsubscribe, post…).
  const list = header('list');
  const listHas = (key: string) => typeof list === 'object' && list !== null && key in list;
  if (header('list-id') !== undefined || listHas('id')) return 'list-id';
  if (header('list-unsubscribe') !== undefined || listHas('unsubscribe')) return 'list-unsubscribe';
  const returnPath = text(header('return-path')).trim();
  if (returnPath === '<>') return 'empty return-path';
  const type = contentType.toLowerCase();
  if (type.startsWith('multipart/report') || type === 'message/delivery-status') return 'delivery report';
  return null;
}
