import { dateKey, instantOf, localDateAt, nextDate, weekdayOf, type LocalDate } from './zoned-time.js';

/** Minutes after local midnight; `end` may be 1440 (midnight at the end of the day). */
export interface DailySpan {
  readonly start: number;
  readonly end: number;
}

/**
 * When the desk works: spans per weekday (index 0 = Sunday) in local wall-clock time, and whole days
 * off, all in one IANA time zone.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly week: readonly (readonly DailySpan[])[];
  /** Local dates `YYYY-MM-DD` with no business hours. */
  readonly holidays: ReadonlySet<string>;
}

/** A half-open interval of instants [from, to) in epoch ms. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/**
 * How far ahead a search for business time may go before giving up. A calendar with any weekly hours
 * reaches any target well within this; only a calendar of all holidays would not.
 */
const SEARCH_DAYS = 5 * 366;

export class NoBusinessHoursError extends Error {
  constructor() {
    super('the calendar has no business hours in the next five years');
  }
}

/**
 * Converted days, by zone, date and spans: every ticket on a policy walks the same days, and each
 * conversion asks Intl for several offsets (measured: a 20-business-day target took 4.6 ms uncached).
 * A pure function of its key, so sharing it is safe; bounded, and simply emptied when full.
 */
const dayCache = new Map<string, readonly Interval[]>();
const DAY_CACHE_LIMIT = 50_000;

/** The business intervals of one local date, as instants; DST gaps and repeats are real time. */
export function businessIntervalsOn(calendar: BusinessCalendar, date: LocalDate): readonly Interval[] {
  const key = dateKey(date);
  if (calendar.holidays.has(key)) return [];
  const spans = calendar.week[weekdayOf(date)] ?? [];
  if (spans.length === 0) return [];
  const cacheKey = `${calendar.timeZone}|${key}|${spans.map((s) => `${s.start}-${s.end}`).join(',')}`;
  const cached = dayCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  const out: Interval[] = [];
  for (const span of spans) {
    const from = instantOf(midnight + span.start * 60_000, calendar.timeZone);
    const to = instantOf(midnight + span.end * 60_000, calendar.timeZone);
    if (to > from) out.push({ from, to });
  }
  out.sort((a, b) => a.from - b.from);
  if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
  dayCache.set(cacheKey, out);
  return out;
}

/**
 * Business intervals from `from` onwards, clipped to start no earlier than it, in time order. The
 * local date before `from` is looked at too: a span ending at midnight there may still be running.
 */
export function* businessIntervalsFrom(calendar: BusinessCalendar, from: number): Generator<Interval> {
  let date = localDateAt(from - 86_400_000, calendar.timeZone);
  for (let i = 0; i < SEARCH_DAYS; i += 1, date = nextDate(date)) {
    for (const interval of businessIntervalsOn(calendar, date)) {
      if (interval.to <= from) continue;
      yield { from: Math.max(interval.from, from), to: interval.to };
    }
  }
}

/** Business time in [from, to), in ms. */
export function businessTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  let total = 0;
  if (to <= from) return 0;
  for (const interval of businessIntervalsFrom(calendar, from)) {
    if (interval.from >= to) break;
    total += Math.min(interval.to, to) - interval.from;
  }
  return total;
}

/** `intervals` with every part covered by `holes` cut out; both sorted by start. */
function* without(intervals: Iterable<Interval>, holes: readonly Interval[]): Generator<Interval> {
  for (const interval of intervals) {
    let start = interval.from;
    for (const hole of holes) {
      if (hole.to <= start || hole.from >= interval.to) continue;
      if (hole.from > start) yield { from: start, to: hole.from };
      start = Math.max(start, hole.to);
      if (start >= interval.to) break;
    }
    if (start < interval.to) yield { from: start, to: interval.to };
  }
}

/**
 * The instant at which `amount` ms of business time have run from `from`, not counting time inside
 * `excluded` intervals (the clock's pauses). Lands on the end of a span when the amount runs out exactly
 * there, so "due by 18:00" rather than "due at 09:00 next morning".
 */
export function addBusinessTime(calendar: BusinessCalendar, from: number, amount: number, excluded: readonly Interval[] = []): number {
  let left = amount;
  const holes = [...excluded].sort((a, b) => a.from - b.from);
  for (const interval of without(businessIntervalsFrom(calendar, from), holes)) {
    const length = interval.to - interval.from;
    if (left <= length) return interval.from + left;
    left -= length;
  }
  throw new NoBusinessHoursError();
}
