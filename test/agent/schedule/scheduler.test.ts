import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TaskName } from '../../../agent/schedule/scheduler.js';
import { Scheduler } from '../../../agent/schedule/scheduler.js';
import { firstRunAt, jittered, MAX_SLEEP_MS, sleepFor } from '../../../agent/schedule/timing.js';

describe('timing', () => {
  const now = new Date('2026-11-29T09:00:00.000Z');
  it('jitters ±10% around the interval', () => {
    expect(jittered(60_000, () => 0)).toBe(54_000);
    expect(jittered(60_000, () => 0.5)).toBe(60_000);
    expect(jittered(60_000, () => 0.999999)).toBe(66_000);
  });
  it('spreads the first run over the interval', () => {
    expect(firstRunAt(now, 3_600_000, () => 0.25).getTime() - now.getTime()).toBe(900_000);
  });
  it('never sleeps longer than a minute or shorter than a second', () => {
    expect(sleepFor(now, [])).toBe(MAX_SLEEP_MS);
    expect(sleepFor(now, [null, new Date(now.getTime() + 5 * 3_600_000)])).toBe(MAX_SLEEP_MS);
    expect(sleepFor(now, [new Date(now.getTime() + 5000)])).toBe(5000);
    expect(sleepFor(now, [new Date(now.getTime() - 5000)])).toBe(1000);
  });
});

describe('Scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-29T09:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(dues: Partial<Record<TaskName, Date | null>>) {
    const runs: string[] = [];
    const due = { checkin: null, inventory: null, outbox: null, ...dues } as Record<TaskName, Date | null>;
    const scheduler = new Scheduler(
      {
        times: () => ({ nextCheckinAt: due.checkin, nextOutboxAt: due.outbox, nextInventoryAt: due.inventory }),
        run: async (t, reason) => {
          runs.push(`${t}:${reason}`);
          if (t === 'checkin') due.checkin = new Date(Date.now() + 15 * 60_000);
          if (t === 'inventory') due.inventory = new Date(Date.now() + 24 * 3_600_000);
        },
      },
      { now: () => new Date() },
    );
    return { scheduler, runs, due };
  }

  it('checks in and flushes at start, then runs the inventory when due', async () => {
    const { scheduler, runs } = setup({ inventory: new Date(Date.now() + 10 * 60_000) });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['checkin:start', 'outbox:start']);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(runs).toContain('inventory:schedule');
    await scheduler.stop();
  });

  it('an idle agent wakes at most once a minute', async () => {
    const { scheduler, runs } = setup({ inventory: new Date(Date.now() + 24 * 3_600_000) });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    const before = scheduler.wakeups;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // 15-minute check-in interval: ten idle minutes cost at most ten wake-ups and no task
    expect(scheduler.wakeups - before).toBeLessThanOrEqual(10);
    expect(runs).toEqual(['checkin:start', 'outbox:start']);
    await scheduler.stop();
  });

  it('a trigger (resume, network change, sync now) runs a check-in and a flush; bursts coalesce', async () => {
    const { scheduler, runs } = setup({});
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    runs.length = 0;
    scheduler.trigger('resume');
    scheduler.trigger('network-change');
    scheduler.trigger('network-change');
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toEqual(['checkin:network-change', 'outbox:network-change']);
    await scheduler.stop();
  });

  it('runs nothing after stop', async () => {
    const { scheduler, runs } = setup({ checkin: new Date(Date.now() + 30_000) });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.stop();
    runs.length = 0;
    scheduler.trigger('resume');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toEqual([]);
  });
});
