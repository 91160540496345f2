import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tryLock } from '../../agent/support/process-lock.js';
import { processStartTime } from '../../agent/support/process-start.js';
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

  it('is never taken from a live owner through a fresh empty lock file (a writer between create and write)', async () => {
    const tmp = await withTempDir();
    try {
      const path = join(tmp.dir, 'deliver.lock');
      await writeFile(path, '');
      expect(await tryLock(path)).toBeNull();
    } finally {
      await tmp.cleanup();
    }
  });

  it('tells a live owner from a dead one whose pid was reused, by process start time', async () => {
    const tmp = await withTempDir();
    try {
      const path = join(tmp.dir, 'deliver.lock');
      await writeFile(path, JSON.stringify({ pid: process.ppid, start: processStartTime(process.ppid) }));
      expect(await tryLock(path)).toBeNull();
      // Same pid, another start time: the owner died and the pid now names some other process.
      await writeFile(path, JSON.stringify({ pid: process.ppid, start: 'not-the-start-time' }));
      const release = await tryLock(path);
      expect(release).not.toBeNull();
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
      await release?.();
      expect(await readdir(tmp.dir)).toEqual([]);
    } finally {
      await tmp.cleanup();
    }
  });
});
