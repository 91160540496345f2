import { ATTACHMENT_TYPE_BY_EXTENSION as BY_EXTENSION, type AttachmentMeta } from '@deskside/shared';

type AllowedType = AttachmentMeta['type'];

/** Programs and scripts: a technician's machine must never receive one from a ticket. */
const REFUSED = new Set([
  'exe', 'dll', 'msi', 'msix', 'bat', 'cmd', 'com', 'scr', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'hta',
  'lnk', 'reg', 'jar', 'sh', 'command', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'appimage', 'iso',
]);

const MAGIC: Partial<Record<AllowedType, (b: Uint8Array) => boolean>> = {
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => Buffer.from(b.subarray(0, 4)).toString('latin1') === 'GIF8',
  'image/webp': (b) => Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP',
  'application/pdf': (b) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-',
  'application/zip': (b) => b[0] === 0x50 && b[1] === 0x4b,
};

export class AttachmentRejectedError extends Error {
  constructor(name: string, reason: string) {
    super(`Attachment "${name}" was not added: ${reason}`);
    this.name = 'AttachmentRejectedError';
  }
}

/**
 * The attachment's type from its extension, checked against its first bytes for formats that have a
 * signature (a renamed program does not pass as a PDF). Programs and scripts are refused outright.
 */
export function attachmentType(name: string, bytes: Uint8Array): AllowedType {
  const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  if (REFUSED.has(ext)) throw new AttachmentRejectedError(name, `.${ext} files (programs and scripts) cannot be attached`);
  const isPe = bytes[0] === 0x4d && bytes[1] === 0x5a;
  const isElf = bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
  if (isPe || isElf) throw new AttachmentRejectedError(name, 'the file is a program');
  const type = BY_EXTENSION[ext] ?? 'application/octet-stream';
  const check = MAGIC[type];
  if (check && !check(bytes)) throw new AttachmentRejectedError(name, `its content is not ${type} as its name says`);
  return type;
}
