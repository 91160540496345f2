import { createHash } from 'node:crypto';

import { LIMITS, type AttachmentMeta, type DraftAttachment } from '@deskside/shared';

import { IpcRequestError } from '../ipc/dispatch.js';

export interface DecodedAttachment {
  readonly meta: AttachmentMeta;
  readonly bytes: Buffer;
}

const MAGIC: Readonly<Record<string, (b: Buffer) => boolean>> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  'application/x-zip-compressed': (b) => b.subarray(0, 2).toString('latin1') === 'PK',
};
const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'application/json']);

/**
 * Decodes what the form kept and checks it the way the server will: size caps, count cap, and that the
 * bytes are what the declared type says (a renamed executable is refused here, not after an upload).
 */
export function decodeAttachments(input: readonly DraftAttachment[], screenshotsAllowed: boolean): DecodedAttachment[] {
  if (input.length > LIMITS.attachments) throw new IpcRequestError('too-large', `at most ${LIMITS.attachments} attachments`);
  return input.map((a, index) => {
    if (a.role === 'screenshot' && !screenshotsAllowed) throw new IpcRequestError('forbidden', 'screenshots are turned off by your organisation');
    const bytes = Buffer.from(a.dataBase64, 'base64');
    const cap = a.role === 'screenshot' ? LIMITS.screenshotBytes : LIMITS.attachmentBytes;
    if (bytes.length > cap) throw new IpcRequestError('too-large', `"${a.name}" is larger than ${Math.floor(cap / 1024 / 1024)} MB`);
    if (bytes.length === 0) throw new IpcRequestError('invalid-request', `"${a.name}" is empty`);
    if (a.role === 'screenshot' && a.type !== 'image/png' && a.type !== 'image/jpeg') {
      throw new IpcRequestError('invalid-request', 'screenshots must be PNG or JPEG');
    }
    if (!contentMatches(a.type, bytes)) throw new IpcRequestError('invalid-request', `"${a.name}" is not a valid ${a.type} file`);
    const meta: AttachmentMeta = {
      field: `attachment-${index}`,
      name: a.name,
      type: a.type,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      role: a.role,
    };
    return { meta, bytes };
  });
}

function contentMatches(type: string, bytes: Buffer): boolean {
  const magic = MAGIC[type];
  if (magic) return magic(bytes);
  if (TEXT_TYPES.has(type)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return !bytes.includes(0);
    } catch {
      return false;
    }
  }
  // application/octet-stream: any bytes, the technician's console offers it as a download only.
  return true;
}
