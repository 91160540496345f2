/**
 * Date forms Windows sources use. PowerShell 5.1's ConvertTo-Json writes DateTime as "\/Date(ms)\/",
 * wmic and raw CIM as "yyyymmddHHMMSS.ffffff+UUU" (minutes east of UTC); our scripts emit ISO 8601.
 * All return an ISO string with offset, or null.
 */
export function parseWindowsDate(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : null;
  if (value !== null && typeof value === 'object' && 'value' in value) return parseWindowsDate((value as { value: unknown }).value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(text);
  if (ms) return validIso(new Date(Number(ms[1])));
  const cim = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/.exec(text);
  if (cim) {
    const [, y, mo, d, h, mi, s, , sign, offset] = cim;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const shift = (sign === '-' ? -1 : 1) * Number(offset) * 60_000;
    return validIso(new Date(utc - shift));
  }
  const cimDateOnly = /^(\d{4})(\d{2})(\d{2})(\*{6}|0{6})?\.?/.exec(text);
  if (cimDateOnly && text.length >= 8 && /^\d{8}/.test(text) && !text.includes('-')) {
    return validIso(new Date(Date.UTC(Number(cimDateOnly[1]), Number(cimDateOnly[2]) - 1, Number(cimDateOnly[3]))));
  }
  return parseIsoDate(text);
}

/** ISO 8601 with an offset or Z. Text without an offset is refused: its zone is unknown. */
export function parseIsoDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  return validIso(new Date(text));
}

/** A calendar date only (firmware release dates): YYYY-MM-DD from CIM, ISO or MM/DD/YYYY text. */
export function parseCalendarDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const cim = /^(\d{4})(\d{2})(\d{2})/.exec(text);
  if (cim && !text.includes('/')) return `${cim[1]}-${cim[2]}-${cim[3]}`;
  // SMBIOS prints MM/DD/YYYY whatever the OS language.
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
  const ms = /^\/Date\((-?\d+)\)\/$/.exec(text);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  return null;
}

function validIso(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
