import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));

const { safeStorage } = await import('../electron-mock.js');
const { safeStorageCredentialStore } = await import('../../../main/platform/safe-storage-credential-store.js');

const credential = { serverUrl: 'https://deskside.example.org', deviceId: '7d1c1f0e-4c5a-4b8e-9a57-5d6a0d8d2b11', credential: 'dsk_secret_value', enrolledAt: '2026-11-29T08:00:00.000Z' };

describe('safeStorage credential store', () => {
  it('stores the credential encrypted by the OS, owner-only, and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskside-cred-'));
    const store = safeStorageCredentialStore(dir);
    expect(await store.load()).toBeNull();
    await store.save(credential);
    const file = join(dir, 'device-credential.bin');
    expect((await readFile(file, 'utf8')).includes('dsk_secret_value')).toBe(false);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(credential);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('refuses a damaged file with a clear message and says when Linux has no secret service', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskside-cred-'));
    await writeFile(join(dir, 'device-credential.bin'), safeStorage.encryptString(JSON.stringify({ serverUrl: 'x' })));
    await expect(safeStorageCredentialStore(dir).load()).rejects.toThrow(/damaged; enroll again/);
    const spy = vi.spyOn(safeStorage, 'getSelectedStorageBackend').mockReturnValue('basic_text');
    if (process.platform === 'linux') expect(safeStorageCredentialStore(dir).description).toMatch(/obfuscated, not encrypted/);
    spy.mockRestore();
  });
});
