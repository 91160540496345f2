import { z } from 'zod';

import { TicketListQuerySchema } from './console-api.js';
import { LIMITS, isoDateTime, nonNegativeInt, text, uuid } from './limits.js';

/**
 * Helpdesk reports in the technician API (`/api/v1/console/reports/...`), readable by every
 * technician. Each report is one section with its own route, its own CSV twin (`<route>.csv`) and
 * its own table in the console: a new report is one more schema here, one more
 * query in the server's reports repository and one more section on the Reports page.
 */

/** The longest period one report covers: a year and a day, so a whole leap year fits. */
export const REPORT_MAX_DAYS = 367;
const DAY_MS = 86_400_000;

const period = {
  /** Tickets opened at or after this instant. */
  from: isoDateTime,
  /** Tickets opened before this instant (exclusive, so consecutive periods never overlap). */
  to: isoDateTime,
  teamId: uuid.optional(),
};

export const ReportQuerySchema = z.strictObject(period).superRefine((q, ctx) => {
  const span = Date.parse(q.to) - Date.parse(q.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must come after `from`' });
  else if (span > REPORT_MAX_DAYS * DAY_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a report covers at most ${REPORT_MAX_DAYS} days` });
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** The backlog is the open tickets now: only the team filter applies. */
export const BacklogQuerySchema = z.strictObject({ teamId: uuid.optional() });
export type BacklogQuery = z.infer<typeof BacklogQuerySchema>;

/** Durations in milliseconds of wall-clock time; null when no ticket of the group reached the step. */
export const DurationStatsSchema = z.strictObject({
  count: nonNegativeInt,
  medianMs: z.number().nonnegative().nullable(),
  p90Ms: z.number().nonnegative().nullable(),
});
export type DurationStats = z.infer<typeof DurationStatsSchema>;

/** Targets reached in time and targets breached; compliance = met / (met + breached), null when neither. */
export const SlaComplianceSchema = z.strictObject({
  met: nonNegativeInt,
  breached: nonNegativeInt,
  compliance: z.number().min(0).max(1).nullable(),
});
export type SlaCompliance = z.infer<typeof SlaComplianceSchema>;

export const ServiceRowSchema = z.strictObject({
  /** A team or technician id; null for tickets without one (and for the overall row). */
  id: uuid.nullable(),
  name: text().nullable(),
  tickets: nonNegativeInt,
  firstResponse: DurationStatsSchema,
  resolution: DurationStatsSchema,
  firstResponseSla: SlaComplianceSchema,
  resolutionSla: SlaComplianceSchema,
});
export type ServiceRow = z.infer<typeof ServiceRowSchema>;

export const ServiceReportSchema = z.strictObject({
  from: isoDateTime,
  to: isoDateTime,
  teamId: uuid.nullable(),
  overall: ServiceRowSchema,
  byTeam: z.array(ServiceRowSchema),
  byTechnician: z.array(ServiceRowSchema),
});
export type ServiceReport = z.infer<typeof ServiceReportSchema>;

/** Age buckets of the backlog, in order; each bucket holds tickets at least its lower bound old. */
export const BACKLOG_BUCKETS = [
  { key: 'under1d', minHours: 0 },
  { key: '1to3d', minHours: 24 },
  { key: '3to7d', minHours: 72 },
  { key: '7to30d', minHours: 168 },
  { key: 'over30d', minHours: 720 },
] as const;
export type BacklogBucketKey = (typeof BACKLOG_BUCKETS)[number]['key'];

export const BacklogReportSchema = z.strictObject({
  at: isoDateTime,
  teamId: uuid.nullable(),
  total: nonNegativeInt,
  buckets: z.array(z.strictObject({ key: z.enum(BACKLOG_BUCKETS.map((b) => b.key) as [BacklogBucketKey, ...BacklogBucketKey[]]), count: nonNegativeInt })),
});
export type BacklogReport = z.infer<typeof BacklogReportSchema>;

/**
 * What tickets are counted by. A new dimension is one more key here and one more column expression
 * in the server's `VOLUME_DIMENSIONS`. `channel`: how the request came in (`tray`, `phone`, …).
 */
export const VOLUME_DIMENSIONS = ['category', 'model', 'os', 'channel'] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

/** One group; key null = not known (a device that never reported its model, say). */
export const VolumeRowSchema = z.strictObject({ key: text().nullable(), count: nonNegativeInt });
export type VolumeRow = z.infer<typeof VolumeRowSchema>;

export const VolumeReportSchema = z.strictObject({
  from: isoDateTime,
  to: isoDateTime,
  teamId: uuid.nullable(),
  total: nonNegativeInt,
  byCategory: z.array(VolumeRowSchema),
  byModel: z.array(VolumeRowSchema),
  byOs: z.array(VolumeRowSchema),
  byChannel: z.array(VolumeRowSchema),
});
export type VolumeReport = z.infer<typeof VolumeReportSchema>;

/** Stars a requester gives a closed ticket, lowest first. */
export const RATING_STARS = [1, 2, 3, 4, 5] as const;

/**
 * Requesters' satisfaction with the tickets opened in the period: how many were rated, the average,
 * how the stars spread, and how the tickets ended (confirmed by the requester, closed unanswered,
 * reopened at least once).
 */
export const SatisfactionRowSchema = z.strictObject({
  /** A team or technician id; null for tickets without one (and for the overall row). */
  id: uuid.nullable(),
  name: text().nullable(),
  tickets: nonNegativeInt,
  rated: nonNegativeInt,
  /** Mean of the ratings, 1 to 5; null when nothing was rated. */
  averageRating: z.number().min(1).max(5).nullable(),
  /** Ratings per number of stars: index 0 counts 1 star, index 4 counts 5 stars. */
  stars: z.array(nonNegativeInt).length(RATING_STARS.length),
  /** Closed because the requester confirmed the fix. */
  confirmed: nonNegativeInt,
  /** Closed because the requester left the resolved ticket unanswered. */
  autoClosed: nonNegativeInt,
  /** Reopened at least once after being resolved or closed. */
  reopened: nonNegativeInt,
});
export type SatisfactionRow = z.infer<typeof SatisfactionRowSchema>;

/** A requester's comment with their rating, newest first. */
export const RatingCommentSchema = z.strictObject({
  ticketId: uuid,
  number: z.number().int().positive(),
  rating: z.number().int().min(1).max(5),
  comment: text(LIMITS.mediumText),
  ratedAt: isoDateTime,
});
export type RatingComment = z.infer<typeof RatingCommentSchema>;

/** The newest comments one satisfaction report lists. */
export const SATISFACTION_COMMENTS = 20;

export const SatisfactionReportSchema = z.strictObject({
  from: isoDateTime,
  to: isoDateTime,
  teamId: uuid.nullable(),
  overall: SatisfactionRowSchema,
  byTeam: z.array(SatisfactionRowSchema),
  byTechnician: z.array(SatisfactionRowSchema),
  comments: z.array(RatingCommentSchema),
});
export type SatisfactionReport = z.infer<typeof SatisfactionReportSchema>;

/** Rows in one volume list: the largest groups (ties by key); `total` still counts every ticket. */
export const VOLUME_TOP = 25;

/** The queue's CSV export stops here; the response says so in `x-deskside-truncated`. */
export const QUEUE_EXPORT_MAX_ROWS = 100_000;

/** The queue's CSV export takes the queue's filters and order; it has no pages. */
export const TicketExportQuerySchema = TicketListQuerySchema.omit({ page: true, pageSize: true });
export type TicketExportQuery = z.input<typeof TicketExportQuerySchema>;
