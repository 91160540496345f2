import { z } from 'zod';

import { DiagnosticsSchema } from './diagnostics.js';
import { LIMITS, isoDateTime, list, maybeDateTime, maybeText, nonNegativeInt, text, uuid } from './limits.js';
import { TechnicianChannelSchema } from './ticket-channel.js';
import { ContactSchema, ImpactSchema, TicketCategorySchema, TicketStatusSchema, UrgencySchema } from './ticket.js';

/** An OS account as a technician names it: the account name, and its id (uid or SID) when known. */
export const RequesterAccountSchema = z.strictObject({ id: z.string().max(184).nullable(), name: text(256) });
export type RequesterAccount = z.infer<typeof RequesterAccountSchema>;

/* ───────────── technician-created tickets (console) ───────────── */

/** Body of `POST /api/v1/console/tickets`: a request taken by phone, at the desk, by mail… */
export const TicketCreateSchema = z.strictObject({
  channel: TechnicianChannelSchema,
  /** The requester's device: the ticket shows in its tray, and diagnostics can be asked of it. */
  deviceId: uuid,
  subject: text(LIMITS.ticketSubject),
  description: z.string().max(LIMITS.ticketDescription),
  category: TicketCategorySchema,
  urgency: UrgencySchema,
  impact: ImpactSchema,
  contact: ContactSchema,
  /** The requester's account on that device (prefilled from its signed-in user); shown only to them there. */
  requesterAccount: RequesterAccountSchema.nullable(),
  /** Ask the device for fresh diagnostics at its next check-in. */
  requestDiagnostics: z.boolean().default(false),
  /** Assign at once (`me` for oneself). */
  assigneeId: z.union([uuid, z.literal('me')]).nullable().default(null),
});
export type TicketCreate = z.input<typeof TicketCreateSchema>;

export const TicketCreatedSchema = z.strictObject({ id: uuid, number: z.number().int().positive() });
export type TicketCreated = z.infer<typeof TicketCreatedSchema>;

/* ───────────── fresh diagnostics ───────────── */

/** Handed to the agent in its check-in response; it answers with `POST tickets/:ticketId/diagnostics`. */
export const DiagnosticsRequestSchema = z.strictObject({ id: uuid, ticketId: uuid });
export type DiagnosticsRequest = z.infer<typeof DiagnosticsRequestSchema>;

/** Body of `POST /api/v1/agent/tickets/:id/diagnostics`; `id` is the request's, so a retry is recognised. */
export const DiagnosticsUploadSchema = z.strictObject({
  id: uuid,
  diagnostics: DiagnosticsSchema,
  collectedAt: isoDateTime,
});
export type DiagnosticsUpload = z.infer<typeof DiagnosticsUploadSchema>;

export const DiagnosticsRequestViewSchema = z.strictObject({
  id: uuid,
  requestedAt: isoDateTime,
  requestedBy: maybeText(),
  /** Null while the device has not answered (it answers at its next check-in). */
  fulfilledAt: maybeDateTime,
  diagnostics: DiagnosticsSchema.nullable(),
});
export type DiagnosticsRequestView = z.infer<typeof DiagnosticsRequestViewSchema>;

export const DiagnosticsRequestListSchema = z.strictObject({ items: list(DiagnosticsRequestViewSchema, 100) });
export type DiagnosticsRequestList = z.infer<typeof DiagnosticsRequestListSchema>;

/* ───────────── the requester's loop ───────────── */

export const FEEDBACK_KINDS = ['confirm', 'still-broken', 'rating'] as const;
export const FeedbackKindSchema = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKindSchema>;

/**
 * Body of `POST /api/v1/agent/tickets/:id/feedback`: the requester's answer to "Did this fix it?" or
 * their rating. `id` is client-generated so the outbox may retry it safely.
 */
export const FeedbackSubmissionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: uuid, kind: z.literal('confirm'), createdAt: isoDateTime }),
  z.strictObject({ id: uuid, kind: z.literal('still-broken'), body: text(LIMITS.longText), createdAt: isoDateTime }),
  z.strictObject({ id: uuid, kind: z.literal('rating'), rating: z.number().int().min(1).max(5), body: z.string().max(LIMITS.mediumText).nullable(), createdAt: isoDateTime }),
]);
export type FeedbackSubmission = z.infer<typeof FeedbackSubmissionSchema>;

