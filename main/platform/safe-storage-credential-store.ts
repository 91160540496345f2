import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { safeStorage } from 'electron';
import { z } from 'zod';

import type { CredentialStore, StoredCredential } from '../../agent/host.js';

const StoredCredentialSchema = z.strictObject({
  serverUrl: z.string().min(1),
  deviceId: z.string().min(1),
  credential: z.string().min(1),
  enrolledAt: z.string().min(1),
});

/**
 * The device credential encrypted with the OS's secret store through Electron safeStorage (DPAPI on
 * Windows, the login Keychain on macOS, libsecret/kwallet on Linux), kept as an owner-only file.
 * Where Linux offers no secret service Chromium falls back to a fixed key; we say so in `description`
 * so `status` tells an administrator the truth.
 */
export function safeStorageCredentialStore(dir: string): CredentialStore {
  const file = join(dir, 'device-credential.bin');
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const where = process.platform === 'win32' ? 'Windows DPAPI' : process.platform === 'darwin' ? 'macOS Keychain' : `Linux ${backend ?? 'secret store'}`;
  return {
    description: backend === 'basic_text' ? `${file} (no secret service available: obfuscated, not encrypted)` : `${file} (encrypted with ${where})`,
    async load() {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS secret store is not available yet; cannot read the device credential');
      const parsed = StoredCredentialSchema.safeParse(JSON.parse(safeStorage.decryptString(bytes)));
      if (!parsed.success) throw new Error(`the stored device credential in ${file} is damaged; enroll again`);
      return parsed.data;
    },
    async save(credential: StoredCredential) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS secret store is not available; the device credential was not saved');
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, safeStorage.encryptString(JSON.stringify(credential)), { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, file);
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
