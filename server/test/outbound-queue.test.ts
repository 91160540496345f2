import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DEFAULT_BACKOFF, retryDelay } from '../src/outbound/backoff.js';
import { OutboundError, defineHandler, type OutboundAttempt, type OutboundHandler } from '../src/outbound/job.js';
import { OutboundHandlers } from '../src/outbound/registry.js';
import { OutboundWorker, type OutboundWorkerOptions } from '../src/outbound/worker.js';
import { DATABASES, createHarness, type Harness } from './helpers/harness.js';

const LEASE_MS = 60_000;
const payload = z.object({ n: z.number().int() });

/** A handler whose sends the test decides: each call waits for `behaviour` and is recorded. */
function recordingHandler(kind: string, behaviour: (n: number, attempt: OutboundAttempt) => Promise<string> = () => Promise.resolve('250 ok')) {
  const sent: number[] = [];
  const calls: number[] = [];
  const handler: OutboundHandler<{ n: number }> = defineHandler({
    kind,
    payload,
    maxAttempts: 3,
    send: async ({ n }, attempt) => {
      calls.push(n);
      const response = await behaviour(n, attempt);
      sent.push(n);
      return { response };
    },
  });
  return { handler, sent, calls };
}

describe.each(DATABASES)('the outbound queue on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  }, 30_000);
  afterAll(async () => {
    await h.close();
  }, 30_000);

  const worker = (handlers: readonly OutboundHandler[], options: OutboundWorkerOptions = {}) =>
    new OutboundWorker(h.store.outbound, new OutboundHandlers(handlers), { leaseMs: LEASE_MS, random: () => 0.5, ...options });

  it('enqueues an event once, and only when its transaction commits', async () => {
    const first = await h.store.db.transaction().execute((trx) => h.store.outbound.enqueue(trx, { kind: 'once', payload: { n: 1 }, dedupeKey: 'once:1' }));
    const again = await h.store.db.transaction().execute((trx) => h.store.outbound.enqueue(trx, { kind: 'once', payload: { n: 2 }, dedupeKey: 'once:1' }));
    expect(first.enqueued).toBe(true);
    expect(again).toEqual({ id: first.id, enqueued: false });
    await expect(
      h.store.db.transaction().execute(async (trx) => {
        await h.store.outbound.enqueue(trx, { kind: 'once', payload: { n: 3 }, dedupeKey: 'once:rolled-back' });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await h.store.outbound.byDedupeKey('once:rolled-back')).toBeNull();
    const job = await h.store.outbound.get(first.id);
    expect(job).toMatchObject({ kind: 'once', payload: { n: 1 }, status: 'queued', attempts: 0 });
  });

  it('sends a due job once and keeps the far end’s answer', async () => {
    const { handler, sent } = recordingHandler('plain');
    const { id } = await h.store.outbound.enqueue(h.store.db, { kind: 'plain', payload: { n: 7 }, dedupeKey: 'plain:7' });
    await h.store.outbound.enqueue(h.store.db, { kind: 'plain', payload: { n: 8 }, dedupeKey: 'plain:8', notBefore: h.store.clock() + 3_600_000 });
    const w = worker([handler]);
    expect(await w.tick()).toEqual({ sent: 1, failed: 0, dead: 0, lost: 0 });
    expect(await w.tick()).toEqual({ sent: 0, failed: 0, dead: 0, lost: 0 });
    expect(sent).toEqual([7]);
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'sent', attempts: 1, lastResponse: '250 ok', leaseOwner: null, lastError: null });
    expect((await h.store.outbound.get(id))?.finishedAt).not.toBeNull();
    h.advance(3_600_000);
    await w.tick();
    expect(sent).toEqual([7, 8]);
  });

  it('retries a transient failure after a jittered, growing wait, and gives up after the last attempt', async () => {
    const { handler, calls } = recordingHandler('flaky', () => Promise.reject(new OutboundError('451 try later', { permanent: false, response: '451 4.3.0 try later' })));
    const { id } = await h.store.outbound.enqueue(h.store.db, { kind: 'flaky', payload: { n: 1 }, dedupeKey: 'flaky:1' });
    const w = worker([handler]);
    expect((await w.tick()).failed).toBe(1);
    const afterFirst = await h.store.outbound.get(id);
    expect(afterFirst).toMatchObject({ status: 'failed', attempts: 1, lastError: '451 try later', lastResponse: '451 4.3.0 try later', finishedAt: null });
    const firstWait = retryDelay(1, DEFAULT_BACKOFF, () => 0.5);
    expect(afterFirst!.nextAttemptAt - afterFirst!.updatedAt).toBe(firstWait);
    // Not before its time.
    expect((await w.tick()).failed).toBe(0);
    h.advance(firstWait);
    expect((await w.tick()).failed).toBe(1);
    const afterSecond = await h.store.outbound.get(id);
    expect(afterSecond!.nextAttemptAt - afterSecond!.updatedAt).toBe(retryDelay(2, DEFAULT_BACKOFF, () => 0.5));
    h.advance(DEFAULT_BACKOFF.maxMs);
    expect((await w.tick()).dead).toBe(1);
    expect(calls).toEqual([1, 1, 1]);
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'dead', attempts: 3 });
    // An admin's retry makes it due again with a fresh count.
    expect(await h.store.outbound.retry(id)).toBe(true);
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await h.store.outbound.retry(id)).toBe(false);
  });

  it('sends a permanent failure or a malformed payload to dead at once', async () => {
    const { handler } = recordingHandler('refused', () => Promise.reject(new OutboundError('550 no such user', { permanent: true, response: '550 5.1.1 unknown' })));
    const refused = await h.store.outbound.enqueue(h.store.db, { kind: 'refused', payload: { n: 1 }, dedupeKey: 'refused:1' });
    const malformed = await h.store.outbound.enqueue(h.store.db, { kind: 'refused', payload: { n: 'one' }, dedupeKey: 'refused:2' });
    expect((await worker([handler]).tick()).dead).toBe(2);
    expect(await h.store.outbound.get(refused.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: '550 no such user', lastResponse: '550 5.1.1 unknown' });
    expect((await h.store.outbound.get(malformed.id))?.lastError).toMatch(/^invalid payload: n: /);
  });

  it('leaves jobs of kinds it has no handler for to an instance that has one', async () => {
    const { id } = await h.store.outbound.enqueue(h.store.db, { kind: 'elsewhere', payload: { n: 1 }, dedupeKey: 'elsewhere:1' });
    await worker([recordingHandler('other').handler]).tick();
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('sends each job once when two instances race for them', async () => {
    const { handler, sent } = recordingHandler('race');
    await h.store.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 24; n += 1) await h.store.outbound.enqueue(trx, { kind: 'race', payload: { n }, dedupeKey: `race:${n}` });
    });
    const a = worker([handler], { owner: 'a', concurrency: 5 });
    const b = worker([handler], { owner: 'b', concurrency: 5 });
    for (let round = 0; round < 6; round += 1) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect([...sent].sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, n) => n));
    expect((await h.store.outbound.counts('race')).sent).toBe(24);
  });

  it('retries the job of an instance killed mid-send once its lease runs out, and ignores the dead one’s late answer', async () => {
    let releaseStalled: (() => void) | null = null;
    const stalled = recordingHandler('killed', () => new Promise<string>((resolve) => (releaseStalled = () => resolve('250 late'))));
    const healthy = recordingHandler('killed');
    const { id } = await h.store.outbound.enqueue(h.store.db, { kind: 'killed', payload: { n: 1 }, dedupeKey: 'killed:1' });
    const dying = worker([stalled.handler], { owner: 'dying' });
    const heir = worker([healthy.handler], { owner: 'heir' });
    const dyingTick = dying.tick();
    await expect.poll(() => stalled.calls.length).toBe(1);
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'sending', leaseOwner: 'dying', attempts: 1 });
    // Within the lease nobody else touches it.
    expect((await heir.tick()).sent).toBe(0);
    h.advance(LEASE_MS);
    expect((await heir.tick()).sent).toBe(1);
    expect(healthy.sent).toEqual([1]);
    releaseStalled!();
    expect(await dyingTick).toEqual({ sent: 0, failed: 0, dead: 0, lost: 1 });
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'sent', attempts: 2, lastResponse: '250 ok' });
  });

  it('on stop, lets a running attempt finish, then aborts one that outlasts the grace period', async () => {
    const { handler } = recordingHandler(
      'slow',
      (_n, attempt) => new Promise<string>((_resolve, reject) => attempt.signal.addEventListener('abort', () => reject(new Error('aborted by shutdown')))),
    );
    const { id } = await h.store.outbound.enqueue(h.store.db, { kind: 'slow', payload: { n: 1 }, dedupeKey: 'slow:1' });
    const w = worker([handler], { stopGraceMs: 10 });
    const ticking = w.tick();
    await expect.poll(async () => (await h.store.outbound.get(id))?.status).toBe('sending');
    await w.stop();
    expect((await ticking).failed).toBe(1);
    expect(await h.store.outbound.get(id)).toMatchObject({ status: 'failed', lastError: 'aborted by shutdown' });
    // Stopped: it claims nothing more.
    h.advance(DEFAULT_BACKOFF.maxMs);
    expect(await w.tick()).toEqual({ sent: 0, failed: 0, dead: 0, lost: 0 });
  });

  it('lists the newest jobs of a kind by status and prunes old finished ones', async () => {
    const listed = await h.store.outbound.list({ kind: 'refused', statuses: ['dead'], limit: 10 });
    expect(listed.map((j) => j.dedupeKey)).toEqual(['refused:2', 'refused:1']);
    h.advance(1);
    const pruned = await h.store.outbound.pruneFinished(h.store.clock());
    expect(pruned).toBeGreaterThan(20);
    expect((await h.store.outbound.counts('race')).sent).toBe(0);
    expect((await h.store.outbound.counts('elsewhere')).queued).toBe(1);
  });
});

describe('retry delays', () => {
  it('double with each failure up to the ceiling, with up to half taken off at random', () => {
    const policy = { baseMs: 1_000, maxMs: 60_000 };
    expect(retryDelay(1, policy, () => 0)).toBe(500);
    expect(retryDelay(1, policy, () => 0.999_999)).toBe(1_000);
    expect(retryDelay(3, policy, () => 0)).toBe(2_000);
    expect(retryDelay(50, policy, () => 0)).toBe(30_000);
    expect(retryDelay(50, policy, () => 0.999_999)).toBe(60_000);
  });

  it('refuse a second handler for one kind', () => {
    const one = recordingHandler('dup').handler;
    expect(() => new OutboundHandlers([one, one])).toThrow('already registered');
  });
});
