import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

import { processStartTime } from './process-start.js';

/** Who holds a lock: pid plus that process's start time (null where the OS does not say). */
interface LockOwner {
  readonly pid: number;
  readonly start: string | null;
}

/** A lock file with no readable owner is only given up on after this long (see `isStale`). */
const UNREADABLE_GRACE_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim();
  // Agents before this format wrote the bare pid.
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), start: null };
  try {
    const value = JSON.parse(trimmed) as { pid?: unknown; start?: unknown };
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0) {
      return { pid: value.pid, start: typeof value.start === 'string' ? value.start : null };
    }
  } catch {
    // unreadable: handled by the caller
  }
  return null;
}

/** The owner still runs: same pid, and (where known) the same start time, so a reused pid does not count. */
function ownerAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return owner.start === null || owner.start === processStartTime(process.pid);
  if (!alive(owner.pid)) return false;
  if (owner.start === null) return true;
  const start = processStartTime(owner.pid);
  return start === null || start === owner.start;
}

async function isStale(path: string, text: string): Promise<boolean> {
  const owner = parseOwner(text);
  if (owner) return !ownerAlive(owner);
  // A lock is created whole (link of a written file), so an empty or garbled one is outside damage or
  // an older agent mid-write: wait a little before treating it as abandoned rather than racing it.
  const info = await stat(path).catch(() => null);
  return info === null || Date.now() - info.mtimeMs > UNREADABLE_GRACE_MS;
}

/**
 * Puts the lock in place with its content already whole: a hard link of the written file. A file
 * system without hard links (FAT, some network shares) gets an exclusive create and a write instead;
 * there an owner-less lock is waited out for UNREADABLE_GRACE_MS rather than taken at once.
 */
async function placeWhole(temp: string, path: string, content: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    await writeFile(path, content, { flag: 'wx', mode: 0o600 });
  }
}

/**
 * An exclusive lock file between processes (the daemon's round and a hand-run `sync` or `ticket`).
 * The file is written whole beside the lock and hard-linked into place, so it never exists empty; it
 * names pid + process start time, so a lock left by a killed process is taken over even after its pid
 * was reused. A stale lock is renamed away before it is re-checked, so two processes taking over the
 * same stale lock cannot both win. Returns the release function, or null when another process holds it.
 */
export async function tryLock(path: string): Promise<(() => Promise<void>) | null> {
  const me: LockOwner = { pid: process.pid, start: processStartTime(process.pid) };
  const content = JSON.stringify(me);
  const temp = `${path}.${randomBytes(6).toString('hex')}.new`;
  await writeFile(temp, content, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await placeWhole(temp, path, content);
        return async () => {
          // Only remove the lock while it is still ours (it may have been judged stale and taken over).
          const now = await readFile(path, 'utf8').catch(() => null);
          if (now === content) await rm(path, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = await readFile(path, 'utf8').catch(() => null);
      if (seen === null) continue; // released meanwhile: try again
      if (!(await isStale(path, seen))) return null;
      const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
      try {
        await rename(path, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = await readFile(aside, 'utf8').catch(() => null);
      if (moved !== seen) {
        // Another process took the stale lock over between our read and our rename: give it back.
        await link(aside, path).catch(() => undefined);
        await rm(aside, { force: true });
        return null;
      }
      await rm(aside, { force: true });
    }
    return null;
  } finally {
    await rm(temp, { force: true });
  }
}
