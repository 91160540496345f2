import { z } from 'zod';

import { LIMITS, isoDateTime, maybeDateTime, nonNegativeInt, uuid } from './limits.js';

/**
 * A device's asset record (console API `devices/{id}/asset`, `assets/import`, `assets.csv`): who owns
 * the machine, where it is, when it was bought and until when it is under warranty, and where it is in
 * its life from delivery to disposal.
 */

/** In stock → in use ⇄ in repair → retired → disposed; a technician may move it to any of them. */
export const ASSET_STATUSES = ['in-stock', 'in-use', 'in-repair', 'retired', 'disposed'] as const;
export const AssetStatusSchema = z.enum(ASSET_STATUSES);
export type AssetStatus = z.infer<typeof AssetStatusSchema>;

/** Statuses of a machine out of service: its credential is revoked and it leaves the health counts. */
export const OUT_OF_SERVICE_STATUSES: readonly AssetStatus[] = ['retired', 'disposed'];
export const isOutOfService = (s: AssetStatus): boolean => OUT_OF_SERVICE_STATUSES.includes(s);

/** A calendar day, `YYYY-MM-DD`, that exists (2026-02-30 does not). */
export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/** A free-text field of the record as sent: trimmed; empty clears it. */
const field = (max: number = LIMITS.shortText) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable();

/** The editable fields as stored and answered; `null` means not recorded. */
export const AssetFieldsSchema = z.strictObject({
  assetTag: z.string().max(128).nullable(),
  /** The person the machine is issued to (not only whoever signed in last). */
  owner: z.string().max(LIMITS.shortText).nullable(),
  department: z.string().max(LIMITS.shortText).nullable(),
  location: z.string().max(LIMITS.shortText).nullable(),
  purchaseDate: CalendarDateSchema.nullable(),
  supplier: z.string().max(LIMITS.shortText).nullable(),
  warrantyEnd: CalendarDateSchema.nullable(),
  notes: z.string().max(LIMITS.mediumText).nullable(),
});
export type AssetFields = z.infer<typeof AssetFieldsSchema>;

/** The same fields as a technician or an import sends them: text trimmed, an empty text clears the field. */
export const AssetFieldsInputSchema = z.strictObject({
  assetTag: field(128),
  owner: field(),
  department: field(),
  location: field(),
  purchaseDate: CalendarDateSchema.nullable(),
  supplier: field(),
  warrantyEnd: CalendarDateSchema.nullable(),
  notes: field(LIMITS.mediumText),
});
export const ASSET_FIELDS = ['assetTag', 'owner', 'department', 'location', 'purchaseDate', 'supplier', 'warrantyEnd', 'notes'] as const satisfies readonly (keyof AssetFields)[];
export type AssetField = (typeof ASSET_FIELDS)[number];

/** `PATCH devices/{id}/asset`: the fields given are changed, the others kept. */
export const AssetUpdateSchema = AssetFieldsInputSchema.partial().refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
export type AssetUpdate = z.input<typeof AssetUpdateSchema>;

/** `POST devices/{id}/asset/status`. */
export const AssetStatusChangeSchema = z.strictObject({
  status: AssetStatusSchema,
  reason: z.string().trim().max(LIMITS.mediumText).optional(),
});
export type AssetStatusChange = z.input<typeof AssetStatusChangeSchema>;

export const AssetStatusEventSchema = z.strictObject({
  id: uuid,
  at: isoDateTime,
  from: AssetStatusSchema.nullable(),
  to: AssetStatusSchema,
  /** A technician's display name, or `housekeeping` for the automatic retirement. */
  by: z.string().max(LIMITS.shortText),
  reason: z.string().max(LIMITS.mediumText).nullable(),
});
export type AssetStatusEvent = z.infer<typeof AssetStatusEventSchema>;

export const AssetViewSchema = z.strictObject({
  fields: AssetFieldsSchema,
  status: AssetStatusSchema,
  statusAt: maybeDateTime,
  /** When the device was flagged as not seen for the configured days; null when it checks in. */
  staleSince: maybeDateTime,
  /** The last time the device reached the server after it was retired or disposed. */
  retiredContactAt: maybeDateTime,
  /** Newest first. */
  history: z.array(AssetStatusEventSchema),
});
export type AssetView = z.infer<typeof AssetViewSchema>;

/* ───────────── CSV import ───────────── */

/** Columns an import understands (header names, case-insensitive); `serial` or `hostname` finds the device. */
export const ASSET_CSV_COLUMNS = ['serial', 'hostname', 'asset_tag', 'owner', 'department', 'location', 'purchase_date', 'supplier', 'warranty_end', 'notes', 'status'] as const;
export type AssetCsvColumn = (typeof ASSET_CSV_COLUMNS)[number];

/** 2 MB of CSV is tens of thousands of rows, more than a purchase batch. */
export const ASSET_IMPORT_MAX_CHARS = 2_000_000;

export const AssetImportRequestSchema = z.strictObject({
  csv: z.string().min(1, 'the CSV is empty').max(ASSET_IMPORT_MAX_CHARS),
  /** True: check every row and report what would change, write nothing. */
  dryRun: z.boolean(),
});
export type AssetImportRequest = z.infer<typeof AssetImportRequestSchema>;

export const ASSET_IMPORT_ERROR_CODES = [
  'no-match-column',
  'unknown-column',
  'no-identifier',
  'device-not-found',
  'ambiguous-device',
  'duplicate-row',
  'invalid-value',
  'bad-row',
] as const;

