import { z } from 'zod';

import { AssetStatusSchema, CalendarDateSchema, FleetFindingSchema } from './asset-api.js';
import { DeviceTagSchema } from './device-api.js';
import { DiagnosticsSchema } from './diagnostics.js';
import { TeamChangeSchema, TeamRefSchema, TicketSlaSchema } from './helpdesk-api.js';
import { CategorySchema, DeviceIdentitySchema, SectionsSchema } from './inventory/document.js';
import { RemoteAccessDataSchema } from './inventory/remote-access.js';
import { PlatformSchema } from './inventory/system.js';
import { UserScopeEntriesSchema } from './inventory/user-scope.js';
import { LIMITS, isoDateTime, maybeDateTime, maybeNumber, maybeText, nonNegativeInt, sha256Hex, text, uuid } from './limits.js';
import { PushedSettingsSchema } from './settings.js';
import { TicketChannelSchema } from './ticket-channel.js';
import {
  ALLOWED_ATTACHMENT_TYPES,
  ContactSchema,
  ImpactSchema,
  PrioritySchema,
  TicketCategorySchema,
  TicketStatusSchema,
  UrgencySchema,
} from './ticket.js';

/**
 * The technician API (`/api/v1/console/...`) the web console speaks. Authentication is a session
 * cookie (HttpOnly, SameSite=Strict). Every request that changes something must also carry the
 * header below: a cross-site form cannot set it, so it closes CSRF even where SameSite is not honoured.
 */
export const CONSOLE_API_BASE = '/api/v1/console';
export const CONSOLE_SESSION_COOKIE = 'deskside_session';
export const CONSOLE_CSRF_HEADER = 'x-deskside-console';
export const CONSOLE_CSRF_VALUE = '1';

/** Query strings arrive as text: numbers are coerced and capped so a page can never be unbounded. */
const pageNumber = z.coerce.number().int().min(1).max(1_000_000).default(1);
const pageSize = (max = 200, fallback = 50) => z.coerce.number().int().min(1).max(max).default(fallback);
const sortOrder = z.enum(['asc', 'desc']).default('desc');
/** Search text from a box: trimmed, empty means "no search". */
const searchText = z
  .string()
  .max(LIMITS.shortText)
  .transform((s) => s.trim())
  .optional();

const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    total: nonNegativeInt,
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
  });

/* ───────────── technicians, login, session ───────────── */

