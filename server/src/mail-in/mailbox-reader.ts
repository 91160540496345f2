import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import { ImapFlow } from 'imapflow';

import type { BlobStore } from '../attachments/blob-store.js';
import type { MailOutcome, MailWork } from '../storage/mail-intake-repo.js';
import type { Store } from '../storage/store.js';
import type { StoredAttachment } from '../storage/tickets-repo.js';
import { describeMailbox, type ImapSettings } from './imap-url.js';
import { parseIncomingMail, type IncomingMail } from './incoming-mail.js';
import { trimQuotedReply } from './quoted-reply.js';

/** Set on a message once what it became is committed; messages without it are the ones to read. */
export const IMPORTED_KEYWORD = '$DesksideImported';
/** Messages read per round: a flood of mail is worked through over several rounds, not one long one. */
const BATCH = 200;
/** A message larger than every attachment together, plus room for text and encoding, is not read. */
const MAX_MESSAGE_BYTES = 150 * 1024 * 1024;

export interface MailboxRound {
  readonly tickets: number;
  readonly comments: number;
  readonly skipped: number;
  /** Messages flagged that an earlier, interrupted round had already turned into work. */
  readonly recovered: number;
}

export interface MailboxReaderDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly log?: { warn(details: object, message: string): void } | undefined;
  /** Tests: a step between committing a mail and flagging it, where a crash is simulated. */
  readonly afterCommit?: ((uid: number) => Promise<void>) | undefined;
}

async function storeAttachments(mail: IncomingMail, deps: MailboxReaderDeps): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const [i, a] of mail.attachments.entries()) {
    const blob = await deps.blobs.put(Readable.from([a.content]), a.content.length);
    // Noted first: housekeeping removes the blob if the ticket never comes to reference it.
    await deps.store.blobCandidates.note(blob.sha256, deps.store.clock());
    stored.push({ id: randomUUID(), field: `mail-${i + 1}`, name: a.name, type: a.type, size: blob.size, sha256: blob.sha256, role: 'file' });
  }
  return stored;
}

function work(mail: IncomingMail, attachments: readonly StoredAttachment[]): MailWork {
  const skippedNote = mail.skippedAttachments.length === 0 ? '' : `\n\n[Attachments not kept: ${mail.skippedAttachments.join('; ')}]`;
  return {
    messageId: mail.messageId,
    relatedIds: mail.relatedIds,
    fromAddress: mail.fromAddress,
    fromName: mail.fromName,
    subject: mail.subject,
    body: (mail.body === '' ? '(no text)' : mail.body) + skippedNote,
    replyBody: (trimQuotedReply(mail.body) || '(no text)') + skippedNote,
    attachments,
    automatic: mail.automatic,
    submittedAt: mail.date?.getTime() ?? Date.now(),
  };
}

/**
 * One round over the mailbox: every message not yet flagged as imported becomes a ticket, a comment
 * or a recorded skip, committed with its UIDVALIDITY and UID; only then is it flagged. A round killed
 * between the two leaves a recorded but unflagged message, which the next round only flags.
 */
export async function readMailboxOnce(settings: ImapSettings, deps: MailboxReaderDeps): Promise<MailboxRound> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
    disableAutoIdle: true,
  });
  // A dropped connection is reported by the command that was waiting on it; this keeps it from being unhandled.
  client.on('error', () => undefined);
  const mailbox = describeMailbox(settings);
  const counts = { tickets: 0, comments: 0, skipped: 0, recovered: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const opened = client.mailbox;
      if (opened === false) throw new Error(`could not open ${settings.mailbox}`);
      const uidValidity = Number(opened.uidValidity);
      const found = await client.search({ unKeyword: IMPORTED_KEYWORD }, { uid: true });
      const uids = (found === false || found === undefined ? [] : found).sort((a, b) => a - b).slice(0, BATCH);
      const recorded = await deps.store.mailIntake.recorded(mailbox, uidValidity, uids);
      for (const uid of uids) {
        if (!recorded.has(uid)) {
          const outcome = await importOne(client, uid, { mailbox, uidValidity }, deps);
          if (outcome === null) continue;
          if (outcome.kind === 'ticket') counts.tickets += 1;
          else if (outcome.kind === 'comment') counts.comments += 1;
          else counts.skipped += 1;
          await deps.afterCommit?.(uid);
        } else {
          counts.recovered += 1;
        }
        await client.messageFlagsAdd(String(uid), [IMPORTED_KEYWORD, '\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return counts;
}

async function importOne(client: ImapFlow, uid: number, where: { mailbox: string; uidValidity: number }, deps: MailboxReaderDeps): Promise<MailOutcome | null> {
  const meta = await client.fetchOne(String(uid), { size: true }, { uid: true });
  if (meta === false) return null;
  if ((meta.size ?? 0) > MAX_MESSAGE_BYTES) {
    deps.log?.warn({ mailbox: where.mailbox, uid, size: meta.size }, 'incoming mail too large to read; left in the mailbox unflagged');
    return null;
  }
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  if (message === false || message.source === undefined) return null;
  const mail = await parseIncomingMail(message.source);
  const attachments = mail.automatic === null && mail.fromAddress !== null ? await storeAttachments(mail, deps) : [];
  return deps.store.mailIntake.import({ mailbox: where.mailbox, uidValidity: where.uidValidity, uid }, work(mail, attachments));
}
