import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { HOUSEKEEPER_LEASE, Housekeeper } from '../src/housekeeping/housekeeper.js';
import type { HousekeepingJob } from '../src/housekeeping/job.js';
import { HOUSEKEEPING_JOBS } from '../src/housekeeping/jobs.js';
import { DEFAULT_HISTORY_RETENTION } from '../src/storage/history-retention.js';
import { DATABASES, createHarness, type Harness } from './helpers/harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LEASE_MS = 3 * MINUTE;

/** A job that counts its runs. */
function countingJob(name: string, everyMs = HOUR, work?: () => Promise<void>): HousekeepingJob & { readonly runs: number[] } {
  const runs: number[] = [];
  return {
    name,
    everyMs,
    runs,
    run: async () => {
      runs.push(runs.length + 1);
      await work?.();
      return { ran: 1 };
    },
  };
}

describe.each(DATABASES)('the housekeeper on %s', (kind) => {
  let h: Harness;
  const made: Housekeeper[] = [];
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    for (const k of made.splice(0)) await k.stop();
    await h.close();
  });
  const housekeeper = (holder: string, jobs: readonly HousekeepingJob[]) => {
    const k = new Housekeeper({ store: h.store, retention: DEFAULT_HISTORY_RETENTION }, { jobs, holder, tickMs: MINUTE, leaseMs: LEASE_MS });
    made.push(k);
    return k;
  };

  it('runs the jobs on one instance at a time, each once per interval across instances', async () => {
    const a = countingJob('a');
    const b = countingJob('b', 2 * HOUR);
    const first = housekeeper('first', [a, b]);
    const second = housekeeper('second', [a, b]);
    expect(await first.tick()).toEqual({ holder: true, ran: ['a', 'b'] });
    expect(await second.tick()).toEqual({ holder: false, ran: [] });
    h.advance(MINUTE);
    expect(await first.tick()).toEqual({ holder: true, ran: [] });
    h.advance(HOUR);
    expect(await first.tick()).toEqual({ holder: true, ran: ['a'] });
    expect(await second.tick()).toEqual({ holder: false, ran: [] });
    expect(a.runs).toHaveLength(2);
    expect(b.runs).toHaveLength(1);
    const rows = await h.store.housekeepingJobs.list();
    expect(rows.map((r) => [r.name, r.lastError])).toEqual([
      ['a', null],
      ['b', null],
    ]);
    expect(rows.every((r) => r.lastFinishedAt !== null && r.lastFinishedAt >= r.lastStartedAt)).toBe(true);
  });

  it('is taken over when its holder dies, and the new holder keeps the schedule', async () => {
    const a = countingJob('a', 30 * MINUTE);
    const dying = housekeeper('dying', [a]);
    const heir = housekeeper('heir', [a]);
    expect((await dying.tick()).ran).toEqual(['a']);
    // The holder dies: no stop(), no more renewals. Until its lease lapses nobody else runs anything.
    made.splice(made.indexOf(dying), 1);
    h.advance(LEASE_MS - 10 * MINUTE);
    expect(await heir.tick()).toEqual({ holder: false, ran: [] });
    h.advance(10 * MINUTE);
    // The lease has lapsed; the job last ran 3 minutes ago, so it is not due yet.
    expect(await heir.tick()).toEqual({ holder: true, ran: [] });
    expect(await h.store.leases.holderOf(HOUSEKEEPER_LEASE, h.store.clock())).toBe('heir');
    h.advance(30 * MINUTE);
    expect(await heir.tick()).toEqual({ holder: true, ran: ['a'] });
    expect(a.runs).toHaveLength(2);
  });

  it('gives the lease up on a clean stop, so another instance takes it at once', async () => {
    const a = countingJob('a');
    const leaving = housekeeper('leaving', [a]);
    const staying = housekeeper('staying', [a]);
    expect((await leaving.tick()).holder).toBe(true);
    await leaving.stop();
    expect(await leaving.tick()).toEqual({ holder: false, ran: [] });
    expect(await h.store.leases.holderOf(HOUSEKEEPER_LEASE, h.store.clock())).toBeNull();
    expect((await staying.tick()).holder).toBe(true);
  });

  it('records a failing job and goes on with the next', async () => {
    const failing: HousekeepingJob = { name: 'failing', everyMs: HOUR, run: () => Promise.reject(new Error('disk full')) };
    const after = countingJob('after');
    const k = housekeeper('one', [failing, after]);
    expect(await k.tick()).toEqual({ holder: true, ran: ['failing', 'after'] });
    expect(after.runs).toHaveLength(1);
    const rows = await h.store.housekeepingJobs.list();
    expect(rows.find((r) => r.name === 'failing')?.lastError).toBe('disk full');
    // Not retried at every tick: it waits for its interval like any other job.
    h.advance(MINUTE);
    expect((await k.tick()).ran).toEqual([]);
  });

  it('stops running jobs once it finds its lease taken by another instance', async () => {
    let rival: Housekeeper | null = null;
    // The first job stalls past the lease (a long GC pause, a frozen VM) and another instance takes over.
    const slow = countingJob('slow', HOUR, async () => {
      h.advance(LEASE_MS + MINUTE);
      expect((await rival?.tick())?.holder).toBe(true);
    });
    const next = countingJob('next');
    const stalled = housekeeper('stalled', [slow, next]);
    rival = housekeeper('rival', [countingJob('rival-only', 100 * HOUR)]);
    expect(await stalled.tick()).toEqual({ holder: false, ran: ['slow'] });
    expect(next.runs).toEqual([]);
    expect(await h.store.leases.holderOf(HOUSEKEEPER_LEASE, h.store.clock())).toBe('rival');
  });

  it('ticks by itself once started, and lets go when stopped', { timeout: 20_000 }, async () => {
    const a = countingJob('a');
    const k = housekeeper('timer', [a]);
    k.start();
    await vi.waitFor(() => expect(a.runs).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(await h.store.leases.holderOf(HOUSEKEEPER_LEASE, h.store.clock())).toBe('timer');
    await k.stop();
    expect(await h.store.leases.holderOf(HOUSEKEEPER_LEASE, h.store.clock())).toBeNull();
  });
});

describe('the housekeeping jobs', () => {
  it('have unique, stable names', () => {
    expect(HOUSEKEEPING_JOBS.map((j) => j.name)).toEqual(['sla-breach-watch', 'mail-in', 'expired-records', 'history-retention', 'ticket-auto-close', 'kb-search-retention', 'device-lifecycle', 'fleet-findings-snapshot', 'attachment-cleanup', 'outbound-retention']);
  });

  it('refuses two jobs of one name and a lease no longer than a tick', async () => {
    const h = await createHarness('sqlite');
    try {
      const context = { store: h.store, retention: DEFAULT_HISTORY_RETENTION };
      expect(() => new Housekeeper(context, { jobs: [countingJob('x'), countingJob('x')] })).toThrow(/unique/);
      expect(() => new Housekeeper(context, { tickMs: MINUTE, leaseMs: MINUTE })).toThrow(/outlast/);
    } finally {
      await h.close();
    }
  });
});