export const ROLES = ['admin', 'technician'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
/** Sign-in names are case-insensitive: stored and compared lower-cased. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, 'user names are 2-64 characters: lower-case letters, digits and . _ @ -');
/** Long passphrases welcome; the cap only keeps the hash cost bounded. */
export const PasswordSchema = z.string().min(12, 'passwords have at least 12 characters').max(1024);

export const TechnicianSchema = z.strictObject({
  id: uuid,
  username: UsernameSchema,
  displayName: text(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: isoDateTime,
  lastLoginAt: maybeDateTime,
  /** Where their mail notifications go; null: no mail. Absent from older servers. */
  email: z.string().max(320).nullable().optional(),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const MeResponseSchema = z.strictObject({
  technician: TechnicianSchema,
  /** When the session ends; null for an API token that never expires. */
  sessionExpiresAt: maybeDateTime,
});
export type MeResponse = z.infer<typeof MeResponseSchema>;
/** Login answers with the same body as `GET me` and sets the session cookie. */
export const LoginResponseSchema = MeResponseSchema;
export type LoginResponse = MeResponse;

export const TechnicianListSchema = z.strictObject({ items: z.array(TechnicianSchema) });
export type TechnicianList = z.infer<typeof TechnicianListSchema>;

export const TechnicianCreateSchema = z.strictObject({
  username: UsernameSchema,
  displayName: text(),
  password: PasswordSchema,
  role: RoleSchema,
  email: z.email().max(320).nullable().optional(),
});
export type TechnicianCreate = z.infer<typeof TechnicianCreateSchema>;

export const TechnicianUpdateSchema = z
  .strictObject({
    displayName: text().optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    /** Setting a new password ends the technician's sessions. */
    password: PasswordSchema.optional(),
    /** null removes it. */
    email: z.email().max(320).nullable().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
export type TechnicianUpdate = z.infer<typeof TechnicianUpdateSchema>;

/* ───────────── devices ───────────── */

/** Antivirus at a glance: any product active and current → ok; any off → off; signatures old → outdated. */
export const AV_STATES = ['ok', 'off', 'outdated', 'unknown'] as const;
export const AvStateSchema = z.enum(AV_STATES);
export type AvState = z.infer<typeof AvStateSchema>;

/** Backup at a glance; `none` = no mechanism configured. */
export const DEVICE_BACKUP_STATES = ['ok', 'stale', 'failing', 'none', 'unknown'] as const;
export const DeviceBackupStateSchema = z.enum(DEVICE_BACKUP_STATES);
export type DeviceBackupState = z.infer<typeof DeviceBackupStateSchema>;

/** How a device stands with enrollment; merged duplicates leave no row of their own. */
export const DEVICE_ENROLL_STATES = ['active', 'pending', 'rejected'] as const;
export type DeviceEnrollState = (typeof DEVICE_ENROLL_STATES)[number];

/** Re-enrollments within 24 h from which a device's credential is said to flap (a cloned or fought-over identity). */
export const CREDENTIAL_FLAP_THRESHOLD = 3;

export const DEVICE_SORTS = ['hostname', 'lastSeen', 'enrolled', 'freeDisk', 'warrantyEnd'] as const;

export const DeviceListQuerySchema = z.strictObject({
  /** Matches host name, logged-in user, IP address, serial number or model. */
  q: searchText,
  platform: PlatformSchema.optional(),
  /** Installed software whose name contains this text. */
  software: searchText,
  av: AvStateSchema.optional(),
  backup: DeviceBackupStateSchema.optional(),
  /** Devices last seen before this instant (e.g. "not seen for 7 days"). */
  seenBefore: isoDateTime.optional(),
  seenAfter: isoDateTime.optional(),
  /** Devices with any volume whose free space is at or below this percentage. */
  maxFreeDiskPercent: z.coerce.number().min(0).max(100).optional(),
  /** Devices whose installer tag is exactly this (a site or department). */
  tag: DeviceTagSchema.optional(),
  assetStatus: AssetStatusSchema.optional(),
  /** Exact department or location of the asset record (case-insensitive). */
  department: searchText,
  location: searchText,
  /** Devices whose owner contains this text. */
  owner: searchText,
  /** Devices flagged as not seen for the configured days. */
  stale: z.enum(['true']).optional(),
  /** Devices whose warranty ends on or before this day. */
  warrantyEndsBefore: CalendarDateSchema.optional(),
  /** Devices with this fleet finding (thresholds from the fleet rules). */
  finding: FleetFindingSchema.optional(),
  sort: z.enum(DEVICE_SORTS).default('hostname'),
  order: sortOrder,
  page: pageNumber,
  pageSize: pageSize(),
});
export type DeviceListQuery = z.input<typeof DeviceListQuerySchema>;

export const DeviceSummarySchema = z.strictObject({
  id: uuid,
  hostname: text(),
  platform: PlatformSchema,
  osName: maybeText(),
  osVersion: maybeText(),
  /** The address the server saw at the last check-in. */
  ip: maybeText(64),
  loggedInUser: maybeText(),
  manufacturer: maybeText(),
  model: maybeText(),
  serial: maybeText(),
  agentVersion: text(64),
  av: AvStateSchema,
  backup: DeviceBackupStateSchema,
  /** Lowest free-space percentage over the device's fixed volumes. */
  minFreeDiskPercent: maybeNumber,
  lastSeenAt: isoDateTime,
  enrolledAt: isoDateTime,
  inventoryAt: maybeDateTime,
  openTickets: nonNegativeInt,
  /** The installer's tag as last reported by the agent; null when none was recorded. */
  tag: DeviceTagSchema.nullable(),
  /** `pending`: a duplicate suspect awaiting an administrator; `rejected`: refused, its credential revoked. */
  enrollState: z.enum(DEVICE_ENROLL_STATES),
  /** For a pending device: the enrolled device whose hardware identifiers it repeats. */
  resemblesDeviceId: uuid.nullable(),
  /** Whether the device proved a device key (devices enrolled before keys existed bind one at check-in). */
  keyBound: z.boolean(),
  /** Re-enrollments and key recoveries in the last 24 hours; CREDENTIAL_FLAP_THRESHOLD or more is a problem. */
  credentialFlaps: nonNegativeInt,
  assetTag: maybeText(128),
  owner: maybeText(),
  department: maybeText(),
  location: maybeText(),
  warrantyEnd: CalendarDateSchema.nullable(),
  assetStatus: AssetStatusSchema,
  /** When the device was flagged as not seen for the configured days. */
  staleSince: maybeDateTime,
  /** Firewall and system-disk encryption at a glance; unknown is never shown as off. */
  firewall: z.enum(['on', 'off', 'unknown']),
  encryption: z.enum(['on', 'off', 'unknown']),
});
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;

export const DevicePageSchema = pageOf(DeviceSummarySchema);
export type DevicePage = z.infer<typeof DevicePageSchema>;

/** `GET fleet/needs-attention`: devices with at least one fleet finding, each with all of its findings. */
export const NeedsAttentionQuerySchema = z.strictObject({ page: pageNumber, pageSize: pageSize(200, 50) });
export type NeedsAttentionQuery = z.input<typeof NeedsAttentionQuerySchema>;
export const NeedsAttentionPageSchema = pageOf(z.strictObject({ device: DeviceSummarySchema, findings: z.array(FleetFindingSchema).min(1) }));
export type NeedsAttentionPage = z.infer<typeof NeedsAttentionPageSchema>;

/** A pending enrollment beside the device it resembles (null when that one is gone). */
export const PendingDeviceSchema = z.strictObject({
  device: DeviceSummarySchema,
  resembles: DeviceSummarySchema.nullable(),
  /** Which identifiers repeat the resembled device's. */
  matchedOn: z.array(z.enum(['hardwareUuid', 'serial'])),
});
export type PendingDevice = z.infer<typeof PendingDeviceSchema>;

export const PendingDeviceListSchema = z.strictObject({ items: z.array(PendingDeviceSchema) });
export type PendingDeviceList = z.infer<typeof PendingDeviceListSchema>;

/** What an administrator may decide for a pending device (`POST enrollments/{id}/<decision>`). */
export const PENDING_DECISIONS = ['approve', 'merge', 'reject'] as const;
export type PendingDecision = (typeof PENDING_DECISIONS)[number];

/** The device that remains after the decision (the resembled one after a merge). */
export const PendingDecisionResultSchema = z.strictObject({ device: DeviceSummarySchema });
export type PendingDecisionResult = z.infer<typeof PendingDecisionResultSchema>;

export const HISTORY_KINDS = [
  'software-installed',
  'software-removed',
  'software-updated',
  'hardware-changed',
  'ip-changed',
  'protection-changed',
  'remote-access-changed',
] as const;
export const HistoryKindSchema = z.enum(HISTORY_KINDS);
export type HistoryKind = z.infer<typeof HistoryKindSchema>;

/** One change between two inventories of a device. `before`/`after` are short human-readable values. */
export const HistoryEntrySchema = z.strictObject({
  id: uuid,
  at: isoDateTime,
  kind: HistoryKindSchema,
  category: CategorySchema,
  /** What changed: a package name, "memory", "eth0", "antivirus: Defender", … */
  subject: text(512),
  before: maybeText(LIMITS.mediumText),
  after: maybeText(LIMITS.mediumText),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryQuerySchema = z.strictObject({
  kind: HistoryKindSchema.optional(),
  page: pageNumber,
  pageSize: pageSize(500, 100),
});
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const HistoryPageSchema = pageOf(HistoryEntrySchema);
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const DeviceDetailSchema = z.strictObject({
  device: DeviceSummarySchema,
  identity: DeviceIdentitySchema,
  /** Set when the server asked the agent for a full inventory at its next check-in. */
  fullInventoryRequested: z.boolean(),
  outboxItems: maybeNumber,
  inventory: z
    .strictObject({
      collectedAt: isoDateTime,
      receivedAt: isoDateTime,
      agentVersion: text(64),
      /** Latest section of every category, partial uploads merged in. */
      sections: SectionsSchema,
      /** When each category was last replaced. */
      sectionUpdatedAt: z.partialRecord(CategorySchema, isoDateTime),
      /** Each signed-in user's own sections, newest collection first; their age is their `collectedAt`. */
      users: UserScopeEntriesSchema.default([]),
    })
    .nullable(),
  /** The most recent changes, newest first (the full list is paged by the history route). */
  recentHistory: z.array(HistoryEntrySchema),
});
export type DeviceDetail = z.infer<typeof DeviceDetailSchema>;

/* ───────────── tickets ───────────── */

export const TICKET_SORTS = ['updated', 'created', 'priority', 'number', 'status', 'due'] as const;
/** `overdue`: a running target is past due; `soon`: one falls due within SLA_SOON_MS; `breached`: a breach is recorded. */
export const TICKET_DUE_FILTERS = ['overdue', 'soon', 'breached'] as const;

/** Comma-separated list in a query string → array of enum values. */
const csvOf = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(LIMITS.shortText)
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v.length > 0))
    .pipe(z.array(item).max(16))
    .optional();

export const TicketListQuerySchema = z.strictObject({
  /** e.g. `new,open,waiting-on-user` */
  status: csvOf(TicketStatusSchema),
  priority: csvOf(PrioritySchema),
  category: TicketCategorySchema.optional(),
  /** A technician id, `me`, or `none` for unassigned. */
  assignee: z.union([uuid, z.literal('me'), z.literal('none')]).optional(),
  deviceId: uuid.optional(),
  /** A team id, `mine` for the teams the technician belongs to, or `none` for tickets without a team. */
  team: z.union([uuid, z.literal('mine'), z.literal('none')]).optional(),
  due: z.enum(TICKET_DUE_FILTERS).optional(),
  /** Matches subject, description, ticket number and requester. */
  q: searchText,
  /** Tickets opened at or after this instant. */
  openedFrom: isoDateTime.optional(),
  /** Tickets opened before this instant (exclusive, so consecutive days never overlap). */
  openedTo: isoDateTime.optional(),
  /** Tickets resolved or closed at or after this instant. */
  resolvedFrom: isoDateTime.optional(),
  /** Tickets resolved or closed before this instant (exclusive). */
  resolvedTo: isoDateTime.optional(),
  /** e.g. `phone,walk-up` */
  channel: csvOf(TicketChannelSchema),
  /** `true`: only tickets the requester answered since a technician last replied. */
  requesterReplied: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(TICKET_SORTS).default('updated'),
  order: sortOrder,
  page: pageNumber,
  pageSize: pageSize(),
});
export type TicketListQuery = z.input<typeof TicketListQuerySchema>;

export const TechnicianRefSchema = z.strictObject({ id: uuid, displayName: text() });
export type TechnicianRef = z.infer<typeof TechnicianRefSchema>;

export const TicketSummarySchema = z.strictObject({
  id: uuid,
  number: z.number().int().positive(),
  subject: text(LIMITS.ticketSubject),
  status: TicketStatusSchema,
  /** Effective priority: the override when set, else urgency × impact. */
  priority: PrioritySchema,
  computedPriority: PrioritySchema,
  priorityOverridden: z.boolean(),
  urgency: UrgencySchema,
  impact: ImpactSchema,
  category: TicketCategorySchema,
  /** Null for a ticket no device is linked to (a mail from an address no device is known for). */
  device: z.strictObject({ id: uuid, hostname: text() }).nullable(),
  requester: maybeText(),
  assignee: TechnicianRefSchema.nullable(),
  team: TeamRefSchema.nullable(),
  sla: TicketSlaSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  messageCount: nonNegativeInt,
  attachmentCount: nonNegativeInt,
  /** How the request came in (absent: tray). */
  channel: TicketChannelSchema.optional(),
  /** The requester wrote since a technician last answered publicly: the queue marks it. */
  requesterRepliedAt: maybeDateTime.optional(),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

export const TicketStatusCountsSchema = z.strictObject({
  new: nonNegativeInt,
  open: nonNegativeInt,
  'waiting-on-user': nonNegativeInt,
  resolved: nonNegativeInt,
  closed: nonNegativeInt,
});
export type TicketStatusCounts = z.infer<typeof TicketStatusCountsSchema>;

export const TicketPageSchema = pageOf(TicketSummarySchema).extend({
  /** Counts per status over every ticket matching the other filters (the status filter ignored). */
  counts: TicketStatusCountsSchema,
});
export type TicketPage = z.infer<typeof TicketPageSchema>;

export const AttachmentInfoSchema = z.strictObject({
  id: uuid,
  name: text(255),
  type: z.enum(ALLOWED_ATTACHMENT_TYPES),
  size: nonNegativeInt,
  sha256: sha256Hex,
  role: z.enum(['screenshot', 'file']),
  /** Same-origin path; the response is always a download, never rendered inline. */
  downloadUrl: text(1024),
  /** The technician's reply or note that sent it; null for the requester's own files. */
  messageId: uuid.nullable().optional(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfoSchema>;

/** Answer to uploading files for a reply: send their ids with the message (`attachmentIds`). */
export const AttachmentUploadResultSchema = z.strictObject({
  attachments: z.array(AttachmentInfoSchema).max(LIMITS.attachments),
});
export type AttachmentUploadResult = z.infer<typeof AttachmentUploadResultSchema>;

export const MESSAGE_VISIBILITIES = ['public', 'internal'] as const;

export const ConsoleMessageSchema = z.strictObject({
  id: uuid,
  /** Internal notes are for technicians only and never reach the device. */
  visibility: z.enum(MESSAGE_VISIBILITIES),
  author: z.enum(['user', 'technician']),
  authorName: maybeText(),
  technicianId: uuid.nullable(),
  body: text(LIMITS.longText),
  createdAt: isoDateTime,
});
export type ConsoleMessage = z.infer<typeof ConsoleMessageSchema>;

export const AUDIT_TARGETS = ['ticket', 'device', 'technician', 'enroll-secret', 'settings', 'session', 'team', 'routing', 'sla-policy', 'canned-reply', 'article', 'kb-synonym', 'webhook', 'connector', 'api-token'] as const;
export const AuditTargetSchema = z.enum(AUDIT_TARGETS);
export type AuditTarget = z.infer<typeof AuditTargetSchema>;

export const AuditEntrySchema = z.strictObject({
  id: uuid,
  at: isoDateTime,
  actor: z.strictObject({
    kind: z.enum(['technician', 'device', 'system']),
    id: z.string().max(64).nullable(),
    name: maybeText(),
  }),
  /** Dotted verb, e.g. `ticket.status`, `ticket.reply`, `technician.create`, `session.login-failed`. */
  action: text(64),
  target: z.strictObject({ kind: AuditTargetSchema, id: z.string().max(64).nullable() }),
  /** Before/after values and other context; never secrets. */
  details: z.record(z.string(), z.json()),
  ip: maybeText(64),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const TicketDetailSchema = z.strictObject({
  ticket: TicketSummarySchema,
  description: z.string().max(LIMITS.ticketDescription),
  contact: ContactSchema,
  /** The OS account the device's agent service verified as the requester (uid or SID, name), or the one a technician named (id null); null when unknown. */
  requesterAccount: z.strictObject({ id: z.string().max(184).nullable(), name: z.string().max(256) }).nullable(),
  locale: maybeText(35),
  /** When the user filed it on the device (createdAt is when the server received it). */
  submittedAt: isoDateTime,
  diagnostics: DiagnosticsSchema.nullable(),
  attachments: z.array(AttachmentInfoSchema),
  messages: z.array(ConsoleMessageSchema),
  activity: z.array(AuditEntrySchema),
  /** Every team the ticket was routed or transferred to, oldest first. */
  teamHistory: z.array(TeamChangeSchema),
  /** How to reach the ticket's device remotely, from its latest inventory; null when it never reported the section. */
  remoteAccess: z.strictObject({ collectedAt: isoDateTime, data: RemoteAccessDataSchema }).nullable().optional(),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

export const TicketUpdateRequestSchema = z
  .strictObject({
    status: TicketStatusSchema.optional(),
    /** `null` unassigns. */
    assigneeId: uuid.nullable().optional(),
    /** `null` returns to the computed priority. */
    priorityOverride: PrioritySchema.nullable().optional(),
  })
  .refine((u) => u.status !== undefined || u.assigneeId !== undefined || u.priorityOverride !== undefined, {
    message: 'nothing to update',
  });
export type TicketUpdateRequest = z.infer<typeof TicketUpdateRequestSchema>;

export const MessageCreateSchema = z.strictObject({
  body: text(LIMITS.longText),
  visibility: z.enum(MESSAGE_VISIBILITIES),
  /** Optionally move the ticket in the same step (e.g. reply and set "waiting on user"). */
  status: TicketStatusSchema.optional(),
  /** Files uploaded with `POST tickets/{id}/attachments`, sent with this message. */
  attachmentIds: z.array(uuid).max(LIMITS.attachments).optional(),
});
export type MessageCreate = z.infer<typeof MessageCreateSchema>;

/* ───────────── audit log ───────────── */

export const AuditQuerySchema = z.strictObject({
  targetKind: AuditTargetSchema.optional(),
  targetId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  since: isoDateTime.optional(),
  page: pageNumber,
  pageSize: pageSize(500, 100),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;

/* ───────────── enrollment secrets ───────────── */

export const ENROLL_SECRET_STATES = ['active', 'expired', 'revoked', 'used-up'] as const;

export const EnrollSecretSchema = z.strictObject({
  id: uuid,
  label: text(),
  /** First characters of the secret, so an admin can tell which one a machine was given. */
  prefix: text(16),
  state: z.enum(ENROLL_SECRET_STATES),
  createdAt: isoDateTime,
  createdBy: maybeText(),
  expiresAt: maybeDateTime,
  revokedAt: maybeDateTime,
  maxUses: z.number().int().positive().nullable(),
  uses: nonNegativeInt,
  lastUsedAt: maybeDateTime,
});
export type EnrollSecret = z.infer<typeof EnrollSecretSchema>;

export const EnrollSecretListSchema = z.strictObject({ items: z.array(EnrollSecretSchema) });
export type EnrollSecretList = z.infer<typeof EnrollSecretListSchema>;

export const EnrollSecretCreateSchema = z.strictObject({
  label: text(),
  /** Omit for a secret that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  maxUses: z.number().int().min(1).max(1_000_000).optional(),
});
export type EnrollSecretCreate = z.infer<typeof EnrollSecretCreateSchema>;

export const EnrollSecretCreatedSchema = z.strictObject({
  secret: EnrollSecretSchema,
  /** The secret itself, shown this once; the server keeps only its hash. */
  value: text(512),
});
export type EnrollSecretCreated = z.infer<typeof EnrollSecretCreatedSchema>;

/* ───────────── fleet settings ───────────── */

export const FleetSettingsSchema = z.strictObject({
  settings: PushedSettingsSchema,
  updatedAt: maybeDateTime,
  updatedBy: maybeText(),
});
export type FleetSettings = z.infer<typeof FleetSettingsSchema>;

/* ───────────── dashboard ───────────── */

export const DashboardSchema = z.strictObject({
  generatedAt: isoDateTime,
  devices: z.strictObject({
    total: nonNegativeInt,
    byPlatform: z.strictObject({ win32: nonNegativeInt, darwin: nonNegativeInt, linux: nonNegativeInt }),
    /** Counts by OS name and version, largest first (top 20). */
    byOs: z.array(z.strictObject({ osName: maybeText(), osVersion: maybeText(), count: nonNegativeInt })),
    antivirus: z.strictObject({ ok: nonNegativeInt, off: nonNegativeInt, outdated: nonNegativeInt, unknown: nonNegativeInt }),
    backup: z.strictObject({
      ok: nonNegativeInt,
      stale: nonNegativeInt,
      failing: nonNegativeInt,
      none: nonNegativeInt,
      unknown: nonNegativeInt,
    }),
    /** Devices with a volume more than 90 % full. */
    diskOver90Percent: nonNegativeInt,
    notSeen7Days: nonNegativeInt,
    seenLast24Hours: nonNegativeInt,
  }),
  tickets: z.strictObject({
    byStatus: TicketStatusCountsSchema,
    unassignedOpen: nonNegativeInt,
    /** One entry per UTC day, oldest first, covering `days` days up to today. */
    perDay: z.array(z.strictObject({ date: z.iso.date(), opened: nonNegativeInt, resolved: nonNegativeInt })),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).default(30),
});
export type DashboardQuery = z.input<typeof DashboardQuerySchema>;

/** What the server answers to `GET /api/v1/console/ping` style probes and on success without a body. */
export const OkResponseSchema = z.strictObject({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponseSchema>;

/** Everything routes accept as a path id. */
export const IdParamsSchema = z.strictObject({ id: uuid });
export const TicketAttachmentParamsSchema = z.strictObject({ id: uuid, attachmentId: uuid });
