/**
 * Wall-clock time in an IANA time zone, from the platform's own tz database through Intl: no library
 * needed, and it follows the zone rules Node ships (updated with Node itself).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows this IANA zone name (e.g. `Europe/Paris`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalDate {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
}

/** The wall-clock reading at an instant, as if that reading were UTC (epoch ms). */
function wallClockAt(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** Offset of the zone from UTC at an instant, in ms (Paris in winter: +3,600,000). */
export function offsetAt(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return wallClockAt(whole, timeZone) - whole;
}

/** The local calendar date at an instant. */
export function localDateAt(utcMs: number, timeZone: string): LocalDate {
  const d = new Date(utcMs + offsetAt(utcMs, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The instant a wall-clock reading names. `localMs` is the reading written as if it were UTC. A reading
 * skipped by a spring-forward gap (02:30 in Paris on the last Sunday of March) is moved forward by the
 * gap, as clocks do; a reading that happens twice in the autumn is taken the first time.
 */
export function instantOf(localMs: number, timeZone: string): number {
  const day = 86_400_000;
  const before = offsetAt(localMs - day, timeZone);
  const after = offsetAt(localMs + day, timeZone);
  const early = localMs - before;
  if (offsetAt(early, timeZone) === before) return early;
  const late = localMs - after;
  if (offsetAt(late, timeZone) === after) return late;
  // In the gap: the reading does not exist; the offset from before the change carries it past the gap.
  return early;
}

export const dateKey = (d: LocalDate): string => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The following calendar day. */
export function nextDate(d: LocalDate): LocalDate {
  const n = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export const weekdayOf = (d: LocalDate): number => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
