import { z } from 'zod';

import { REQUESTER_NOTIFICATION_KINDS } from './helpdesk.js';
import { LIMITS, isoDateTime, maybeDateTime, maybeText, nonNegativeInt, text, uuid } from './limits.js';
import { PRIORITIES, TicketCategorySchema } from './ticket.js';

/**
 * Teams, routing, service levels, canned replies and notifications in the technician API
 * (`/api/v1/console/...`). Reading them is open to every technician; changing them needs an admin.
 */

/* ───────────── teams ───────────── */

export const TEAM_NAME_MAX = 80;
const teamName = z.string().trim().min(1, 'a team needs a name').max(TEAM_NAME_MAX);

export const TeamRefSchema = z.strictObject({ id: uuid, name: text(TEAM_NAME_MAX) });
export type TeamRef = z.infer<typeof TeamRefSchema>;

export const TeamSchema = z.strictObject({
  id: uuid,
  name: text(TEAM_NAME_MAX),
  description: maybeText(LIMITS.mediumText),
  /** The service levels this team's tickets run on; null = the default policy. */
  slaPolicyId: uuid.nullable(),
  members: z.array(z.strictObject({ id: uuid, displayName: text() })),
  createdAt: isoDateTime,
});
export type Team = z.infer<typeof TeamSchema>;

export const TeamListSchema = z.strictObject({ items: z.array(TeamSchema) });
export type TeamList = z.infer<typeof TeamListSchema>;

export const TeamCreateSchema = z.strictObject({
  name: teamName,
  description: z.string().trim().max(LIMITS.mediumText).nullable().optional(),
  slaPolicyId: uuid.nullable().optional(),
});
export type TeamCreate = z.infer<typeof TeamCreateSchema>;

export const TeamUpdateSchema = TeamCreateSchema.partial().refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
export type TeamUpdate = z.infer<typeof TeamUpdateSchema>;

export const TeamMembersSchema = z.strictObject({ technicianIds: z.array(uuid).max(1000) });
export type TeamMembers = z.infer<typeof TeamMembersSchema>;

/** The teams an installation usually starts with; the console creates them in one click, in the admin's language. */
export const STARTER_TEAM_KEYS = ['serviceDesk', 'network', 'hardware', 'applications'] as const;

/* ───────────── routing ───────────── */

export const RoutingRuleSchema = z.strictObject({ category: TicketCategorySchema, teamId: uuid });
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

/** New tickets from every channel: the rule for their category, else the default team, else no team. */
export const RoutingSchema = z.strictObject({
  defaultTeamId: uuid.nullable(),
  rules: z.array(RoutingRuleSchema).max(64),
});
export type Routing = z.infer<typeof RoutingSchema>;

export const RoutingUpdateSchema = RoutingSchema.refine((r) => new Set(r.rules.map((x) => x.category)).size === r.rules.length, {
  message: 'one rule per category',
  path: ['rules'],
});

/* ───────────── transfer ───────────── */

export const TicketTransferSchema = z.strictObject({
  teamId: uuid,
  /** Why it moves: required, recorded as an internal note and in the audit log. */
  note: z.string().trim().min(1, 'say why the ticket moves to another team').max(LIMITS.longText),
  /** Optionally hand it to a member of the new team at once; otherwise an assignee outside that team is cleared. */
  assigneeId: uuid.nullable().optional(),
});
export type TicketTransfer = z.infer<typeof TicketTransferSchema>;

export const TeamChangeSchema = z.strictObject({
  at: isoDateTime,
  kind: z.enum(['routed', 'transferred']),
  from: TeamRefSchema.nullable(),
  to: TeamRefSchema.nullable(),
  by: maybeText(),
  note: maybeText(LIMITS.longText),
});
export type TeamChange = z.infer<typeof TeamChangeSchema>;

