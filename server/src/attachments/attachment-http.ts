import type { Readable } from 'node:stream';

import { ATTACHMENT_HEAD_BYTES } from '@deskside/shared';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';


import { HttpError, badRequest, notFound, tooLarge } from '../http/http-error.js';
import type { BlobCandidatesRepo } from '../storage/blob-candidates-repo.js';
import type { AttachmentsTable } from '../storage/tables.js';
import { BlobTooLargeError, type BlobStore, type StoredBlob } from './blob-store.js';

/** Filenames reach a header: keep them printable and quote-free, with an RFC 5987 UTF-8 twin. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_').slice(0, 200) || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.slice(0, 200))}`;
}

/**
 * Busboy reports a truncated or garbled body as a plain Error from the part iterator or the file
 * stream: that is the client's doing (400). Limit errors carry their own status; file-system errors
 * (ENOSPC…) are ours and stay 5xx.
 */
export function multipartFailure(err: unknown): unknown {
  if (err instanceof HttpError) return err;
  const e = err as { statusCode?: unknown; code?: unknown };
  if (typeof e.statusCode === 'number') return err;
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return err;
  return badRequest('the multipart body is malformed or was cut short');
}

/**
 * Stores an uploaded file's bytes, at most `cap` (413 naming `label` beyond), and notes the blob before
 * anything can refuse the request: housekeeping removes it if it ends unused.
 */
export async function putUpload(blobs: BlobStore, candidates: BlobCandidatesRepo, now: () => number, source: Readable, cap: number, label: string): Promise<StoredBlob> {
  let blob;
  try {
    blob = await blobs.put(source, cap);
  } catch (err) {
    if (err instanceof BlobTooLargeError) throw tooLarge(`${label} exceeds ${cap} bytes`);
    throw multipartFailure(err);
  }
  await candidates.note(blob.sha256, now());
  return blob;
}

/** The first bytes of a stored blob, for the signature check (the blob is already hashed and sized). */
export async function readHead(blobs: BlobStore, sha256: string): Promise<Uint8Array> {
  const stream = await blobs.open(sha256);
  if (stream === null) return new Uint8Array();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= ATTACHMENT_HEAD_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, ATTACHMENT_HEAD_BYTES);
}

/**
 * Sends a stored attachment as a download, never rendered: its bytes came from an end-user machine or
 * a technician's, and the reader's browser or tray must not run them.
 */
export async function sendAttachment(reply: FastifyReply, blobs: BlobStore, a: AttachmentsTable, log: FastifyBaseLogger): Promise<FastifyReply> {
  const stream = await blobs.open(a.sha256);
  if (stream === null) {
    log.error({ sha256: a.sha256 }, 'attachment bytes missing from the blob store');
    throw notFound('attachment content');
  }
  return reply
    .header('content-type', a.type === 'text/plain' || a.type === 'text/csv' ? `${a.type}; charset=utf-8` : a.type)
    .header('content-disposition', contentDisposition(a.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .header('content-length', String(a.size))
    .send(stream);
}
