import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tryLock } from '../../agent/support/process-lock.js';
import { withTempDir } from './helpers/temp-dir.js';

describe('tryLock', () => {
  it('is exclusive while held, free after release, and taken over from a dead owner', async () => {
    const tmp = await withTempDir();
    try {
      const path = join(tmp.dir, 'deliver.lock');
      const release = await tryLock(path);
      expect(release).not.toBeNull();
      // held by a live process (this one, as seen from a "different" owner)
      await writeFile(path, String(process.ppid));
      expect(await tryLock(path)).toBeNull();
      // a pid that cannot exist: the lock is stale
      await writeFile(path, '999999999');
      const again = await tryLock(path);
      expect(again).not.toBeNull();
      await again?.();
      expect(await tryLock(path)).not.toBeNull();
      await release?.();
    } finally {
      await tmp.cleanup();
    }
  });
});
