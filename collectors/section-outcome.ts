import type { AnySection, Category } from '@deskside/shared/inventory';
import { LIMITS, SECTION_DATA_SCHEMAS } from '@deskside/shared/inventory';
import type { z } from 'zod';

import { normalizeStrings } from './normalize.js';
import { CommandAbortedError, CommandNotFoundError, CommandTimeoutError, SectionError } from './types.js';

/** A section envelope before its data's type is known: machine categories and user-scope sections share it. */
export interface Envelope {
  readonly status: AnySection['status'];
  readonly durationMs: number;
  readonly error?: string;
  readonly missingPermission?: string;
  readonly data: unknown;
}

/** Data checked against its schema (strings in NFC), or an `error` envelope saying why it was refused. */
export function envelopeFromData(schema: z.ZodType, data: unknown, durationMs: number): Envelope {
  const parsed = schema.safeParse(normalizeStrings(data));
  if (parsed.success) return { status: 'ok', durationMs, data: parsed.data };
  return { status: 'error', durationMs, error: clip(`collector returned invalid data: ${describeIssues(parsed.error)}`), data: null };
}

/** The honest status for a failure: SectionError's own, unsupported, timeout, permission-denied or error. */
export function envelopeFromFailure(schema: z.ZodType, error: unknown, durationMs: number): Envelope {
  if (error instanceof SectionError) {
    const partial = error.partialData === undefined ? null : schema.safeParse(normalizeStrings(error.partialData));
    return {
      status: error.status,
      durationMs,
      error: clip(error.message || error.status),
      ...(error.missingPermission ? { missingPermission: error.missingPermission.slice(0, LIMITS.shortText) } : {}),
      data: partial?.success ? partial.data : null,
    };
  }
  if (error instanceof CommandNotFoundError) return { status: 'unsupported', durationMs, error: clip(error.message), data: null };
  if (error instanceof CommandTimeoutError || error instanceof CommandAbortedError) {
    return { status: 'timeout', durationMs, error: clip(error.message), data: null };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return { status: 'permission-denied', durationMs, error: clip(messageOf(error)), data: null };
  }
  return { status: 'error', durationMs, error: clip(messageOf(error)), data: null };
}

/** Turns a collector's result or failure into its section envelope; never throws. */
export function sectionFromData(category: Category, data: unknown, durationMs: number): AnySection {
  return envelopeFromData(SECTION_DATA_SCHEMAS[category], data, durationMs) as AnySection;
}

export function sectionFromFailure(category: Category, error: unknown, durationMs: number): AnySection {
  return envelopeFromFailure(SECTION_DATA_SCHEMAS[category], error, durationMs) as AnySection;
}

export function describeIssues(error: z.ZodError, max = 3): string {
  const issues = error.issues.slice(0, max).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return issues.join('; ') + more;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error) || 'unknown failure';
}

function clip(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim() || 'unknown failure';
  return oneLine.length > LIMITS.mediumText ? `${oneLine.slice(0, LIMITS.mediumText - 1)}…` : oneLine;
}
