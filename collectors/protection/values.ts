/**
 * Reading loosely typed values (PowerShell JSON, `Format-List` text, CLI JSON) into true/false/null,
 * numbers and strings. Anything unrecognised becomes null: unknown is never reported as "off".
 */

export type LooseRecord = Readonly<Record<string, unknown>>;

/** Lower-cases keys so JSON (`AntivirusEnabled`) and text (`antivirusenabled`) read the same way. */
export function lowerKeys(record: unknown): LooseRecord {
  if (record == null || typeof record !== 'object' || Array.isArray(record)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key.toLowerCase()] = value;
  return out;
}

export function looseBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true' || word === '1') return true;
    if (word === 'false' || word === '0') return false;
  }
  return null;
}

export function looseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

export function looseText(value: unknown, max = 256): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

/** JSON arrays, single objects (ConvertTo-Json unwraps one-element arrays) or nothing, as a list. */
export function asList(value: unknown): readonly unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Parses JSON text that a tool printed; a clear error (not a crash) when it is not JSON. */
export function parseJsonText(text: string, what: string): unknown {
  const cleaned = text.replace(/^\uFEFF/, '').trim();
  if (cleaned === '') throw new Error(`${what} printed nothing`);
  try {
    return JSON.parse(cleaned) as unknown;
  } catch (error) {
    throw new Error(`${what} did not print JSON: ${(error as Error).message}`, { cause: error });
  }
}
