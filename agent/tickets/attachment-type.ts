import { ATTACHMENT_TYPE_BY_EXTENSION as BY_EXTENSION, attachmentContentProblem, attachmentExtension, attachmentNameProblem, type AttachmentMeta } from '@deskside/shared';

type AllowedType = AttachmentMeta['type'];

export class AttachmentRejectedError extends Error {
  constructor(name: string, reason: string) {
    super(`Attachment "${name}" was not added: ${reason}`);
    this.name = 'AttachmentRejectedError';
  }
}

/**
 * The attachment's type from its extension, checked against its first bytes by the shared policy the
 * server applies too (a renamed program does not pass as a PDF; programs and scripts are refused).
 */
export function attachmentType(name: string, bytes: Uint8Array): AllowedType {
  const byName = attachmentNameProblem(name);
  if (byName) throw new AttachmentRejectedError(name, byName);
  const type = BY_EXTENSION[attachmentExtension(name)] ?? 'application/octet-stream';
  const byContent = attachmentContentProblem(type, bytes);
  if (byContent) throw new AttachmentRejectedError(name, byContent);
  return type;
}
