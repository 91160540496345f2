import { createHash } from 'node:crypto';

import type { Category } from '@deskside/shared';

/**
 * Fields that change on every run without anything having changed on the machine: they do not make a
 * section "changed" on their own (when the section is sent for another reason, it carries them fresh).
 */
const VOLATILE: Partial<Record<Category, readonly string[]>> = {
  system: ['uptimeSeconds'],
};

/** JSON with object keys sorted, so equal data always hashes equal whatever order a collector used. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** SHA-256 of what a section says about the machine: status, error and data, not how long it took. */
export function sectionHash(
  category: Category,
  section: { status: string; durationMs?: number; error?: string | undefined; missingPermission?: string | undefined; data: unknown },
): string {
  let data = section.data;
  const volatile = VOLATILE[category];
  if (volatile && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    data = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => !volatile.includes(k)));
  }
  const material = stableStringify({ status: section.status, error: section.error ?? null, missingPermission: section.missingPermission ?? null, data });
  return createHash('sha256').update(material).digest('hex');
}