export const AssetImportErrorSchema = z.strictObject({
  /** 1-based line of the CSV (the header is line 1). */
  line: nonNegativeInt,
  code: z.enum(ASSET_IMPORT_ERROR_CODES),
  column: z.string().max(LIMITS.shortText).nullable(),
  /** English detail; the console words the code in the reader's language. */
  message: z.string().max(LIMITS.mediumText),
});
export type AssetImportError = z.infer<typeof AssetImportErrorSchema>;

export const AssetImportChangeSchema = z.strictObject({
  line: nonNegativeInt,
  deviceId: uuid,
  hostname: z.string().max(LIMITS.shortText),
  /** The fields (and `status`) whose value the row changes. */
  changed: z.array(z.string().max(64)),
});
export type AssetImportChange = z.infer<typeof AssetImportChangeSchema>;

export const AssetImportReportSchema = z.strictObject({
  dryRun: z.boolean(),
  /** Whether the rows were written: never when any row has an error (nothing is half-imported). */
  applied: z.boolean(),
  rows: nonNegativeInt,
  changes: z.array(AssetImportChangeSchema),
  unchanged: nonNegativeInt,
  errors: z.array(AssetImportErrorSchema),
});
export type AssetImportReport = z.infer<typeof AssetImportReportSchema>;

/* ───────────── rules (admin settings) ───────────── */

export const FleetRulesSchema = z.strictObject({
  /** Devices not seen for this many days are flagged stale. */
  staleAfterDays: z.number().int().min(1).max(3650),
  /** Stale devices not seen for this many days are retired automatically; null never. */
  autoRetireAfterDays: z.number().int().min(1).max(3650).nullable(),
  /** Retired or disposed devices (without tickets) are deleted this many days after; null keeps them. */
  deleteRetiredAfterDays: z.number().int().min(1).max(3650).nullable(),
  /** A warranty ending within this many days is a finding. */
  warrantyWarningDays: z.number().int().min(1).max(3650),
  /** A restart pending for longer than this many days is a finding. */
  restartPendingDays: z.number().int().min(1).max(365).default(7),
  /** Security updates pending for longer than this many days are a finding. */
  securityUpdatesDays: z.number().int().min(1).max(365).default(14),
  /** A battery holding less than this percentage of its design capacity is a finding. */
  batteryHealthPercent: z.number().int().min(1).max(100).default(60),
  /** Any fixed volume with this percentage free or less is a finding. */
  lowDiskPercent: z.number().min(0).max(100).default(10),
});
export type FleetRules = z.infer<typeof FleetRulesSchema>;
export type FleetRulesInput = z.input<typeof FleetRulesSchema>;

export const DEFAULT_FLEET_RULES: FleetRules = {
  staleAfterDays: 30,
  autoRetireAfterDays: null,
  deleteRetiredAfterDays: null,
  warrantyWarningDays: 60,
  restartPendingDays: 7,
  securityUpdatesDays: 14,
  batteryHealthPercent: 60,
  lowDiskPercent: 10,
};

export const FleetRulesViewSchema = FleetRulesSchema.extend({ updatedAt: maybeDateTime, updatedBy: z.string().nullable() });
export type FleetRulesView = z.infer<typeof FleetRulesViewSchema>;

/** `PUT settings/fleet-rules`: automatic retirement comes after the stale flag, or it would retire unflagged devices. */
export const FleetRulesUpdateSchema = FleetRulesSchema.refine((r) => r.autoRetireAfterDays === null || r.autoRetireAfterDays > r.staleAfterDays, {
  message: 'autoRetireAfterDays must be greater than staleAfterDays',
  path: ['autoRetireAfterDays'],
});

/** `GET assets.csv`: every device's record, or only those with one status. */
export const AssetExportQuerySchema = z.strictObject({ assetStatus: AssetStatusSchema.optional() });

/* ───────────── fleet findings ───────────── */

/**
 * What is worth acting on across the fleet. Each is a device-list filter (`finding=`), a tile on Fleet
 * health with a 30-day trend, and a reason a device is on the "Needs attention" list.
 */
export const FLEET_FINDINGS = [
  'ip-conflict',
  'duplicate-hostname',
  'firewall-off',
  'disk-unencrypted',
  'restart-pending',
  'security-updates-pending',
  'battery-weak',
  'low-disk',
  'agent-behind',
  'warranty-ending',
  'not-seen',
  'retired-checking-in',
] as const;
export const FleetFindingSchema = z.enum(FLEET_FINDINGS);
export type FleetFinding = z.infer<typeof FleetFindingSchema>;

export const FindingCountsSchema = z.strictObject(Object.fromEntries(FLEET_FINDINGS.map((f) => [f, nonNegativeInt])) as Record<FleetFinding, typeof nonNegativeInt>);
export type FindingCounts = z.infer<typeof FindingCountsSchema>;

export const FleetFindingsSchema = z.strictObject({
  generatedAt: isoDateTime,
  counts: FindingCountsSchema,
  /** The newest agent version in the fleet: older ones are "behind". */
  latestAgentVersion: z.string().max(64).nullable(),
  rules: FleetRulesSchema,
  /** One entry per day, oldest first, from the daily snapshot (days without one are absent). */
  trend: z.array(z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), counts: FindingCountsSchema.partial() })),
});
export type FleetFindings = z.infer<typeof FleetFindingsSchema>;
