import { LIMITS } from '@deskside/shared/inventory';

/**
 * Coercions shared by parsers. Sources disagree on types (wmic prints everything as text, PowerShell
 * JSON gives numbers, system_profiler mixes both), so parsers read every field through these.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { readonly [key: string]: unknown };

/** ConvertTo-Json turns a one-element array into a bare object and an empty one into nothing. */
export function asArray(value: unknown): JsonObject[] {
  if (value === null || value === undefined || value === '') return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is JsonObject => item !== null && typeof item === 'object' && !Array.isArray(item));
}

export function asObject(value: unknown): JsonObject | null {
  if (Array.isArray(value)) return asObject(value[0]);
  return value !== null && typeof value === 'object' ? (value as JsonObject) : null;
}

/** Trimmed text, or null when absent, empty or a placeholder firmware vendors leave in empty fields. */
export function str(value: unknown, max: number = LIMITS.shortText): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return null;
  // eslint-disable-next-line no-control-regex
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '' || PLACEHOLDERS.has(text.toLowerCase()) || /^0+$/.test(text)) return null;
  return text.length > max ? text.slice(0, max) : text;
}

/** Values firmware and drivers print when they have nothing to say; they are unknown, not data. */
const PLACEHOLDERS = new Set([
  '-',
  'n/a',
  'na',
  'none',
  'null',
  'unknown',
  'not specified',
  'not available',
  'not applicable',
  'to be filled by o.e.m.',
  'to be filled by o.e.m',
  'default string',
  'system serial number',
  'system product name',
  'system manufacturer',
  'system version',
  'not defined',
  'base board serial number',
  'chassis serial number',
  'o.e.m.',
  'oem',
  '0',
  '00000000',
  '0000000000000000',
  '123456789',
  '<unknown>',
]);

/** Like str() but keeps the raw text: for names where "0" or "None" may be real. */
export function rawText(value: unknown, max: number = LIMITS.shortText): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (text === '') return null;
  return text.length > max ? text.slice(0, max) : text;
}

/** A finite number from a number or numeric text ("2,4" decimal commas included), else null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A non-negative integer or null (zero allowed). */
export function count(value: unknown): number | null {
  const n = num(value);
  return n === null || n < 0 ? null : Math.round(n);
}

/** A positive integer or null: for sizes and speeds where 0 means "not reported". */
export function positive(value: unknown): number | null {
  const n = count(value);
  return n === null || n === 0 ? null : n;
}

/** true/false from booleans, "TRUE"/"yes"/"1" style text; null when unknown. */
export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return null;
  switch (value.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case '1':
    case 'on':
    case 'spdisplays_yes':
    case 'spdisplays_supported':
      return true;
    case 'false':
    case 'no':
    case '0':
    case 'off':
    case 'spdisplays_no':
      return false;
    default:
      return null;
  }
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Upper-case identifiers (UUIDs) keep one spelling whatever the source. */
export function upper(value: string | null): string | null {
  return value === null ? null : value.toUpperCase();
}
