import { describe, expect, it } from 'vitest';

import { dueTasks, isDue, nextDueAt } from '../../../agent/schedule/due.js';

const now = new Date('2026-12-07T09:00:00.000Z');
const past = new Date(now.getTime() - 1000);
const later = new Date(now.getTime() + 60 * 60_000);

describe('what is due', () => {
  it('a device that never checked in checks in; an empty outbox and an unscheduled inventory wait', () => {
    const fresh = { nextCheckinAt: null, nextOutboxAt: null, nextInventoryAt: null };
    expect(dueTasks(fresh, now)).toEqual(['checkin']);
    expect(nextDueAt(fresh, now)).toEqual(now);
  });

  it('runs what fell due, in order: check-in, delivery, collection', () => {
    expect(dueTasks({ nextCheckinAt: past, nextOutboxAt: past, nextInventoryAt: past }, now)).toEqual(['checkin', 'outbox', 'inventory']);
    expect(dueTasks({ nextCheckinAt: later, nextOutboxAt: past, nextInventoryAt: later }, now)).toEqual(['outbox']);
  });

  it('a trigger runs check-in and delivery at once, never a collection before its time', () => {
    const quiet = { nextCheckinAt: later, nextOutboxAt: null, nextInventoryAt: later };
    expect(dueTasks(quiet, now, true)).toEqual(['checkin', 'outbox']);
    expect(isDue('inventory', quiet, now, true)).toBe(false);
  });

  it('sleeps until the earliest time, or reports nothing scheduled', () => {
    const soon = new Date(now.getTime() + 5 * 60_000);
    expect(nextDueAt({ nextCheckinAt: later, nextOutboxAt: soon, nextInventoryAt: null }, now)).toEqual(soon);
  });
});
