import { z } from 'zod';

import { SectionStatusSchema } from './inventory/section.js';
import { LIMITS, isoDateTime, list, maybeText, nonNegativeInt, text } from './limits.js';

/**
 * Diagnostics gathered at the moment a user reports a problem. Each item has its own status and time
 * limit and can be left out by the user before sending. Item data is free-form JSON (each item's shape
 * is defined by the agent's diagnostics module and rendered by the console), capped in size.
 */
export const DIAGNOSTIC_ITEMS = [
  'network',
  'disks',
  'memory',
  'processes',
  'uptime',
  'pending-reboot',
  'recent-errors',
  'inventory-summary',
  'protection-summary',
  /**
   * The ticket author's own user-scope report (proxy, OneDrive, File History, Déjà Dup), added by the
   * service from what that user's session collected: the service cannot see these itself.
   */
  'user-scope',
] as const;
export const DiagnosticItemIdSchema = z.enum(DIAGNOSTIC_ITEMS);
export type DiagnosticItemId = z.infer<typeof DiagnosticItemIdSchema>;

/** Serialized size cap for one item's data: keeps a runaway event log from swamping a ticket. */
export const DIAGNOSTIC_ITEM_MAX_BYTES = 64 * 1024;

const JsonValueSchema: z.ZodType<unknown> = z.json();

export const DiagnosticItemSchema = z.strictObject({
  id: DiagnosticItemIdSchema,
  status: SectionStatusSchema,
  durationMs: nonNegativeInt,
  error: z.string().max(LIMITS.mediumText).optional(),
  /** One line a human reads first, e.g. "Gateway 192.168.1.1 reachable, DNS ok, server 42 ms". */
  summary: maybeText(LIMITS.mediumText),
  data: JsonValueSchema.refine((v) => JSON.stringify(v ?? null).length <= DIAGNOSTIC_ITEM_MAX_BYTES, {
    message: `diagnostic item data must serialize to at most ${DIAGNOSTIC_ITEM_MAX_BYTES} bytes`,
  }),
  /** What the size cap cut, so the reader knows the data is incomplete. */
  truncated: maybeText(LIMITS.mediumText),
});
export type DiagnosticItem = z.infer<typeof DiagnosticItemSchema>;

export const DiagnosticsSchema = z.strictObject({
  collectedAt: isoDateTime,
  items: list(DiagnosticItemSchema, DIAGNOSTIC_ITEMS.length),
  /** How many secret-looking values the redaction pass replaced. */
  redactions: nonNegativeInt,
  /** Items the user unticked: named so the technician knows they were withheld, content never sent. */
  omitted: list(DiagnosticItemIdSchema, DIAGNOSTIC_ITEMS.length),
  /** Items the organisation's policy turned off (a disabled category, runningProgramsAllowed, recentErrorsAllowed). */
  withheld: list(DiagnosticItemIdSchema, DIAGNOSTIC_ITEMS.length).optional(),
  agentVersion: text(64),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;
