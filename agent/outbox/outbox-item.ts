import { z } from 'zod';

/** `diagnostics`: fresh diagnostics a technician asked for; `feedback`: "Did this fix it?" and the rating. */
export const OUTBOX_KINDS = ['inventory', 'ticket', 'comment', 'diagnostics', 'feedback', 'article-feedback'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

const AttachmentFileSchema = z.strictObject({
  file: z.string(),
  field: z.string(),
  name: z.string(),
  type: z.string(),
  size: z.number().int().nonnegative(),
});

/** The metadata file of one queued upload. It is written last, so its presence means the item is whole. */
export const OutboxItemSchema = z.strictObject({
  v: z.literal(1),
  /** Client-generated id the server deduplicates on (ticket, comment, feedback or inventory upload id; the server's diagnostics request id). */
  id: z.uuid(),
  kind: z.enum(OUTBOX_KINDS),
  label: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
  /** The server's Retry-After: honoured even by a manual "sync now". */
  notBefore: z.iso.datetime({ offset: true }).nullable(),
  lastError: z.string().nullable(),
  /** `code` is the server's error code when it gave one (e.g. `ticket_closed`): the item is kept and shown. */
  failed: z
    .strictObject({ status: z.number().int().nullable(), code: z.string().nullable().optional(), message: z.string(), at: z.iso.datetime({ offset: true }) })
    .nullable(),
  bytes: z.number().int().nonnegative(),
  body: z.string(),
  attachments: z.array(AttachmentFileSchema),
  ticketId: z.uuid().optional(),
  inventory: z
    .strictObject({
      kind: z.enum(['full', 'partial']),
      sections: z.array(z.string()),
      sectionHashes: z.record(z.string(), z.string()),
    })
    .optional(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;
export type OutboxAttachmentFile = z.infer<typeof AttachmentFileSchema>;
