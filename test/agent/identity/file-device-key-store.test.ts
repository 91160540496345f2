import { createPublicKey } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeviceKeyError, loadOrCreateDeviceKey } from '../../../agent/identity/device-key.js';
import { FileDeviceKeyStore } from '../../../agent/identity/file-device-key-store.js';
import { withTempDir } from '../helpers/temp-dir.js';
import { verifies } from '../helpers/verify-signature.js';

describe('FileDeviceKeyStore', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let path: string;
  beforeEach(async () => {
    tmp = await withTempDir();
    path = join(tmp.dir, 'device-key.pem');
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('makes a P-256 key once, owner-only, and reads the same key back after a restart', async () => {
    expect(await new FileDeviceKeyStore(path).load()).toBeNull();
    const made = await loadOrCreateDeviceKey(new FileDeviceKeyStore(path));
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    // No temp file left beside it.
    expect(await readdir(tmp.dir)).toEqual(['device-key.pem']);
    const again = await loadOrCreateDeviceKey(new FileDeviceKeyStore(path));
    expect(again.publicKeySpki.equals(made.publicKeySpki)).toBe(true);
    expect(createPublicKey({ key: made.publicKeySpki, format: 'der', type: 'spki' }).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const data = Buffer.from('challenge and fields');
    const signature = await again.sign(data);
    expect(signature).toHaveLength(64);
    expect(verifies(made, data, signature)).toBe(true);
    expect(verifies(made, Buffer.from('other'), signature)).toBe(false);
  });

  it('tightens a key file others could read', async () => {
    if (process.platform === 'win32') return;
    await new FileDeviceKeyStore(path).create();
    const { chmod } = await import('node:fs/promises');
    await chmod(path, 0o644);
    await new FileDeviceKeyStore(path).load();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('a damaged key file is a clear error, never silently replaced by a new key', async () => {
    for (const damaged of ['garbage', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n']) {
      await writeFile(path, damaged, { mode: 0o600 });
      const store = new FileDeviceKeyStore(path);
      const error = await loadOrCreateDeviceKey(store).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceKeyError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(/damaged/);
      expect(await readFile(path, 'utf8')).toBe(damaged);
    }
  });

  it('refuses a key of another kind (RSA)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(path, rsa, { mode: 0o600 });
    await expect(new FileDeviceKeyStore(path).load()).rejects.toThrow(/not an ECDSA P-256 key/);
  });
});
