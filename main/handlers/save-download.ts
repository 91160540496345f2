import { open } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** Names Windows keeps for devices: a file named so cannot be created or opened. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A file name safe to create in a folder on every OS: no path, no control or reserved characters, no
 * reserved device name, no trailing dot or space, at most 200 characters. The server's name is what a
 * technician's browser sent: it is never trusted as a path.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim();
  if (clean === '' || /^\.+$/.test(clean)) clean = 'file';
  const ext = extname(clean);
  const stem = clean.slice(0, clean.length - ext.length);
  if (RESERVED.test(stem)) clean = `_${clean}`;
  if (clean.length > 200) clean = clean.slice(0, 200 - ext.length) + ext;
  return clean;
}

/**
 * Writes `bytes` into `dir` under the file's own name, or "name (2).ext", "name (3).ext"… when taken:
 * an existing file is never overwritten (the create is exclusive, so two saves never race onto one).
 */
export async function saveDownload(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const clean = safeFileName(name);
  const ext = extname(clean);
  const stem = clean.slice(0, clean.length - ext.length);
  for (let n = 1; n < 1000; n += 1) {
    const path = join(dir, n === 1 ? clean : `${stem} (${n})${ext}`);
    let handle;
    try {
      handle = await open(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    return path;
  }
  throw new Error(`too many files named like ${clean} in ${dir}`);
}
