/**
 * Text clean-up shared by the software parsers. Sources hand us padded, NUL-terminated, decomposed
 * (macOS NFD) or over-long strings; the wire schema wants NFC, trimmed, capped, and null for "none".
 */
export function cleanText(value: unknown, max = 256): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  // Registry values written by C installers sometimes keep their terminating NUL.
  const text = value.replace(/\0+$/u, '').trim().normalize('NFC');
  if (text.length === 0) return null;
  return text.length > max ? text.slice(0, max) : text;
}

/** A non-negative whole number from a number or numeric string, else null. */
export function cleanCount(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/u.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD if the parts form a real calendar date, else null. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1980 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A Unix time in seconds as a UTC ISO timestamp (the precision the source gives), else null. */
export function epochSecondsToIso(value: unknown): string | null {
  const seconds = cleanCount(value);
  if (seconds === null || seconds === 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace('.000Z', 'Z');
}

/** A Date (from a plist) or ISO string as a UTC ISO timestamp without milliseconds, else null. */
export function dateToIso(value: unknown): string | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('.000Z', 'Z');
}
