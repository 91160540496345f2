import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAgent } from '../../agent/agent.js';
import type { HostEventType } from '../../agent/host.js';
import { FakeDeviceServer } from './helpers/fake-device-server.js';
import { fakeInventorySource } from './helpers/sample-inventory.js';
import { withTempDir } from './helpers/temp-dir.js';

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
};

describe('agent daemon (start/stop)', () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
  });
  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('checks in on start and again on resume / network change; schedules the first inventory within the interval', async () => {
    let emit: (e: HostEventType) => void = () => undefined;
    const agent = await createAgent({
      dataDir: join(tmp.dir, 'data'),
      inventory: fakeInventorySource(),
      policy: { description: 'test', read: async () => ({}) },
      events: { subscribe: (listener) => ((emit = listener), () => (emit = () => undefined)) },
      random: () => 0.25,
    });
    await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret });
    const checkins = () => server.requests.filter((r) => r.path.endsWith('/checkin')).length;
    const started = Date.now();
    await agent.start();
    await until(() => checkins() === 1);
    emit('resume');
    await until(() => checkins() === 2);
    emit('network-change');
    await until(() => checkins() === 3);
    const status = await agent.status();
    expect(status.lastCheckinAt).not.toBeNull();
    // random 0.25 of a 24 h interval: six hours from start, not immediately
    const next = Date.parse(JSON.parse(await (await import('node:fs/promises')).readFile(join(tmp.dir, 'data', 'state.json'), 'utf8')).nextInventoryAt);
    expect(Math.round((next - started) / 3_600_000)).toBe(6);
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
    await agent.stop();
    emit('resume');
    expect(checkins()).toBe(3);
  });

  it('enrolls by itself when policy provides the server and the secret', async () => {
    const agent = await createAgent({
      dataDir: join(tmp.dir, 'data2'),
      inventory: fakeInventorySource(),
      policy: { description: 'test', read: async () => ({ serverUrl: server.url, enrollSecret: server.enrollSecret }) },
    });
    await agent.start();
    await until(() => server.enrollments === 1);
    await until(() => server.requests.some((r) => r.path.endsWith('/checkin')));
    expect((await agent.status()).enrollment.state).toBe('enrolled');
    await agent.stop();
  });
});