/* ───────────── service levels ───────────── */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const ClockTimeSchema = z.string().regex(HHMM, 'times are HH:MM, 00:00 to 24:00');
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const BusinessSpanSchema = z
  .strictObject({ start: ClockTimeSchema, end: ClockTimeSchema })
  .refine((s) => minutesOf(s.start) < minutesOf(s.end), { message: 'a span ends after it starts' });
export type BusinessSpan = z.infer<typeof BusinessSpanSchema>;

const daySpans = z
  .array(BusinessSpanSchema)
  .max(4)
  .refine(
    (spans) => {
      const sorted = [...spans].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      return sorted.every((s, i) => i === 0 || minutesOf(sorted[i - 1]!.end) <= minutesOf(s.start));
    },
    { message: 'spans of one day must not overlap' },
  );

/** Index 0 is Sunday, as in JavaScript. */
export const BusinessWeekSchema = z
  .array(daySpans)
  .length(7, 'seven days, Sunday first')
  .refine((week) => week.some((d) => d.length > 0), { message: 'at least one day needs business hours' });

const isoDay = z.iso.date();

export const SlaTargetSchema = z
  .strictObject({
    /** Business minutes until the first public reply. */
    firstResponseMinutes: z.number().int().min(1).max(525_600),
    /** Business minutes until resolved. */
    resolutionMinutes: z.number().int().min(1).max(525_600),
  })
  .refine((t) => t.resolutionMinutes >= t.firstResponseMinutes, { message: 'resolution cannot be due before the first response', path: ['resolutionMinutes'] });
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SlaTargetsSchema = z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, SlaTargetSchema])) as Record<(typeof PRIORITIES)[number], typeof SlaTargetSchema>);
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

export const SlaPolicySchema = z.strictObject({
  id: uuid,
  name: text(TEAM_NAME_MAX),
  /** IANA zone, e.g. Europe/Paris: business hours and holidays are read in it. */
  timeZone: text(64),
  week: BusinessWeekSchema,
  holidays: z.array(isoDay).max(366),
  targets: SlaTargetsSchema,
  /** Tickets of teams without their own policy (and tickets without a team) run on the default one. */
  isDefault: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const SlaPolicyListSchema = z.strictObject({ items: z.array(SlaPolicySchema) });
export type SlaPolicyList = z.infer<typeof SlaPolicyListSchema>;

export const SlaPolicyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(TEAM_NAME_MAX),
  timeZone: text(64),
  week: BusinessWeekSchema,
  holidays: z.array(isoDay).max(366).default([]),
  targets: SlaTargetsSchema,
  isDefault: z.boolean().default(false),
});
export type SlaPolicyCreate = z.input<typeof SlaPolicyCreateSchema>;

export const SlaPolicyUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(TEAM_NAME_MAX).optional(),
    timeZone: text(64).optional(),
    week: BusinessWeekSchema.optional(),
    holidays: z.array(isoDay).max(366).optional(),
    targets: SlaTargetsSchema.optional(),
    isDefault: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
export type SlaPolicyUpdate = z.infer<typeof SlaPolicyUpdateSchema>;

export const SLA_TARGET_KINDS = ['first-response', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];
export const SLA_STATES = ['running', 'paused', 'met', 'breached'] as const;

export const SlaTargetClockSchema = z.strictObject({
  dueAt: isoDateTime,
  state: z.enum(SLA_STATES),
  /** When the target was reached (first public reply, resolution); null while not. */
  reachedAt: maybeDateTime,
});
export type SlaTargetClock = z.infer<typeof SlaTargetClockSchema>;

/** A ticket's service levels; null on a ticket with no policy to run on. */
export const TicketSlaSchema = z.strictObject({
  policy: z.strictObject({ id: uuid, name: text(TEAM_NAME_MAX) }),
  firstResponse: SlaTargetClockSchema,
  resolution: SlaTargetClockSchema,
  /** The next target still running, for sorting and "due soon"; null when nothing runs (paused, done). */
  nextDueAt: maybeDateTime,
});
export type TicketSla = z.infer<typeof TicketSlaSchema>;

