import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAgent } from '../../agent/agent.js';
import type { AgentInstance } from '../../agent/agent.js';
import type { InstallerSecretStore } from '../../agent/identity/installer-secret.js';
import { osInstallerSecretStore } from '../../agent/identity/installer-secret.js';
import type { InstallerTagReader } from '../../agent/identity/installer-tag.js';
import { createLogger } from '../../agent/support/logger.js';
import { createSystemAccess } from '../../collectors/exec/system-access.js';
import { FakeDeviceServer } from './helpers/fake-device-server.js';
import { CLI_TIMEOUT_MS, runCli } from './helpers/run-cli.js';
import { canRunTs } from './helpers/run-ts.js';
import { fakeInventorySource } from './helpers/sample-inventory.js';
import { withTempDir } from './helpers/temp-dir.js';

/**
 * Each test runs an agent against a real HTTP server on loopback; under load (two cores, load average
 * 10) one test can take several seconds, so tests and hooks have explicit, generous limits.
 */
const TEST_TIMEOUT_MS = 60_000;

describe('enrollment with the secret the installer left for the agent service', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: FakeDeviceServer;
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let secretFile: string;
  let log: string;
  let agent: AgentInstance | null;
  let tag: InstallerTagReader;

  const open = async (store: InstallerSecretStore, policy: Record<string, unknown> = { serverUrl: server.url }) => {
    agent = await createAgent({
      dataDir: join(tmp.dir, 'data'),
      inventory: fakeInventorySource(),
      policy: { description: 'test policy', read: async () => policy },
      installerSecret: store,
      installerTag: tag,
      policyRefreshMs: 0,
      random: () => 0.5,
      logger: createLogger((line) => (log += line), 'debug'),
    });
    return agent;
  };
  const serviceStore = () => osInstallerSecretStore('linux', createSystemAccess(), { DESKSIDE_ENROLL_SECRET_FILE: secretFile, DESKSIDE_SERVICE: 'systemd' });
  const byHandStore = () => osInstallerSecretStore('linux', createSystemAccess(), { DESKSIDE_ENROLL_SECRET_FILE: secretFile });

  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    tmp = await withTempDir();
    secretFile = join(tmp.dir, 'enroll-secret');
    await writeFile(secretFile, `${server.enrollSecret}\n`, { mode: 0o600 });
    log = '';
    agent = null;
    tag = { description: 'test tag', read: async () => 'Paris 3F' };
  }, TEST_TIMEOUT_MS);
  afterEach(async () => {
    await agent?.stop();
    await server.close();
    await tmp.cleanup();
  }, TEST_TIMEOUT_MS);

  it('the service enrolls by itself, sends the tag, deletes the secret and never logs it', async () => {
    const a = await open(serviceStore());
    await a.runDue('start', true);
    expect((await a.status()).enrollment.state).toBe('enrolled');
    expect(server.enrollRequests).toHaveLength(1);
    expect(server.enrollRequests[0]).toMatchObject({ enrollSecret: server.enrollSecret, tag: 'Paris 3F' });
    expect(server.checkinRequests[0]?.tag).toBe('Paris 3F');
    await expect(stat(secretFile)).rejects.toThrow(/ENOENT/);
    expect(log).toContain("enrolled with the installer's enrollment secret; deleted it");
    expect(log).toContain(secretFile);
    const files = [log, await readFile(join(tmp.dir, 'data', 'state.json'), 'utf8'), await readFile(join(tmp.dir, 'data', 'credential.json'), 'utf8')].join('\n');
    expect(files).not.toContain(server.enrollSecret);
    expect((await a.status()).tag).toBe('Paris 3F');
  });

  it('an administrator enrolling by hand uses the secret and leaves it for the service', async () => {
    const a = await open(byHandStore());
    expect((await a.enroll()).state).toBe('enrolled');
    expect(await readFile(secretFile, 'utf8')).toBe(`${server.enrollSecret}\n`);
    expect(log).toMatch(/it stays in place.*left for the Deskside agent service/);
  });

  it('a secret given on the command line is used instead, and the installer\'s is not touched', async () => {
    await writeFile(secretFile, 'a-different-installer-secret\n', { mode: 0o600 });
    const a = await open(serviceStore());
    await a.enroll({ enrollSecret: server.enrollSecret });
    expect(server.enrollRequests[0]?.enrollSecret).toBe(server.enrollSecret);
    expect(await readFile(secretFile, 'utf8')).toBe('a-different-installer-secret\n');
  });

  it('a refused installer secret names where it came from, stays in place and is not retried in a loop', async () => {
    await writeFile(secretFile, 'an-outdated-enrollment-secret\n', { mode: 0o600 });
    const a = await open(serviceStore());
    await a.runDue('start', true);
    const status = await a.status();
    expect(status.enrollment).toEqual({
      state: 'not-enrolled',
      reason: expect.stringMatching(new RegExp(`^Automatic enrollment failed: The server refused the enrollment secret from ${secretFile} .*ask IT`)),
    });
    expect(await readFile(secretFile, 'utf8')).toBe('an-outdated-enrollment-secret\n');
    const attempts = server.requests.filter((r) => r.path.endsWith('/enroll')).length;
    await a.runDue('resume', true);
    expect(server.requests.filter((r) => r.path.endsWith('/enroll')).length).toBe(attempts);
    expect(log).not.toContain('an-outdated-enrollment-secret');
  });

  it('an unusable secret file is a clear reason, without its content', async () => {
    await writeFile(secretFile, 'short\n', { mode: 0o600 });
    const a = await open(serviceStore());
    await a.runDue('start', true);
    const status = await a.status();
    expect(status.enrollment).toEqual({
      state: 'not-enrolled',
      reason: `Automatic enrollment failed: Cannot enroll: the installer's enrollment secret at ${secretFile} cannot be used: must be at least 8 characters`,
    });
    expect(server.requests.filter((r) => r.path.endsWith('/enroll'))).toEqual([]);
  });

  it('without any secret the agent waits quietly: no request, the usual "not enrolled"', async () => {
    const a = await open(osInstallerSecretStore('linux', createSystemAccess(), { DESKSIDE_ENROLL_SECRET_FILE: join(tmp.dir, 'absent') }));
    await a.runDue('start', true);
    expect(server.requests).toEqual([]);
    expect((await a.status()).enrollment).toEqual({ state: 'not-enrolled', reason: 'This device has not been enrolled yet' });
  });

  it('re-enrolls with the installer secret while it is still there when the credential is revoked', async () => {
    const a = await open(byHandStore());
    await a.enroll();
    server.revokeAll();
    const result = await a.syncNow({ skipInventory: true });
    expect(result.errors).toEqual([]);
    expect(server.enrollments).toBe(2);
    expect((await a.status()).enrollment.state).toBe('enrolled');
  });

  it('an invalid tag is reported once and not sent', async () => {
    tag = { description: 't', read: async () => Promise.reject(new Error("the installer's tag at /etc/deskside/tag is ignored: must be 1 to 128 letters, digits, spaces or . _ : / @ -")) };
    const a = await open(serviceStore());
    await a.runDue('start', true);
    await a.syncNow({ skipInventory: true });
    expect(server.enrollRequests[0]).not.toHaveProperty('tag');
    expect(server.checkinRequests.every((c) => c.tag === undefined)).toBe(true);
    expect(log.match(/the installer's tag at \/etc\/deskside\/tag is ignored/g)).toHaveLength(1);
    expect((await a.status()).tag).toBeUndefined();
  });
});

describe.skipIf(!canRunTs)('deskside-agent enroll with DESKSIDE_ENROLL_SECRET_FILE', () => {
  // A child process loading the agent's TypeScript: the slowest thing here under load.
  it('enrolls without the secret on the command line and leaves the file when not run as the service', { timeout: CLI_TIMEOUT_MS + 30_000 }, async () => {
    const server = await new FakeDeviceServer().start();
    const tmp = await withTempDir();
    try {
      const file = join(tmp.dir, 'enroll-secret');
      await writeFile(file, `${server.enrollSecret}\n`, { mode: 0o600 });
      const result = await runCli(['enroll', '--server', server.url, '--data-dir', join(tmp.dir, 'data')], { DESKSIDE_ENROLL_SECRET_FILE: file, DESKSIDE_SERVICE: '' });
      expect(result.stderr).not.toContain(server.enrollSecret);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Enrolled with http:\/\/127\.0\.0\.1:\d+ as device /);
      expect(await readFile(file, 'utf8')).toBe(`${server.enrollSecret}\n`);
    } finally {
      await server.close();
      await tmp.cleanup();
    }
  });
});
