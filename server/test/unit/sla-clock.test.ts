import { describe, expect, it } from 'vitest';

import { addBusinessTime, businessTimeBetween, NoBusinessHoursError, type BusinessCalendar, type DailySpan } from '../../src/sla/business-calendar.js';
import { dueAt, pausesAfter, targetState, type Pause } from '../../src/sla/sla-clock.js';
import { instantOf, isKnownTimeZone, localDateAt, offsetAt } from '../../src/sla/zoned-time.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

const span = (from: string, to: string): DailySpan => {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return { start: minutes(from), end: minutes(to) };
};
/** Monday to Friday, the same hours each day. */
const weekdays = (spans: readonly DailySpan[]) => [[], spans, spans, spans, spans, spans, []];
const calendar = (timeZone: string, week: readonly (readonly DailySpan[])[], holidays: readonly string[] = []): BusinessCalendar => ({ timeZone, week, holidays: new Set(holidays) });
const allDay = [span('00:00', '24:00')];
const paris = calendar('Europe/Paris', weekdays([span('09:00', '17:00')]));
const newYork = calendar('America/New_York', weekdays([span('08:00', '18:00')]));

describe('zoned time from Intl', () => {
  it('knows zone names and refuses made-up ones', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('reads offsets on both sides of the Paris and New York changes', () => {
    expect(offsetAt(at('2026-03-29T00:59:59Z'), 'Europe/Paris')).toBe(HOUR);
    expect(offsetAt(at('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe(2 * HOUR);
    expect(offsetAt(at('2026-10-25T00:59:59Z'), 'Europe/Paris')).toBe(2 * HOUR);
    expect(offsetAt(at('2026-10-25T01:00:00Z'), 'Europe/Paris')).toBe(HOUR);
    expect(offsetAt(at('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetAt(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(offsetAt(at('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
  });

  it('moves a reading in the spring gap forward and takes an autumn repeat the first time', () => {
    // 02:30 does not exist in Paris on 29 March 2026: clocks jump from 02:00 to 03:00.
    expect(iso(instantOf(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: first in summer time (+2).
    expect(iso(instantOf(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantOf(Date.UTC(2026, 0, 15, 9, 0), 'America/New_York'))).toBe('2026-01-15T14:00:00.000Z');
  });

  it('gives the local date, not the UTC one', () => {
    expect(localDateAt(at('2026-06-30T23:30:00Z'), 'Europe/Paris')).toEqual({ year: 2026, month: 7, day: 1 });
    expect(localDateAt(at('2026-07-01T02:00:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 6, day: 30 });
  });
});

describe('business time', () => {
  it('counts only the hours inside the spans, across nights and weekends', () => {
    // Friday 16:00 → Monday 10:00 in Paris (winter): one hour Friday, one hour Monday.
    expect(businessTimeBetween(paris, at('2026-01-16T15:00:00Z'), at('2026-01-19T09:00:00Z'))).toBe(2 * HOUR);
    // Entirely at night: nothing.
    expect(businessTimeBetween(paris, at('2026-01-13T20:00:00Z'), at('2026-01-14T07:00:00Z'))).toBe(0);
  });

  it('adds business time across days, landing on the end of a span when it runs out there', () => {
    // Tuesday 15:00 Paris + 4 h → 2 h on Tuesday, 2 h on Wednesday → Wednesday 11:00 (10:00Z).
    expect(iso(addBusinessTime(paris, at('2026-01-13T14:00:00Z'), 4 * HOUR))).toBe('2026-01-14T10:00:00.000Z');
    // Exactly the rest of the day: due at 17:00, not 09:00 the next morning.
    expect(iso(addBusinessTime(paris, at('2026-01-13T14:00:00Z'), 2 * HOUR))).toBe('2026-01-13T16:00:00.000Z');
    // Started at night: the clock begins at 09:00.
    expect(iso(addBusinessTime(paris, at('2026-01-13T05:00:00Z'), 30 * MINUTE))).toBe('2026-01-13T08:30:00.000Z');
    // Friday 16:00 + 3 h → 1 h Friday, 2 h Monday.
    expect(iso(addBusinessTime(paris, at('2026-01-16T15:00:00Z'), 3 * HOUR))).toBe('2026-01-19T10:00:00.000Z');
  });

  it('skips holidays', () => {
    const withHolidays = calendar('Europe/Paris', paris.week, ['2026-12-24', '2026-12-25']);
    // Wednesday 23 December 16:00 + 2 h: 1 h that day, then Thursday 24 and Friday 25 are off, Monday 28 at 10:00.
    expect(iso(addBusinessTime(withHolidays, at('2026-12-23T15:00:00Z'), 2 * HOUR))).toBe('2026-12-28T09:00:00.000Z');
    expect(businessTimeBetween(withHolidays, at('2026-12-23T00:00:00Z'), at('2026-12-29T00:00:00Z'))).toBe(2 * 8 * HOUR);
  });

  it('handles split days (a lunch break)', () => {
    const lunch = calendar('Europe/Paris', weekdays([span('08:30', '12:00'), span('13:30', '17:30')]));
    // Monday 11:00 + 2 h → 1 h before lunch, 1 h after → 14:30 (13:30Z).
    expect(iso(addBusinessTime(lunch, at('2026-01-12T10:00:00Z'), 2 * HOUR))).toBe('2026-01-12T13:30:00.000Z');
  });

  it('follows the zone: the same wall-clock hours are different instants in New York', () => {
    // Monday 17:00 New York (22:00Z) + 2 h → 1 h Monday, 1 h Tuesday from 08:00 EST = 13:00Z → 14:00Z.
    expect(iso(addBusinessTime(newYork, at('2026-01-12T22:00:00Z'), 2 * HOUR))).toBe('2026-01-13T14:00:00.000Z');
  });

  it('keeps wall-clock opening hours across the Paris spring change', () => {
    // Friday 27 March 16:00 CET (15:00Z) + 4 h → 1 h Friday, 3 h Monday 30 March from 09:00 CEST (07:00Z) → 10:00Z.
    expect(iso(addBusinessTime(paris, at('2026-03-27T15:00:00Z'), 4 * HOUR))).toBe('2026-03-30T10:00:00.000Z');
  });

  it('keeps wall-clock opening hours across the Paris autumn change', () => {
    // Friday 23 October 16:00 CEST (14:00Z) + 4 h → Monday 26 October 12:00 CET (11:00Z).
    expect(iso(addBusinessTime(paris, at('2026-10-23T14:00:00Z'), 4 * HOUR))).toBe('2026-10-26T11:00:00.000Z');
  });

  it('keeps wall-clock opening hours across the New York changes', () => {
    // Friday 6 March 17:00 EST (22:00Z) + 2 h → Monday 9 March 09:00 EDT (13:00Z).
    expect(iso(addBusinessTime(newYork, at('2026-03-06T22:00:00Z'), 2 * HOUR))).toBe('2026-03-09T13:00:00.000Z');
    // Friday 30 October 17:00 EDT (21:00Z) + 2 h → Monday 2 November 09:00 EST (14:00Z).
    expect(iso(addBusinessTime(newYork, at('2026-10-30T21:00:00Z'), 2 * HOUR))).toBe('2026-11-02T14:00:00.000Z');
  });

  it('counts real time across the night the clocks change, not wall-clock hours', () => {
    const always = calendar('Europe/Paris', [allDay, allDay, allDay, allDay, allDay, allDay, allDay]);
    // The spring day has 23 hours, the autumn day 25.
    expect(businessTimeBetween(always, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
    expect(businessTimeBetween(always, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * HOUR);
    // 24 business hours from Saturday 12:00 CET is Sunday 13:00 CEST: the same instant of day in UTC.
    expect(iso(addBusinessTime(always, at('2026-03-28T11:00:00Z'), 24 * HOUR))).toBe('2026-03-29T11:00:00.000Z');
    // A night shift 01:00-04:00 on the change days: 2 real hours in March, 4 in October.
    const night = calendar('Europe/Paris', [[span('01:00', '04:00')], [], [], [], [], [], []]);
    expect(businessTimeBetween(night, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(2 * HOUR);
    expect(businessTimeBetween(night, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(4 * HOUR);
  });

  it('gives up on a calendar with no hours at all instead of looping', () => {
    expect(() => addBusinessTime(calendar('UTC', [[], [], [], [], [], [], []]), at('2026-01-01T00:00:00Z'), HOUR)).toThrow(NoBusinessHoursError);
  });
});

describe('the service-level clock', () => {
  const created = at('2026-01-12T08:00:00Z'); // Monday 09:00 Paris
  const eightHours = 8 * HOUR;

  it('falls due after the target in business time', () => {
    expect(iso(dueAt(paris, created, [], eightHours))).toBe('2026-01-12T16:00:00.000Z');
    expect(iso(dueAt(paris, created, [], 12 * HOUR))).toBe('2026-01-13T12:00:00.000Z');
  });

  it('pauses while waiting on the user and moves the due time by the business time paused', () => {
    // Waiting on the user Monday 11:00 → Tuesday 10:00 Paris: 6 h Monday + 1 h Tuesday of business time.
    const paused: Pause[] = pausesAfter([], true, at('2026-01-12T10:00:00Z'));
    expect(paused).toEqual([{ from: at('2026-01-12T10:00:00Z'), to: null }]);
    // While paused, the due time stays as it was when the pause began.
    expect(iso(dueAt(paris, created, paused, eightHours))).toBe('2026-01-12T16:00:00.000Z');
    const resumed = pausesAfter(paused, false, at('2026-01-13T09:00:00Z'));
    expect(resumed).toEqual([{ from: at('2026-01-12T10:00:00Z'), to: at('2026-01-13T09:00:00Z') }]);
    // 2 h ran before the pause; 6 h left from Tuesday 10:00 → Tuesday 16:00 Paris (15:00Z).
    expect(iso(dueAt(paris, created, resumed, eightHours))).toBe('2026-01-13T15:00:00.000Z');
    // Asking again for the same state changes nothing (pausing twice, resuming twice).
    expect(pausesAfter(resumed, false, at('2026-01-13T12:00:00Z'))).toEqual(resumed);
    expect(pausesAfter(paused, true, at('2026-01-12T12:00:00Z'))).toEqual(paused);
  });

  it('does not count a pause that lies outside business hours', () => {
    const night = pausesAfter(pausesAfter([], true, at('2026-01-12T18:00:00Z')), false, at('2026-01-13T06:00:00Z'));
    expect(dueAt(paris, created, night, eightHours)).toBe(dueAt(paris, created, [], eightHours));
  });

  it('resumes the resolution clock on reopen, counting only the time it was open', () => {
    // Resolved Monday 12:00 Paris (3 h used), reopened Wednesday 09:00: 5 h left → Wednesday 14:00 (13:00Z).
    const resolved = pausesAfter([], true, at('2026-01-12T11:00:00Z'));
    const reopened = pausesAfter(resolved, false, at('2026-01-14T08:00:00Z'));
    expect(iso(dueAt(paris, created, reopened, eightHours))).toBe('2026-01-14T13:00:00.000Z');
    // Met when resolved again in time; breached when resolved after.
    const due = dueAt(paris, created, reopened, eightHours);
    expect(targetState(due, at('2026-01-14T12:00:00Z'), at('2026-01-14T12:00:00Z'), at('2026-01-20T00:00:00Z'))).toBe('met');
    expect(targetState(due, at('2026-01-14T14:00:00Z'), at('2026-01-14T14:00:00Z'), at('2026-01-20T00:00:00Z'))).toBe('breached');
  });

  it('reads the state at the earliest of reached, paused and now', () => {
    const due = at('2026-01-12T16:00:00Z');
    expect(targetState(due, null, null, at('2026-01-12T15:00:00Z'))).toBe('running');
    expect(targetState(due, null, null, at('2026-01-12T16:00:01Z'))).toBe('breached');
    // Paused in time: never breached while the pause lasts, whatever the hour.
    expect(targetState(due, null, at('2026-01-12T12:00:00Z'), at('2026-01-19T00:00:00Z'))).toBe('paused');
    // Overdue before the pause: stays breached.
    expect(targetState(due, null, at('2026-01-12T17:00:00Z'), at('2026-01-19T00:00:00Z'))).toBe('breached');
    expect(targetState(due, at('2026-01-12T16:00:00Z'), null, at('2026-01-19T00:00:00Z'))).toBe('met');
    // Reached during a pause that began in time: met.
    expect(targetState(due, at('2026-01-13T10:00:00Z'), at('2026-01-12T12:00:00Z'), at('2026-01-19T00:00:00Z'))).toBe('met');
  });
});
