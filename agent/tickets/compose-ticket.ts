import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';

import type { AttachmentMeta, Contact, Diagnostics, TicketSubmission } from '@deskside/shared';
import { LIMITS, TicketSubmissionSchema } from '@deskside/shared';

import type { TicketDraft } from '../agent-types.js';
import type { EnqueueAttachment } from '../outbox/outbox.js';
import { AttachmentRejectedError, attachmentType } from './attachment-type.js';
import { mergeContact } from './contact.js';

export class TicketValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TicketValidationError';
  }
}

export interface ComposeInput {
  readonly draft: TicketDraft;
  readonly contact: Contact;
  readonly diagnostics: Diagnostics | null;
  readonly screenshotsAllowed: boolean;
  readonly now: Date;
  readonly id?: string;
}

export interface ComposedTicket {
  readonly submission: TicketSubmission;
  readonly attachments: readonly EnqueueAttachment[];
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function checkAttachmentSize(name: string, size: number): void {
  if (size > LIMITS.attachmentBytes) throw new AttachmentRejectedError(name, `it is ${(size / 1048576).toFixed(1)} MiB; the limit is ${LIMITS.attachmentBytes / 1048576} MiB`);
}

/** A user's file for a ticket: a regular file within the size limit, read once. */
export async function readAttachment(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AttachmentRejectedError(basename(path), 'it is not a regular file');
    size = info.size;
  } catch (e) {
    if (e instanceof AttachmentRejectedError) throw e;
    throw new AttachmentRejectedError(basename(path), `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  checkAttachmentSize(basename(path), size);
  return readFile(path);
}

/**
 * Build the ticket exactly as it will be stored and sent: validated, attachments read once, typed,
 * size-checked and hashed, so the outbox holds everything and the user's files may change afterwards.
 */
export async function composeTicket(input: ComposeInput): Promise<ComposedTicket> {
  const { draft } = input;
  const subject = draft.subject.trim();
  if (subject === '') throw new TicketValidationError('A subject is required');
  if (subject.length > LIMITS.ticketSubject) throw new TicketValidationError(`The subject is ${subject.length} characters; the limit is ${LIMITS.ticketSubject}`);
  if (draft.description.length > LIMITS.ticketDescription) {
    throw new TicketValidationError(`The description is ${draft.description.length} characters; the limit is ${LIMITS.ticketDescription}`);
  }
  const files = draft.attachments ?? [];
  const given = draft.files ?? [];
  const total = files.length + given.length + (draft.screenshot ? 1 : 0);
  if (total > LIMITS.attachments) throw new TicketValidationError(`${total} attachments; the limit is ${LIMITS.attachments}`);

  const attachments: EnqueueAttachment[] = [];
  const metas: AttachmentMeta[] = [];
  if (draft.screenshot) {
    if (!input.screenshotsAllowed) throw new TicketValidationError('Screenshots are turned off by your organisation');
    const bytes = draft.screenshot.bytes;
    if (bytes.byteLength > LIMITS.screenshotBytes) throw new TicketValidationError(`The screenshot is larger than ${LIMITS.screenshotBytes / 1048576} MiB`);
    const name = draft.screenshot.type === 'image/png' ? 'screenshot.png' : 'screenshot.jpg';
    const type = attachmentType(name, bytes);
    metas.push({ field: 'screenshot-0', name, type, size: bytes.byteLength, sha256: sha256(bytes), role: 'screenshot' });
    attachments.push({ field: 'screenshot-0', name, type, bytes });
  }
  const read = [
    ...(await Promise.all(files.map(async (file) => ({ name: file.name ?? basename(file.path), bytes: await readAttachment(file.path) })))),
    ...given.map((file) => ({ name: file.name, bytes: Buffer.from(file.bytes) })),
  ];
  for (const [i, file] of read.entries()) {
    const bytes = file.bytes;
    const name = file.name.slice(0, 255) || `attachment-${i}`;
    // Files handed over already read (from a user's client) are checked here; read ones were checked before reading.
    checkAttachmentSize(name, bytes.byteLength);
    const type = attachmentType(name, bytes);
    const field = `file-${i}`;
    metas.push({ field, name, type, size: bytes.byteLength, sha256: sha256(bytes), role: 'file' });
    attachments.push({ field, name, type, bytes });
  }

  const submission = {
    id: input.id ?? draft.id ?? randomUUID(),
    subject,
    description: draft.description,
    category: draft.category ?? 'other',
    urgency: draft.urgency ?? 'medium',
    impact: draft.impact ?? 'me',
    contact: mergeContact(input.contact, draft.contact),
    attachments: metas,
    diagnostics: input.diagnostics,
    createdAt: input.now.toISOString(),
    locale: draft.locale ?? null,
    ...(draft.requester ? { requesterAccount: draft.requester } : {}),
  };
  const checked = TicketSubmissionSchema.safeParse(submission);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new TicketValidationError(`The ticket is not valid: ${issue?.path.join('.') || 'ticket'}: ${issue?.message}`);
  }
  return { submission: checked.data, attachments };
}