/** How close "due soon" is: the queue highlights tickets whose next target falls due within this. */
export const SLA_SOON_MS = 60 * 60_000;

/* ───────────── canned replies ───────────── */

export const CANNED_REPLY_PLACEHOLDERS = ['requester', 'device', 'ticket', 'technician'] as const;
export type CannedReplyPlaceholder = (typeof CANNED_REPLY_PLACEHOLDERS)[number];

const replyBody = z.string().max(LIMITS.longText);

export const CannedReplySchema = z.strictObject({
  id: uuid,
  /** null = every team. */
  teamId: uuid.nullable(),
  title: text(120),
  /** The same answer in each language; at least one is written. */
  bodies: z.strictObject({ en: replyBody, 'zh-CN': replyBody }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CannedReply = z.infer<typeof CannedReplySchema>;

export const CannedReplyListSchema = z.strictObject({ items: z.array(CannedReplySchema) });
export type CannedReplyList = z.infer<typeof CannedReplyListSchema>;

export const CannedReplyCreateSchema = z
  .strictObject({
    teamId: uuid.nullable().default(null),
    title: z.string().trim().min(1).max(120),
    bodies: z.strictObject({ en: replyBody.default(''), 'zh-CN': replyBody.default('') }),
  })
  .refine((r) => r.bodies.en.trim() !== '' || r.bodies['zh-CN'].trim() !== '', { message: 'write the reply in at least one language', path: ['bodies'] });
export type CannedReplyCreate = z.input<typeof CannedReplyCreateSchema>;

export const CannedReplyUpdateSchema = z
  .strictObject({
    teamId: uuid.nullable().optional(),
    title: z.string().trim().min(1).max(120).optional(),
    bodies: z.strictObject({ en: replyBody, 'zh-CN': replyBody }).optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' })
  .refine((u) => u.bodies === undefined || u.bodies.en.trim() !== '' || u.bodies['zh-CN'].trim() !== '', { message: 'write the reply in at least one language', path: ['bodies'] });
export type CannedReplyUpdate = z.infer<typeof CannedReplyUpdateSchema>;

/**
 * `{{requester}}`, `{{device}}`, `{{ticket}}` and `{{technician}}` replaced by the ticket's values; an
 * unknown placeholder is left as written so a typo shows rather than vanishing.
 */
export function fillPlaceholders(body: string, values: Readonly<Record<CannedReplyPlaceholder, string>>): string {
  return body.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name: string) =>
    (CANNED_REPLY_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as CannedReplyPlaceholder] : whole,
  );
}

/* ───────────── notifications ───────────── */

const NotificationTicketSchema = z.strictObject({ id: uuid, number: z.number().int().positive(), subject: text(LIMITS.ticketSubject) });

/** One list for the technician: service levels missed on their tickets, and what requesters did on them. */
export const NotificationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: uuid,
    kind: z.literal('sla-breach'),
    ticket: NotificationTicketSchema,
    target: z.enum(SLA_TARGET_KINDS),
    dueAt: isoDateTime,
    createdAt: isoDateTime,
    readAt: maybeDateTime,
  }),
  z.strictObject({
    id: uuid,
    kind: z.enum(REQUESTER_NOTIFICATION_KINDS),
    ticket: NotificationTicketSchema,
    createdAt: isoDateTime,
    readAt: maybeDateTime,
  }),
]);
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationKind = Notification['kind'];

export const NotificationListSchema = z.strictObject({ items: z.array(NotificationSchema), unread: nonNegativeInt });
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationQuery = z.input<typeof NotificationQuerySchema>;

export const NotificationsReadSchema = z.strictObject({
  /** Omit to mark every notification read. */
  ids: z.array(uuid).min(1).max(200).optional(),
});
export type NotificationsRead = z.infer<typeof NotificationsReadSchema>;
