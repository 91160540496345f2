import { gzipSync } from 'node:zlib';

import { AGENT_API_BASE } from '@deskside/shared';
import { afterEach, describe, expect, it } from 'vitest';

import { InflateGate } from '../src/http/inflate-gate.js';
import { createHarness, enroll, json, type Harness } from './helpers/harness.js';
import { fullInventory, upload } from './helpers/inventory.js';

describe('InflateGate', () => {
  it('reserves bytes per process and per device, always lets a device with nothing in flight try, and frees once', () => {
    const gate = new InflateGate({ processBytes: 100, deviceBytes: 40 });
    const a = gate.enter('a', 30);
    expect(typeof a).toBe('function');
    expect(gate.enter('a', 20)).toBe('device');
    const small = gate.enter('a', 10);
    expect(typeof small).toBe('function');
    const b = gate.enter('b', 60);
    expect(typeof b).toBe('function');
    expect(gate.enter('c', 1)).toBe('process');
    if (typeof a === 'function') {
      a();
      a();
    }
    expect(gate.inUse).toBe(70);
    expect(typeof gate.enter('c', 30)).toBe('function');
    // Larger than any budget, but nothing else of this device in flight: it may try (the route caps it).
    const lone = new InflateGate({ processBytes: 10, deviceBytes: 10 });
    expect(typeof lone.enter('d', 50)).toBe('function');
  });
});

describe('gzip uploads wait for the gate', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('answers 503 with Retry-After when the process budget is spent, 429 when the device has a large one in flight, then accepts', async () => {
    const gate = new InflateGate({ processBytes: 1024 * 1024, deviceBytes: 1024 * 1024 });
    h = await createHarness('sqlite', { inflate: gate });
    const d = await enroll(h);
    const put = () =>
      h.app.inject({
        method: 'PUT',
        url: `${AGENT_API_BASE}/inventory`,
        headers: { ...d.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gzipSync(JSON.stringify(upload(fullInventory()))),
      });
    const other = gate.enter('another-device', 1024 * 1024);
    const full = await put();
    expect(full.statusCode).toBe(503);
    expect(full.headers['retry-after']).toBe('15');
    expect(json(full)).toMatchObject({ error: { code: 'unavailable' } });
    if (typeof other === 'function') other();

    const mine = gate.enter(d.deviceId, 1024 * 1024);
    const busy = await put();
    expect(busy.statusCode).toBe(429);
    expect(busy.headers['retry-after']).toBe('30');
    if (typeof mine === 'function') mine();

    expect((await put()).statusCode).toBe(200);
    expect(gate.inUse).toBe(0);
  });

  it('refuses a gzip body that inflates past the size its trailer declares (no more memory than reserved)', async () => {
    h = await createHarness('sqlite');
    const d = await enroll(h);
    const body = gzipSync(JSON.stringify(upload(fullInventory())));
    body.writeUInt32LE(64, body.length - 4);
    const res = await h.app.inject({
      method: 'PUT',
      url: `${AGENT_API_BASE}/inventory`,
      headers: { ...d.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'bad_request' } });
  });
});
