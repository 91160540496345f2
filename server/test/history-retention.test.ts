import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runAllJobs } from '../src/housekeeping/jobs.js';
import { DATABASES, createHarness, enroll, type Harness } from './helpers/harness.js';

describe.each(DATABASES)('inventory history retention on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('keeps history within the age limit and at most the newest rows per device', async () => {
    const flipper = await enroll(h);
    const quiet = await enroll(h);
    const now = h.store.clock();
    const DAY = 86_400_000;
    const row = (deviceId: string, at: number, i: number) => ({
      id: randomUUID(),
      device_id: deviceId,
      at,
      kind: 'software-updated',
      category: 'software',
      subject: `Package ${i}`,
      before_value: '1.0',
      after_value: '1.1',
    });
    // A device flipping package versions: 40 rows in the last hour, plus 5 rows from long ago.
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => row(flipper.deviceId, now - 60_000 + i, i)),
      ...Array.from({ length: 5 }, (_, i) => row(flipper.deviceId, now - 400 * DAY + i, 100 + i)),
      ...Array.from({ length: 3 }, (_, i) => row(quiet.deviceId, now - DAY + i, 200 + i)),
    ];
    await h.store.db.insertInto('inventory_history').values(rows).execute();

    const result = await runAllJobs({ store: h.store, retention: { maxAgeDays: 365, maxRowsPerDevice: 25 } });
    expect(result.history).toBe(5 + 15);
    const left = await h.store.db.selectFrom('inventory_history').select(['device_id', 'subject']).orderBy('at', 'asc').execute();
    const flipperLeft = left.filter((r) => r.device_id === flipper.deviceId).map((r) => r.subject);
    expect(flipperLeft).toEqual(Array.from({ length: 25 }, (_, i) => `Package ${15 + i}`));
    expect(left.filter((r) => r.device_id === quiet.deviceId)).toHaveLength(3);
  });
});
