import { ArticleLocaleSchema, ContactSchema, DiagnosticItemIdSchema, DiagnosticsSchema, ImpactSchema, TicketCategorySchema, UrgencySchema } from '@deskside/shared';
import { z } from 'zod';

import type { EndpointOp } from './endpoint-protocol.js';

const uploadId = z.uuid();

/** What each operation of the local endpoint accepts; checked in the worker before the core sees it. */
export const OP_INPUTS = {
  status: z.strictObject({}),
  settings: z.strictObject({}),
  'update-settings': z.strictObject({ patch: z.record(z.string(), z.unknown()) }),
  sync: z.strictObject({ fullInventory: z.boolean().optional(), skipInventory: z.boolean().optional() }),
  'retry-failed': z.strictObject({}),
  diagnose: z.strictObject({ omit: z.array(DiagnosticItemIdSchema).max(50).optional() }),
  contact: z.strictObject({}),
  'submit-ticket': z.strictObject({
    id: z.uuid(),
    subject: z.string().max(10_000),
    description: z.string().max(200_000),
    category: TicketCategorySchema.optional(),
    urgency: UrgencySchema.optional(),
    impact: ImpactSchema.optional(),
    contact: ContactSchema.partial().optional(),
    attachments: z.array(z.strictObject({ upload: uploadId, name: z.string().min(1).max(255) })).max(20),
    screenshot: z.strictObject({ upload: uploadId, type: z.enum(['image/png', 'image/jpeg']) }).optional(),
    /** What the user reviewed; false for none; absent to gather now (minus `omitDiagnostics`). */
    diagnostics: z.union([DiagnosticsSchema, z.literal(false)]).optional(),
    omitDiagnostics: z.array(DiagnosticItemIdSchema).max(50).optional(),
    locale: z.string().max(35).nullable().optional(),
  }),
  tickets: z.strictObject({ refresh: z.boolean().optional() }),
  comment: z.strictObject({ id: z.uuid().optional(), ticketId: z.uuid(), body: z.string().max(200_000) }),
  feedback: z.strictObject({
    id: z.uuid().optional(),
    ticketId: z.uuid(),
    draft: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('confirm') }),
      z.strictObject({ kind: z.literal('still-broken'), body: z.string().max(200_000) }),
      z.strictObject({ kind: z.literal('rating'), rating: z.number().int().min(1).max(5), body: z.string().max(20_000).nullable().optional() }),
    ]),
  }),
  'ticket-file': z.strictObject({ ticketId: z.uuid(), attachmentId: z.uuid() }),
  articles: z.strictObject({
    query: z.string().max(200).optional(),
    locale: ArticleLocaleSchema.optional(),
    refresh: z.boolean().optional(),
    record: z.boolean().optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  'article-solved': z.strictObject({ id: z.uuid().optional(), articleId: z.uuid(), query: z.string().max(200) }),
  'user-scope': z.strictObject({ report: z.unknown() }),
  handover: z.strictObject({
    items: z
      .array(
        z.strictObject({
          id: z.uuid(),
          kind: z.enum(['ticket', 'comment', 'feedback']),
          label: z.string().max(300),
          /** The item's JSON exactly as the embedded agent queued it. */
          body: z.string().max(4 * 1024 * 1024),
          ticketId: z.uuid().optional(),
          attachments: z.array(z.strictObject({ upload: uploadId, field: z.string().max(64), name: z.string().max(255), type: z.string().max(255) })).max(20),
        }),
      )
      .max(500),
  }),
} as const satisfies Record<EndpointOp, z.ZodType>;

export type OpInput<O extends EndpointOp> = z.infer<(typeof OP_INPUTS)[O]>;
