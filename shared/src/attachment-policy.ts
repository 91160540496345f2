import type { AttachmentMeta } from './ticket.js';

/**
 * What may be attached to a ticket, checked by the agent before queuing and by the server on arrival
 * (a device or anyone holding its credential can send any bytes). Plain functions, no zod: the agent
 * checks a file's first bytes, the server a stored blob's.
 */

/** Programs and scripts: a technician's machine must never receive one from a ticket. */
const REFUSED_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe', 'dll', 'msi', 'msix', 'bat', 'cmd', 'com', 'scr', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'hta',
  'lnk', 'reg', 'jar', 'sh', 'command', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'appimage', 'iso',
]);

type AttachmentType = AttachmentMeta['type'];

const latin1 = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** Signatures of the formats that have one: a renamed program does not pass as a PDF. */
const MAGIC: Partial<Record<AttachmentType, (b: Uint8Array) => boolean>> = {
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => latin1(b, 0, 4) === 'GIF8',
  'image/webp': (b) => latin1(b, 0, 4) === 'RIFF' && latin1(b, 8, 12) === 'WEBP',
  'application/pdf': (b) => latin1(b, 0, 5) === '%PDF-',
  'application/zip': (b) => b[0] === 0x50 && b[1] === 0x4b,
  'application/x-zip-compressed': (b) => b[0] === 0x50 && b[1] === 0x4b,
};

/** How many leading bytes `attachmentContentProblem` looks at. */
export const ATTACHMENT_HEAD_BYTES = 16;

/** The last extension, lower-cased ("invoice.pdf.exe" → "exe"); "" when there is none. */
export const attachmentExtension = (name: string): string => (name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '');

/** Why this file name may not be attached, or null. */
export function attachmentNameProblem(name: string): string | null {
  const ext = attachmentExtension(name);
  return REFUSED_EXTENSIONS.has(ext) ? `.${ext} files (programs and scripts) cannot be attached` : null;
}

/** Why these first bytes may not be attached as `type`, or null: programs never, signatures must match. */
export function attachmentContentProblem(type: AttachmentType, head: Uint8Array): string | null {
  const isPe = head[0] === 0x4d && head[1] === 0x5a;
  const isElf = head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
  const isMachO = [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(head.length >= 4 ? ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0 : -1);
  if (isPe || isElf || isMachO) return 'the file is a program';
  const check = MAGIC[type];
  if (check && !check(head)) return `its content is not ${type} as its name says`;
  return null;
}
