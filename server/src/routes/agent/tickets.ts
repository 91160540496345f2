import { randomUUID } from 'node:crypto';

import {
  attachmentContentProblem,
  attachmentNameProblem,
  CommentSubmissionSchema,
  DeviceTicketListSchema,
  IdParamsSchema,
  LIMITS,
  TicketAckSchema,
  TicketAttachmentParamsSchema,
  TicketSubmissionSchema,
  UploadAckSchema,
  type TicketStatus,
  type TicketSubmission,
} from '@deskside/shared';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { multipartFailure, putUpload, readHead, sendAttachment } from '../../attachments/attachment-http.js';
import { HttpError, badRequest, conflict, notFound, tooLarge } from '../../http/http-error.js';
import { replaceNulEscapes } from '../../http/json-body.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../http/json-depth.js';
import { requireDeviceContext } from '../../http/request-context.js';
import type { TicketsTable } from '../../storage/tables.js';
import { TicketClosedError, TicketOwnershipError, type StoredAttachment } from '../../storage/tickets-repo.js';
import type { RouteDeps } from '../deps.js';

function parseTicketField(part: MultipartValue): TicketSubmission {
  if (part.fieldname !== 'ticket') throw badRequest(`unexpected field "${part.fieldname.slice(0, 64)}"; only "ticket" is accepted`);
  if (part.valueTruncated) throw tooLarge('the ticket JSON is too large');
  let raw: unknown;
  try {
    // A part sent as application/json arrives already parsed; a plain text part arrives as text.
    const text = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
    raw = JSON.parse(replaceNulEscapes(text));
  } catch {
    throw badRequest('the "ticket" field is not valid JSON');
  }
  // Diagnostics hold free-form JSON: bound its depth before zod recurses into it.
  if (nestedDeeperThan(raw)) throw badRequest(`the "ticket" field is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const parsed = TicketSubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    throw badRequest(
      'invalid ticket',
      parsed.error.issues.slice(0, 50).map((i) => ({ path: ['ticket', ...i.path].join('.'), message: i.message })),
    );
  }
  // The agent refuses programs and scripts; a device (or anyone with its credential) may not skip that.
  const refused = parsed.data.attachments.flatMap((a) => {
    const problem = attachmentNameProblem(a.name);
    return problem === null ? [] : [{ path: `ticket.attachments.${a.field}.name`, message: problem }];
  });
  if (refused.length > 0) throw badRequest('an attachment is not allowed', refused);
  const fields = parsed.data.attachments.map((a) => a.field);
  if (new Set(fields).size !== fields.length) throw badRequest('attachment field names must be unique');
  return parsed.data;
}

const ack = (row: TicketsTable, duplicate: boolean) => ({
  id: row.id,
  duplicate,
  receivedAt: new Date(row.created_at).toISOString(),
  number: row.number,
  status: row.status as TicketStatus,
});

/** Device tickets: file (multipart, idempotent by client id), list own, comment on own. */
export const deviceTicketRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, blobs, metrics, limits }) => {
  app.post('/tickets', { schema: { consumes: ['multipart/form-data'], response: { 200: TicketAckSchema } } }, async (request) => {
    const device = requireDeviceContext(request.device);
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'file tickets as multipart/form-data: a "ticket" field, then one part per attachment');
    const parts = request.parts({
      limits: { fields: 1, files: LIMITS.attachments, parts: LIMITS.attachments + 1, fieldSize: limits.ticketJsonBytes, fileSize: LIMITS.attachmentBytes },
    });
    let ticket: TicketSubmission | null = null;
    let existing: TicketsTable | null = null;
    const stored: StoredAttachment[] = [];
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
      // A part whose Content-Disposition names no field cannot be matched to anything.
      if (typeof part.fieldname !== 'string' || part.fieldname === '') {
        if (part.type === 'file') part.file.resume();
        throw badRequest('every multipart part needs a name (Content-Disposition: form-data; name="...")');
      }
      if (part.type === 'field') {
        if (ticket !== null) throw badRequest('only one "ticket" field is accepted');
        ticket = parseTicketField(part);
        try {
          existing = await store.tickets.existingForDevice(device.id, ticket.id);
        } catch (err) {
          if (err instanceof TicketOwnershipError) throw conflict(err.message);
          throw err;
        }
        continue;
      }
      const file: MultipartFile = part;
      if (ticket === null) {
        file.file.resume();
        throw badRequest('the "ticket" field must come before the files');
      }
      if (existing !== null) {
        // A retry of a ticket already stored: read and drop the bytes, answer as before.
        file.file.resume();
        continue;
      }
      const meta = ticket.attachments.find((a) => a.field === file.fieldname);
      if (meta === undefined || stored.some((s) => s.field === meta.field)) {
        file.file.resume();
        throw badRequest(`file part "${file.fieldname.slice(0, 64)}" was not declared in ticket.attachments (or was sent twice)`);
      }
      const cap = meta.role === 'screenshot' ? LIMITS.screenshotBytes : LIMITS.attachmentBytes;
      const blob = await putUpload(blobs, store.blobCandidates, store.clock, file.file, cap, `attachment "${meta.name}"`);
      if (blob.size !== meta.size || blob.sha256 !== meta.sha256) {
        throw badRequest(`attachment "${meta.name}" arrived damaged: size or SHA-256 does not match what was declared`, {
          field: meta.field,
          declared: { size: meta.size, sha256: meta.sha256 },
          received: { size: blob.size, sha256: blob.sha256 },
        });
      }
      const problem = attachmentContentProblem(meta.type, await readHead(blobs, blob.sha256));
      if (problem !== null) throw badRequest(`attachment "${meta.name}" is not allowed: ${problem}`, { field: meta.field });
      stored.push({ ...meta, id: randomUUID() });
    }
    if (ticket === null) throw badRequest('the "ticket" field is missing');
    if (existing !== null) return ack(existing, true);
    const missing = ticket.attachments.filter((a) => !stored.some((s) => s.field === a.field));
    if (missing.length > 0) throw badRequest(`declared attachments were not sent: ${missing.map((m) => m.field).join(', ')}`);

    let created;
    try {
      created = await store.tickets.createFromDevice(device.id, ticket, stored);
    } catch (err) {
      // Another device raced us to this ticket id.
      if (err instanceof TicketOwnershipError) throw conflict(err.message);
      throw err;
    }
    const { row, duplicate } = created;
    if (!duplicate) {
      metrics.tickets.inc();
      await store.audit.record(
        {
          actor: { kind: 'device', id: device.id, name: device.hostname },
          action: 'ticket.create',
          target: { kind: 'ticket', id: row.id },
          details: { number: row.number, priority: row.computed_priority, attachments: stored.length },
          ip: request.ip,
        },
        store.clock(),
      );
    }
    return ack(row, duplicate);
  });

  // Files the requester sent and those technicians sent with public replies; never an internal note's.
  app.get('/tickets/:id/attachments/:attachmentId', { schema: { params: TicketAttachmentParamsSchema } }, async (request, reply) => {
    const device = requireDeviceContext(request.device);
    const a = await store.replyAttachments.forDevice(device.id, request.params.id, request.params.attachmentId);
    if (a === null) throw notFound('attachment');
    return sendAttachment(reply, blobs, a, request.log);
  });

  app.get('/tickets', { schema: { response: { 200: DeviceTicketListSchema } } }, async (request) => {
    const device = requireDeviceContext(request.device);
    return { tickets: await store.tickets.forDevice(device.id) };
  });

  app.post(
    '/tickets/:id/comments',
    { schema: { params: IdParamsSchema, body: CommentSubmissionSchema, response: { 200: UploadAckSchema } } },
    async (request) => {
      const device = requireDeviceContext(request.device);
      let result;
      try {
        result = await store.tickets.addDeviceComment(device.id, request.params.id, request.body, null);
      } catch (err) {
        // Its own code, so the agent can keep the reply and tell the user rather than guess from a 409.
        if (err instanceof TicketClosedError) throw new HttpError(409, 'ticket_closed', err.message);
        if (err instanceof TicketOwnershipError) throw conflict(err.message);
        throw err;
      }
      // Another device's ticket looks exactly like a missing one.
      if (result === null) throw notFound('ticket');
      if (!result.duplicate) {
        // The assignee hears of it in the console instead of finding it reopened at the bottom of the queue.
        const ticket = await store.tickets.row(request.params.id);
        if (ticket !== null) await store.loop.notify(store.db, ticket, result.reopenedFrom === 'resolved' ? 'requester-reopened' : 'requester-replied', result.receivedAt);
        await store.audit.record(
          {
            actor: { kind: 'device', id: device.id, name: device.hostname },
            action: 'ticket.user-reply',
            target: { kind: 'ticket', id: request.params.id },
            details: result.reopenedFrom === null ? {} : { status: { before: result.reopenedFrom, after: 'open' } },
            ip: request.ip,
          },
          store.clock(),
        );
      }
      return { id: request.body.id, duplicate: result.duplicate, receivedAt: new Date(result.receivedAt).toISOString() };
    },
  );
};
