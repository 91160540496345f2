/** Raised when a tool's output is not the format the parser was written for. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

/**
 * ConvertTo-Json writes a one-element array as a bare object and nothing at all for no results, so
 * every PowerShell answer is read through this: empty → [], object → [object], array → array.
 */
export function parsePowerShellList(output: string, what: string): unknown[] {
  const text = output.replace(/^\uFEFF/u, '').trim();
  if (text === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ParseError(`${what}: PowerShell output is not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
  }
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** One PowerShell object as a record, or null when it is not an object. */
export const asRecord = (v: unknown): Readonly<Record<string, unknown>> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * Windows PowerShell 5.1 serialises DateTime as "/Date(1610668800000)/"; PowerShell 7 as ISO 8601.
 * Both come back as a Date, anything else as null.
 */
export function powershellDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const legacy = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/u.exec(value);
  const date = legacy?.[1] !== undefined ? new Date(Number(legacy[1])) : /^\d{4}-\d{2}-\d{2}/u.test(value) ? new Date(value) : null;
  return date !== null && !Number.isNaN(date.getTime()) ? date : null;
}
