import { chmod, readFile, rm, stat } from 'node:fs/promises';

import { z } from 'zod';

import type { CredentialStore, StoredCredential } from '../host.js';
import { writeFileAtomic } from '../support/atomic-write.js';

const StoredCredentialSchema = z.strictObject({
  serverUrl: z.string().min(1),
  deviceId: z.string().min(1),
  credential: z.string().min(1),
  enrolledAt: z.string().min(1),
});

/**
 * The headless agent's credential: a JSON file only its owner can read (0600; on Windows the data
 * folder under the user's or LocalSystem's profile carries the ACL). A file that has become readable by
 * others is tightened on load, and a damaged file reads as "not enrolled" rather than crashing.
 */
export class FileCredentialStore implements CredentialStore {
  constructor(private readonly path: string) {}

  get description(): string {
    return `file ${this.path} (owner-only)`;
  }

  async load(): Promise<StoredCredential | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    if (process.platform !== 'win32') {
      const { mode } = await stat(this.path);
      if ((mode & 0o077) !== 0) await chmod(this.path, 0o600);
    }
    try {
      return StoredCredentialSchema.parse(JSON.parse(text));
    } catch {
      return null;
    }
  }

  async save(credential: StoredCredential): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(StoredCredentialSchema.parse(credential)), 0o600);
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
