import { randomUUID } from 'node:crypto';

import type { AttachmentMeta } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Clock } from './clock.js';
import type { AttachmentsTable, Database } from './tables.js';

/** A file a technician uploaded, already stored in the blob store and checked. */
export type UploadedFile = Pick<AttachmentMeta, 'name' | 'type' | 'size' | 'sha256'>;

/** Attachment ids a message cannot send; the message says which and why. */
export class ReplyAttachmentError extends Error {}

/** Key prefix, in `filesOfTickets`' map, of the files filed with a ticket (followed by the ticket id). */
export const FILED_WITH_TICKET = 'ticket:';

/**
 * The files of these tickets a device may see, keyed by the message that sent them, or by
 * `FILED_WITH_TICKET` + ticket id for those filed with the ticket. Files of internal notes are in the
 * map too: a caller showing a device its tickets looks up public messages only. Uploads not yet sent
 * are left out.
 */
export async function filesOfTickets(db: Kysely<Database>, ticketIds: readonly string[]): Promise<Map<string, AttachmentsTable[]>> {
  const map = new Map<string, AttachmentsTable[]>();
  if (ticketIds.length === 0) return map;
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('ticket_id', 'in', [...ticketIds])
    .where((eb) => eb.or([eb('message_id', 'is not', null), eb('uploaded_by', 'is', null)]))
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  for (const r of rows) {
    const key = r.message_id ?? FILED_WITH_TICKET + r.ticket_id;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return map;
}

/** Files uploaded and never sent with a message are removed after this long. */
export const UNSENT_ATTACHMENT_TTL_MS = 24 * 3_600_000;

/**
 * Files technicians attach to replies and notes. Each is uploaded first, waiting with `message_id`
 * null, then claimed by the message that sends it, in that message's transaction: a reply is never
 * stored without its files, and a file is never sent twice. A device reads only the files of public
 * messages (and its own uploads); an internal note's files stay with technicians.
 */
export class ReplyAttachmentsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async upload(ticketId: string, technicianId: string, files: readonly UploadedFile[]): Promise<AttachmentsTable[]> {
    const now = this.clock();
    const rows: AttachmentsTable[] = files.map((f) => {
      const id = randomUUID();
      return { id, ticket_id: ticketId, field: id, name: f.name, type: f.type, size: f.size, sha256: f.sha256, role: 'file', created_at: now, message_id: null, uploaded_by: technicianId };
    });
    if (rows.length > 0) await this.db.insertInto('attachments').values(rows).execute();
    return rows;
  }

  /** Sends the technician's waiting uploads `ids` with message `messageId`; refuses any other id. */
  async claim(trx: Transaction<Database>, ticketId: string, technicianId: string, ids: readonly string[], messageId: string): Promise<void> {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    const waiting = await trx
      .selectFrom('attachments')
      .select('id')
      .where('id', 'in', unique)
      .where('ticket_id', '=', ticketId)
      .where('uploaded_by', '=', technicianId)
      .where('message_id', 'is', null)
      .execute();
    const found = new Set(waiting.map((r) => r.id));
    const refused = unique.filter((id) => !found.has(id));
    if (refused.length > 0) {
      throw new ReplyAttachmentError(`attachments ${refused.join(', ')} are not files you uploaded to this ticket and have not sent yet`);
    }
    await trx.updateTable('attachments').set({ message_id: messageId }).where('id', 'in', unique).execute();
    await trx
      .updateTable('tickets')
      .set((eb) => ({ attachment_count: eb('attachment_count', '+', unique.length) }))
      .where('id', '=', ticketId)
      .execute();
  }

  /** One attachment of the device's own ticket that the device may read, or null. */
  async forDevice(deviceId: string, ticketId: string, attachmentId: string): Promise<AttachmentsTable | null> {
    const row = await this.db
      .selectFrom('attachments as a')
      .innerJoin('tickets as t', 't.id', 'a.ticket_id')
      .leftJoin('ticket_messages as m', 'm.id', 'a.message_id')
      .selectAll('a')
      .where('a.id', '=', attachmentId)
      .where('a.ticket_id', '=', ticketId)
      .where('t.device_id', '=', deviceId)
      .where((eb) => eb.or([eb.and([eb('a.message_id', 'is', null), eb('a.uploaded_by', 'is', null)]), eb('m.visibility', '=', 'public')]))
      .executeTakeFirst();
    return row ?? null;
  }

  /** Removes uploads never sent, returning their blobs' hashes for the attachment cleanup to judge. */
  async removeUnsent(): Promise<string[]> {
    const cutoff = this.clock() - UNSENT_ATTACHMENT_TTL_MS;
    const rows = await this.db
      .deleteFrom('attachments')
      .where('message_id', 'is', null)
      .where('uploaded_by', 'is not', null)
      .where('created_at', '<', cutoff)
      .returning('sha256')
      .execute();
    return [...new Set(rows.map((r) => r.sha256))];
  }
}
