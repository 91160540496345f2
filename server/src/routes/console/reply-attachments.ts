import {
  ALLOWED_ATTACHMENT_TYPES,
  ATTACHMENT_TYPE_BY_EXTENSION,
  AttachmentUploadResultSchema,
  IdParamsSchema,
  LIMITS,
  attachmentContentProblem,
  attachmentExtension,
  attachmentNameProblem,
  type AttachmentInfo,
} from '@deskside/shared';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { multipartFailure, putUpload, readHead } from '../../attachments/attachment-http.js';
import { HttpError, badRequest, notFound } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import type { UploadedFile } from '../../storage/reply-attachments-repo.js';
import { toAttachmentInfo } from '../../storage/ticket-views.js';
import type { RouteDeps } from '../deps.js';

type AttachmentType = AttachmentInfo['type'];
const ALLOWED: ReadonlySet<string> = new Set(ALLOWED_ATTACHMENT_TYPES);

/** The browser's type when it is one we take, else the extension's, else plain bytes. */
function attachmentType(mimetype: string, name: string): AttachmentType {
  const declared = mimetype.split(';')[0]!.trim().toLowerCase();
  if (ALLOWED.has(declared) && declared !== 'application/octet-stream') return declared as AttachmentType;
  return ATTACHMENT_TYPE_BY_EXTENSION[attachmentExtension(name)] ?? 'application/octet-stream';
}

/**
 * Files for a technician's reply or note: uploaded here (multipart, one part per file), then sent by
 * naming their ids in `POST tickets/{id}/messages`. The same rules as the tray's uploads apply: no
 * programs or scripts, signatures must match, the same size limits.
 */
export const replyAttachmentRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, blobs }) => {
  app.post(
    '/tickets/:id/attachments',
    { schema: { params: IdParamsSchema, consumes: ['multipart/form-data'], response: { 200: AttachmentUploadResultSchema } } },
    async (request) => {
      const t = requireTechnicianContext(request.technician);
      if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'upload files as multipart/form-data, one part per file');
      const ticket = await store.tickets.row(request.params.id);
      if (ticket === null) throw notFound('ticket');
      // One field is let through so that it is refused with a clear 400 below.
      const parts = request.parts({ limits: { fields: 1, files: LIMITS.attachments, parts: LIMITS.attachments + 1, fileSize: LIMITS.attachmentBytes } });
      const uploaded: UploadedFile[] = [];
      const iterator = parts[Symbol.asyncIterator]();
      for (;;) {
        let step: IteratorResult<MultipartFile | MultipartValue>;
        try {
          step = await iterator.next();
        } catch (err) {
          throw multipartFailure(err);
        }
        if (step.done === true) break;
        const part = step.value;
        if (part.type === 'field') throw badRequest(`unexpected field "${String(part.fieldname).slice(0, 64)}": send files only`);
        const name = (part.filename ?? '').trim().slice(0, 255);
        if (name === '') {
          part.file.resume();
          throw badRequest('every file needs a name (Content-Disposition: form-data; name="file"; filename="...")');
        }
        const refused = attachmentNameProblem(name);
        if (refused !== null) {
          part.file.resume();
          throw badRequest(`"${name}" cannot be attached: ${refused}`);
        }
        const blob = await putUpload(blobs, store.blobCandidates, store.clock, part.file, LIMITS.attachmentBytes, `"${name}"`);
        const type = attachmentType(part.mimetype, name);
        const problem = attachmentContentProblem(type, await readHead(blobs, blob.sha256));
        if (problem !== null) throw badRequest(`"${name}" cannot be attached: ${problem}`);
        uploaded.push({ name, type, size: blob.size, sha256: blob.sha256 });
      }
      if (uploaded.length === 0) throw badRequest('no file was sent');
      const rows = await store.replyAttachments.upload(ticket.id, t.id, uploaded);
      return { attachments: rows.map(toAttachmentInfo) };
    },
  );
};
