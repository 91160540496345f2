import { createHash, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAgent, type AgentInstance } from '../../agent/agent.js';
import { fakeInventorySource } from '../../test/agent/helpers/sample-inventory.js';
import { DATABASES, createHarness, enroll, newSecret, type Harness } from './helpers/harness.js';

/** The real agent core against the real server over loopback: device keys end to end. */
describe.each(DATABASES)('the agent keeps its device through its key, on %s', (kind) => {
  let h: Harness;
  let base: string;
  let dir: string;
  let agent: AgentInstance;
  let logged: string[];

  beforeEach(async () => {
    h = await createHarness(kind);
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(join(tmpdir(), 'deskside-agent-key-'));
    logged = [];
    const log = (message: string, fields?: Readonly<Record<string, unknown>>) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`);
    agent = await createAgent({
      dataDir: join(dir, 'data'),
      inventory: fakeInventorySource(),
      platform: 'linux',
      policy: { description: 'none', read: async () => ({}) },
      logger: { debug: log, info: log, warn: log, error: log },
    });
  });
  afterEach(async () => {
    await agent.stop();
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  const fingerprintOfKeyFile = async () => {
    const pem = await readFile(join(dir, 'data', 'device-key.pem'), 'utf8');
    return createHash('sha256').update(createPublicKey(pem).export({ type: 'spki', format: 'der' })).digest('hex');
  };
  const deviceId = async () => {
    const state = (await agent.status()).enrollment;
    return state.state === 'enrolled' ? state.deviceId : null;
  };

  it('enrolls with its key, and enrolling again finds the same device', async () => {
    await agent.enroll({ serverUrl: base, enrollSecret: await newSecret(h) });
    const first = await deviceId();
    expect(first).not.toBeNull();
    expect((await h.store.devices.row(first!))?.key_fingerprint).toBe(await fingerprintOfKeyFile());
    await agent.enroll({ serverUrl: base, enrollSecret: await newSecret(h) });
    expect(await deviceId()).toBe(first);
    expect(await h.store.db.selectFrom('devices').select('id').execute()).toHaveLength(1);
    expect((await h.store.audit.forTarget('device', first!)).map((e) => e.action)).toEqual(['device.enroll', 'device.re-enroll']);
  });

  it('a refused credential is recovered by proving the key, without any enrollment secret', async () => {
    await agent.enroll({ serverUrl: base, enrollSecret: await newSecret(h) });
    const id = await deviceId();
    await h.store.devices.revokeCredentials(id!);
    const result = await agent.syncNow();
    expect(result.errors).toEqual([]);
    expect(result.checkedIn).toBe(true);
    expect(await deviceId()).toBe(id);
    expect((await h.store.audit.forTarget('device', id!)).map((e) => e.action)).toContain('device.credential-recover');
    expect(logged.join('\n')).toContain('a new one was issued on proof of the device key');
    // The private key never reaches the log, in PEM or in any other base64 form of its body.
    const pem = await readFile(join(dir, 'data', 'device-key.pem'), 'utf8');
    const body = pem.split('\n').slice(1, -2).join('');
    expect(body.length).toBeGreaterThan(100);
    for (const line of logged) expect(line).not.toContain(body.slice(20, 60));
  });

  it('a device enrolled before keys binds its key at check-in', async () => {
    const legacy = await enroll(h, { hostname: 'legacy-pc' });
    await writeFile(
      join(dir, 'data', 'credential.json'),
      JSON.stringify({ serverUrl: base, deviceId: legacy.deviceId, credential: legacy.credential, enrolledAt: new Date().toISOString() }),
      { mode: 0o600 },
    );
    expect((await h.store.devices.row(legacy.deviceId))?.key_fingerprint).toBeNull();
    const result = await agent.syncNow();
    expect(result.errors).toEqual([]);
    expect((await h.store.devices.row(legacy.deviceId))?.key_fingerprint).toBe(await fingerprintOfKeyFile());
    expect((await h.store.audit.forTarget('device', legacy.deviceId)).map((e) => e.action)).toContain('device.key-bound');
  });
});
