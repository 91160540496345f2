import { z } from 'zod';

import { LIMITS, nonNegativeInt } from '../limits.js';

/** Why a section holds what it holds. Empty data never means "unknown": the status says so. */
export const SECTION_STATUSES = ['ok', 'error', 'unsupported', 'permission-denied', 'timeout'] as const;
export const SectionStatusSchema = z.enum(SECTION_STATUSES);
export type SectionStatus = z.infer<typeof SectionStatusSchema>;

interface SectionEnvelope {
  status: SectionStatus;
  error?: string | undefined;
  data?: unknown;
}
// zod cannot see `data` through the generic below, so the rules read the envelope through this view.
const envelope = (s: object): SectionEnvelope => s as SectionEnvelope;

/**
 * Every section carries its own status, duration and error text beside its data, so one failing
 * collector costs only its own section and says why. `data` may be present with a non-ok status
 * when a collector got part of the way (e.g. Time Machine state without its protected plist).
 */
export const section = <T extends z.ZodType>(data: T) =>
  z
    .strictObject({
      status: SectionStatusSchema,
      durationMs: nonNegativeInt,
      error: z.string().max(LIMITS.mediumText).optional(),
      /** The OS permission that was missing, e.g. "Full Disk Access", so a technician can fix it. */
      missingPermission: z.string().max(LIMITS.shortText).optional(),
      data: data.nullable(),
    })
    .refine((s) => envelope(s).status !== 'ok' || (envelope(s).data ?? null) !== null, {
      message: 'a section with status "ok" must carry data',
      path: ['data'],
    })
    .refine((s) => envelope(s).status === 'ok' || (envelope(s).error ?? '').length > 0, {
      message: 'a section that is not "ok" must say why in "error"',
      path: ['error'],
    });

/** A section's envelope with its data left unchecked: for data already validated by its own schema. */
export const SectionEnvelopeSchema = section(z.unknown());
