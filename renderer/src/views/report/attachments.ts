import { ATTACHMENT_TYPE_BY_EXTENSION as BY_EXTENSION, type AttachmentRules, type CapturedScreen, type DraftAttachment } from '@deskside/shared';

/** A blacked-out area, in the screenshot's own pixel coordinates. */
export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ScreenshotDraft {
  readonly shot: CapturedScreen;
  readonly include: boolean;
  readonly areas: readonly Area[];
}

export interface FileDraft {
  readonly id: string;
  readonly name: string;
  readonly type: DraftAttachment['type'];
  readonly size: number;
  readonly dataBase64: string;
  readonly include: boolean;
}

/** The accepted type of a dropped file, from its extension first (browsers often leave `type` empty). */
export function attachmentType(name: string, browserType: string, rules: AttachmentRules): DraftAttachment['type'] | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const byExt = BY_EXTENSION[ext];
  if (byExt && rules.allowedTypes.includes(byExt)) return byExt;
  const t = browserType as DraftAttachment['type'];
  if (t !== 'application/octet-stream' && rules.allowedTypes.includes(t)) return t;
  return null;
}

export type FileProblem = { kind: 'too-large' | 'wrong-type'; name: string } | { kind: 'too-many' };

/** Checks dropped files against the rules; returns what can be added and why the rest cannot. */
export async function acceptFiles(
  files: readonly File[],
  rules: AttachmentRules,
  alreadyAttached: number,
): Promise<{ accepted: FileDraft[]; problems: FileProblem[] }> {
  const accepted: FileDraft[] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    if (alreadyAttached + accepted.length >= rules.maxFiles) {
      problems.push({ kind: 'too-many' });
      break;
    }
    const type = attachmentType(file.name, file.type, rules);
    if (type === null) {
      problems.push({ kind: 'wrong-type', name: file.name });
      continue;
    }
    if (file.size > rules.maxFileBytes || file.size === 0) {
      problems.push({ kind: 'too-large', name: file.name });
      continue;
    }
    accepted.push({
      id: crypto.randomUUID(),
      name: file.name.slice(0, 255),
      type,
      size: file.size,
      dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
      include: true,
    });
  }
  return { accepted, problems };
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Moves (or with `resize`, grows/shrinks) a box by dx/dy, keeping it inside the picture and at least 8 px. */
export function moveBox(box: Area, dx: number, dy: number, resize: boolean, size: { width: number; height: number }): Area {
  if (resize) {
    const width = Math.max(8, Math.min(size.width - box.x, box.width + dx));
    const height = Math.max(8, Math.min(size.height - box.y, box.height + dy));
    return { ...box, width: Math.round(width), height: Math.round(height) };
  }
  const x = Math.max(0, Math.min(size.width - box.width, box.x + dx));
  const y = Math.max(0, Math.min(size.height - box.height, box.y + dy));
  return { ...box, x: Math.round(x), y: Math.round(y) };
}

/** Normalises a drag from any corner into a positive rectangle clipped to the image. */
export function areaFrom(a: { x: number; y: number }, b: { x: number; y: number }, size: { width: number; height: number }): Area {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
  const x1 = clamp(Math.min(a.x, b.x), size.width);
  const y1 = clamp(Math.min(a.y, b.y), size.height);
  const x2 = clamp(Math.max(a.x, b.x), size.width);
  const y2 = clamp(Math.max(a.y, b.y), size.height);
  return { x: Math.round(x1), y: Math.round(y1), width: Math.round(x2 - x1), height: Math.round(y2 - y1) };
}
