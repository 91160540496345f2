import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeviceKeyError, loadOrCreateDeviceKey, type DeviceKeyStore } from '../../../agent/identity/device-key.js';
import { FileDeviceKeyStore } from '../../../agent/identity/file-device-key-store.js';
import { FallbackDeviceKeyStore, osDeviceKeyStore } from '../../../agent/identity/os-device-key-store.js';
import { createFakeSystem } from '../../collectors/fake-system.js';
import { withTempDir } from '../helpers/temp-dir.js';

const refusing: DeviceKeyStore = {
  description: 'keystore that refuses',
  load: () => Promise.reject(new DeviceKeyError('no access')),
  create: () => Promise.reject(new DeviceKeyError('no access')),
};

describe('choosing the device key store', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  beforeEach(async () => {
    tmp = await withTempDir();
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('Linux keeps the key in the data folder', () => {
    expect(osDeviceKeyStore('linux', createFakeSystem({}), tmp.dir).description).toBe(`file ${join(tmp.dir, 'device-key.pem')} (owner-only)`);
  });

  it('falls back to the owner-only file when the keystore cannot be used, and keeps using that key', async () => {
    const file = new FileDeviceKeyStore(join(tmp.dir, 'device-key.pem'));
    const store = new FallbackDeviceKeyStore(refusing, file);
    const made = await loadOrCreateDeviceKey(store);
    expect(store.description).toContain('device-key.pem');
    const again = await loadOrCreateDeviceKey(new FallbackDeviceKeyStore(refusing, file));
    expect(again.publicKeySpki.equals(made.publicKeySpki)).toBe(true);
  });

  it('Windows without PowerShell access (a per-user install) still gets a key, in the file', async () => {
    const store = osDeviceKeyStore('win32', createFakeSystem({}), tmp.dir);
    await loadOrCreateDeviceKey(store);
    expect(store.description).toContain('device-key.pem');
  });
});
