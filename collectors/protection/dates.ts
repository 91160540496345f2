/**
 * Date handling shared by the protection parsers. Sources disagree wildly on how they write time
 * (epoch ms, FILETIME, .NET JSON dates, zone-less local text), and several use sentinels for "never";
 * every helper here returns an ISO-8601 UTC string or null, never a made-up date.
 */

const MS_PER_DAY = 86_400_000;
/** Windows FILETIME counts 100 ns ticks from 1601-01-01; this is that epoch in Unix ms. */
const FILETIME_EPOCH_MS = -11_644_473_600_000;
/** Anything before 1990 is a sentinel ("never", FILETIME 0 shown in a local zone, …), not a real event. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);

export function isoFromMs(ms: number | null | undefined): string | null {
  if (ms == null || !Number.isFinite(ms) || ms < EARLIEST_PLAUSIBLE_MS) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoFromDate(date: Date | null | undefined): string | null {
  return date instanceof Date ? isoFromMs(date.getTime()) : null;
}

/** Parses a string that carries its own zone (ISO with Z/offset, RFC 1123 "… GMT"); null otherwise. */
export function isoFromZonedText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2}|\bGMT|\bUTC)$/i.test(trimmed);
  if (!hasZone) return null;
  return isoFromMs(Date.parse(trimmed.replace(/\s+UTC$/i, ' GMT')));
}

/** Epoch milliseconds written as a number or a string of digits (mdatp writes strings). */
export function isoFromEpochMsValue(value: unknown): string | null {
  if (typeof value === 'number') return isoFromMs(value);
  if (typeof value === 'string' && /^\d{1,16}$/.test(value.trim())) return isoFromMs(Number(value.trim()));
  return null;
}

export function isoFromEpochSeconds(seconds: number | null | undefined): string | null {
  return seconds == null ? null : isoFromMs(seconds * 1000);
}

/** Windows FILETIME (REG_QWORD or a decimal string); 0 and other sentinels are unknown. */
export function isoFromFileTime(value: number | bigint | string | null | undefined): string | null {
  if (value == null) return null;
  let ticks: bigint;
  try {
    ticks = BigInt(typeof value === 'number' ? Math.trunc(value) : value);
  } catch {
    return null;
  }
  if (ticks <= 0n) return null;
  return isoFromMs(Number(ticks / 10_000n) + FILETIME_EPOCH_MS);
}

/**
 * A zone-less local date-time ("2024-06-04 08:06:27", "2024-06-04T08:06:27") interpreted in a zone
 * `utcOffsetMinutes` east of UTC (the machine's own offset, passed in so parsers stay pure).
 */
export function isoFromLocalParts(
  parts: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  utcOffsetMinutes: number,
): string | null {
  const { year, month, day, hour = 0, minute = 0, second = 0 } = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day) return null;
  return isoFromMs(ms - utcOffsetMinutes * 60_000);
}

/** "YYYY-MM-DD[ T_]HH[:-]MM[:-]SS" in local time, as logs and snapshot folder names write it. */
export function isoFromLocalText(value: string, utcOffsetMinutes: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T_]+(\d{1,2})[:-](\d{2})(?:[:-](\d{2}))?)?/.exec(value.trim());
  if (!match) return null;
  return isoFromLocalParts(
    {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      hour: Number(match[4] ?? 0),
      minute: Number(match[5] ?? 0),
      second: Number(match[6] ?? 0),
    },
    utcOffsetMinutes,
  );
}

/**
 * PowerShell's culture-formatted date ("6/4/2024 8:06:27 AM", en-US month-first), as Format-List prints
 * it. It carries no zone; the collector itself asks PowerShell for ISO strings, so this only serves text
 * captures, read as UTC unless an offset is given.
 */
export function isoFromUsDateTime(value: string, utcOffsetMinutes = 0): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i.exec(value.trim());
  if (!match) return null;
  let hour = Number(match[4]);
  const meridiem = match[7]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    if (meridiem === 'AM' && hour === 12) hour = 0;
    if (meridiem === 'PM' && hour !== 12) hour += 12;
  }
  return isoFromLocalParts(
    { year: Number(match[3]), month: Number(match[1]), day: Number(match[2]), hour, minute: Number(match[5]), second: Number(match[6] ?? 0) },
    utcOffsetMinutes,
  );
}

/** .NET JSON dates as Windows PowerShell 5.1 writes them: "/Date(1717488387000)/". */
export function isoFromDotNetJsonDate(value: string): string | null {
  const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  return match ? isoFromMs(Number(match[1])) : null;
}

/** Any date form a PowerShell JSON value may take: ISO with zone, /Date(ms)/, or en-US text. */
export function isoFromPowerShell(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return isoFromDotNetJsonDate(value) ?? isoFromZonedText(value) ?? isoFromUsDateTime(value);
}

/** Whole days between `iso` and `now`, never negative (a clock a little ahead is not "in the future"). */
export function ageInDays(iso: string | null, now: Date): number | null {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return Math.max(0, Math.floor((now.getTime() - ms) / MS_PER_DAY));
}

/** The later of two ISO instants, either of which may be unknown. */
export function laterIso(a: string | null, b: string | null): string | null {
  if (a == null) return b;
  if (b == null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