/** Server-side helpdesk settings (not pushed to devices): `GET/PUT /api/v1/console/settings/helpdesk`. */
export const HelpdeskSettingsSchema = z.strictObject({
  /** Resolved tickets the requester has not answered close after this many days; null: never. */
  autoCloseResolvedDays: z.number().int().min(1).max(365).nullable(),
});
export type HelpdeskSettings = z.infer<typeof HelpdeskSettingsSchema>;
export const DEFAULT_HELPDESK_SETTINGS: HelpdeskSettings = { autoCloseResolvedDays: 7 };

export const HelpdeskSettingsViewSchema = HelpdeskSettingsSchema.extend({ updatedAt: maybeDateTime, updatedBy: maybeText() });
export type HelpdeskSettingsView = z.infer<typeof HelpdeskSettingsViewSchema>;

/* ───────────── console notifications ───────────── */

/**
 * What the requester's side of a ticket tells its assignee, beside service-level breaches (the console's
 * one notification list: `NotificationSchema` in helpdesk-api.ts).
 */
export const REQUESTER_NOTIFICATION_KINDS = ['requester-replied', 'requester-reopened', 'requester-confirmed', 'requester-rated', 'diagnostics-arrived'] as const;
export type RequesterNotificationKind = (typeof REQUESTER_NOTIFICATION_KINDS)[number];

/* ───────────── working faster: bulk changes, merge and link, saved views ───────────── */

/** Body of `POST /api/v1/console/tickets/bulk`: one status and/or assignee for many tickets. */
export const TicketBulkUpdateSchema = z
  .strictObject({
    ids: list(uuid, 200).min(1),
    status: TicketStatusSchema.optional(),
    /** `null` unassigns; `me` is the technician asking. */
    assigneeId: z.union([uuid, z.literal('me')]).nullable().optional(),
  })
  .refine((u) => u.status !== undefined || u.assigneeId !== undefined, { message: 'nothing to update: give a status, an assignee or both' });
export type TicketBulkUpdate = z.input<typeof TicketBulkUpdateSchema>;

export const TicketBulkResultSchema = z.strictObject({
  /** Tickets that changed (one already in that state is left as it is). */
  updated: nonNegativeInt,
  /** Ids that name no ticket. */
  missing: z.array(uuid),
});
export type TicketBulkResult = z.infer<typeof TicketBulkResultSchema>;

/** Body of `POST /api/v1/console/tickets/:id/merge`: this ticket is a duplicate of `into`. */
export const TicketMergeSchema = z.strictObject({ into: uuid });
/** Body of `PUT /api/v1/console/tickets/:id/parent`: hang it under a parent ticket, or `null` to detach. */
export const TicketParentSchema = z.strictObject({ parentId: uuid.nullable() });

export const TicketRefSchema = z.strictObject({ id: uuid, number: z.number().int().positive(), subject: text(LIMITS.ticketSubject), status: TicketStatusSchema });
export type TicketRef = z.infer<typeof TicketRefSchema>;

export const TicketRelationsSchema = z.strictObject({
  parent: TicketRefSchema.nullable(),
  children: z.array(TicketRefSchema),
  /** Set on a duplicate: the ticket its conversation now lives on. */
  mergedInto: TicketRefSchema.nullable(),
  /** Duplicates merged into this one. */
  merged: z.array(TicketRefSchema),
});
export type TicketRelations = z.infer<typeof TicketRelationsSchema>;

export const SavedViewSchema = z.strictObject({ id: uuid, name: text(80), query: z.string().max(2_000), createdAt: isoDateTime });
export type SavedView = z.infer<typeof SavedViewSchema>;
export const SavedViewListSchema = z.strictObject({ items: z.array(SavedViewSchema) });
export type SavedViewList = z.infer<typeof SavedViewListSchema>;
/** A named queue URL; `query` is checked against the queue's own filters before it is kept. */
export const SavedViewCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(80), query: z.string().max(2_000) });
export type SavedViewCreate = z.input<typeof SavedViewCreateSchema>;
