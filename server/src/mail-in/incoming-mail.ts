import { ALLOWED_ATTACHMENT_TYPES, ATTACHMENT_TYPE_BY_EXTENSION, LIMITS, attachmentContentProblem, attachmentExtension, attachmentNameProblem } from '@deskside/shared';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

import { automaticMailReason } from './automatic-mail.js';

type AttachmentType = (typeof ALLOWED_ATTACHMENT_TYPES)[number];

export interface MailAttachment {
  readonly name: string;
  readonly type: AttachmentType;
  readonly content: Buffer;
}

/** A mail read from the mailbox, reduced to what a ticket needs; text only, never markup. */
export interface IncomingMail {
  /** Without angle brackets, lower-cased; null when the mail has none. */
  readonly messageId: string | null;
  /** In-Reply-To then References, newest first, normalised like `messageId`. */
  readonly relatedIds: readonly string[];
  readonly fromAddress: string | null;
  readonly fromName: string | null;
  readonly subject: string;
  readonly body: string;
  readonly attachments: readonly MailAttachment[];
  /** Files left out, with why (type not accepted, too large, too many). */
  readonly skippedAttachments: readonly string[];
  /** Why no person wrote it (auto-reply, bulk, bounce), or null. */
  readonly automatic: string | null;
  readonly date: Date | null;
}

export const normaliseMessageId = (id: string): string => id.trim().replace(/^<|>$/g, '').trim().toLowerCase();

/** Every `<id>` in a header such as References (mailparser gives one string or a list). */
function messageIds(value: string | readonly string[] | undefined): string[] {
  const all = (typeof value === 'string' ? [value] : value ?? []).join(' ');
  const bracketed = [...all.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
  const ids = bracketed.length > 0 ? bracketed : all.split(/\s+/);
  return ids.map(normaliseMessageId).filter((id) => id !== '');
}

function firstAddress(from: AddressObject | undefined): { address: string | null; name: string | null } {
  const entry = from?.value[0];
  const address = entry?.address?.trim().toLowerCase() ?? '';
  return { address: address.includes('@') ? address : null, name: entry?.name?.trim() || null };
}

function attachmentType(contentType: string, name: string): AttachmentType | null {
  const declared = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  const byName = ATTACHMENT_TYPE_BY_EXTENSION[attachmentExtension(name)];
  // Mail programs label many files application/octet-stream: the extension says more.
  if (byName !== undefined && (declared === 'application/octet-stream' || declared === '' || declared === byName)) return byName;
  return (ALLOWED_ATTACHMENT_TYPES as readonly string[]).includes(declared) && declared !== 'application/octet-stream' ? (declared as AttachmentType) : byName ?? null;
}

/** Mail bodies can be huge (a pasted log); the ticket keeps the first part, marked as cut. */
function capText(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 2)} …`;
}

function keptAttachments(mail: ParsedMail): { kept: MailAttachment[]; skipped: string[] } {
  const kept: MailAttachment[] = [];
  const skipped: string[] = [];
  for (const a of mail.attachments) {
    // Images embedded in an HTML body (signatures, logos) are part of its layout, not files sent to us.
    if (a.related === true && a.contentDisposition !== 'attachment') continue;
    const name = (a.filename ?? '').trim() || `attachment-${kept.length + skipped.length + 1}`;
    const type = attachmentType(a.contentType, name);
    if (type === null) {
      skipped.push(`${name} (type ${a.contentType} is not accepted)`);
      continue;
    }
    if (a.size > LIMITS.attachmentBytes) {
      skipped.push(`${name} (larger than ${LIMITS.attachmentBytes / 1024 / 1024} MiB)`);
      continue;
    }
    const problem = attachmentNameProblem(name) ?? attachmentContentProblem(type, a.content.subarray(0, 16));
    if (problem !== null) {
      skipped.push(`${name} (${problem})`);
      continue;
    }
    if (kept.length >= LIMITS.attachments) {
      skipped.push(`${name} (more than ${LIMITS.attachments} files)`);
      continue;
    }
    kept.push({ name: name.slice(0, 255), type, content: a.content });
  }
  return { kept, skipped };
}

/**
 * Parses a raw RFC 5322 message. mailparser decodes encoded-word headers, base64 and quoted-printable
 * bodies and legacy charsets (GB2312, GBK, GB18030, Big5…) through iconv-lite; an HTML-only mail's
 * text is derived from its HTML by html-to-text, so no markup reaches the ticket.
 */
export async function parseIncomingMail(source: Buffer): Promise<IncomingMail> {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2_000_000 });
  const from = firstAddress(mail.from);
  const contentType = (() => {
    const header = mail.headers.get('content-type');
    if (typeof header === 'object' && header !== null && 'value' in header) return String((header as { value: unknown }).value);
    return typeof header === 'string' ? header : '';
  })();
  const related = [...messageIds(mail.inReplyTo), ...messageIds(mail.references).reverse()];
  const { kept, skipped } = keptAttachments(mail);
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim();
  return {
    messageId: mail.messageId === undefined ? null : normaliseMessageId(mail.messageId) || null,
    relatedIds: [...new Set(related)],
    fromAddress: from.address,
    fromName: from.name,
    subject: capText(subject, LIMITS.ticketSubject),
    body: capText((mail.text ?? '').replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim(), LIMITS.ticketDescription),
    attachments: kept,
    skippedAttachments: skipped,
    automatic: automaticMailReason((name) => mail.headers.get(name), contentType),
    date: mail.date ?? null,
  };
}
