import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The disk is full (or the user's quota is spent): callers keep the user's text and say so. */
export class OutOfSpaceError extends Error {
  constructor(readonly path: string) {
    super(`The disk holding ${dirname(path)} is full: nothing was saved. Free some space and try again.`);
    this.name = 'OutOfSpaceError';
  }
}

const isNoSpace = (e: unknown): boolean => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
};

/**
 * Write a file so that after a crash or power loss it holds either the old or the new content, never a
 * mix: write a temp file beside it, fsync, rename over the target, fsync the folder (POSIX only; Windows
 * cannot open a directory, and NTFS journals the rename).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDirectory(dirname(path));
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (isNoSpace(e)) throw new OutOfSpaceError(path);
    throw e;
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** True for the temp files writeFileAtomic leaves behind when a process dies mid-write. */
export const isAtomicTempFile = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');
