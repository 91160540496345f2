import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { AGENT_API_BASE } from '@deskside/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RESERVATION_HOLD_MS } from '../src/http/shared-device-budget.js';
import { openDatabase, type DatabaseHandle } from '../src/storage/database.js';
import { Store } from '../src/storage/store.js';
import { createHarness, DATABASES, enroll, PG_URL, START, type EnrolledDevice, type Harness } from './helpers/harness.js';
import { fullInventory, upload } from './helpers/inventory.js';

const MiB = 1024 * 1024;
const DEVICE_BUDGET = 32 * MiB;

/**
 * A device's budget of large uploads being unpacked is one budget for every instance on the database:
 * instance A is the harness's app, instance B a second store on the same SQLite file or PostgreSQL
 * schema, as a second server process would open it.
 */
describe.each(DATABASES)('per-device upload budget shared by instances on %s', (kind) => {
  let h: Harness;
  let otherHandle: DatabaseHandle;
  let other: Store;
  let device: EnrolledDevice;

  beforeAll(async () => {
    h = await createHarness(kind);
    const schema = kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(h.store.db)).rows[0]!.s : undefined;
    otherHandle = kind === 'sqlite' ? openDatabase(`sqlite:${join(h.dataDir, 'deskside.db')}`) : openDatabase(PG_URL ?? '', { schema: schema!, poolSize: 2 });
    other = new Store(otherHandle, () => START);
    device = await enroll(h);
  }, 60_000);

  afterAll(async () => {
    await otherHandle.close();
    await h.close();
  }, 30_000);

  it('refuses a second large body anywhere once one instance holds most of the budget, and frees it on release', async () => {
    const repo = other.uploadReservations;
    const now = START + 1_000_000;
    const first = await repo.reserve(device.deviceId, 30 * MiB, DEVICE_BUDGET, now, RESERVATION_HOLD_MS);
    expect(first).not.toBeNull();
    // Seen from instance A's store too.
    expect(await h.store.uploadReservations.held(device.deviceId, now)).toBe(30 * MiB);
    expect(await h.store.uploadReservations.reserve(device.deviceId, 4 * MiB, DEVICE_BUDGET, now, RESERVATION_HOLD_MS)).toBeNull();
    // Another device is not affected, and a small second body still fits.
    expect(await h.store.uploadReservations.reserve('another-device', 30 * MiB, DEVICE_BUDGET, now, RESERVATION_HOLD_MS)).not.toBeNull();
    const small = await h.store.uploadReservations.reserve(device.deviceId, 1 * MiB, DEVICE_BUDGET, now, RESERVATION_HOLD_MS);
    expect(small).not.toBeNull();
    await repo.release(first!);
    await h.store.uploadReservations.release(small!);
    expect(await h.store.uploadReservations.held(device.deviceId, now)).toBe(0);
  });

  it('lets a reservation of a dead instance lapse', async () => {
    const now = START + 2_000_000;
    const dead = await other.uploadReservations.reserve(device.deviceId, 30 * MiB, DEVICE_BUDGET, now, RESERVATION_HOLD_MS);
    expect(dead).not.toBeNull();
    expect(await h.store.uploadReservations.reserve(device.deviceId, 4 * MiB, DEVICE_BUDGET, now + 1, RESERVATION_HOLD_MS)).toBeNull();
    const later = now + RESERVATION_HOLD_MS;
    const id = await h.store.uploadReservations.reserve(device.deviceId, 4 * MiB, DEVICE_BUDGET, later, RESERVATION_HOLD_MS);
    expect(id).not.toBeNull();
    await h.store.uploadReservations.release(id!);
    await other.uploadReservations.release(dead!);
  });

  it('answers 429 to a large upload while another instance unpacks one of the same device, and stores it after', async () => {
    // A valid inventory padded past the ordinary body limit: large bodies are the ones counted.
    const body = gzipSync(Buffer.from(JSON.stringify(upload(fullInventory())) + ' '.repeat(2 * MiB)));
    const put = () =>
      h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: { ...device.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: body });
    const held = await other.uploadReservations.reserve(device.deviceId, 31 * MiB, DEVICE_BUDGET, Date.now(), RESERVATION_HOLD_MS * 1000);
    expect(held).not.toBeNull();
    const refused = await put();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    await other.uploadReservations.release(held!);
    const stored = await put();
    expect(stored.statusCode).toBe(200);
    // The app gave its own reservation back once it answered.
    await expect.poll(() => h.store.uploadReservations.held(device.deviceId, START)).toBe(0);
  });
});
