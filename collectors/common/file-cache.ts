import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bumped when the cache file's layout changes, so an older agent's files are simply misses. */
const CACHE_FORMAT = 1;

/**
 * A fingerprint of files that rarely change: path, mtime and size of each, and of every entry of a
 * watched directory (a directory's own mtime changes when entries are added, removed or renamed, but
 * not when one is rewritten in place). A missing path is part of the fingerprint too, so its later
 * appearance is a change.
 */
export async function filesSignature(paths: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) {
      parts.push(`${path}:-`);
      continue;
    }
    parts.push(`${path}:${info.mtimeMs}:${info.size}`);
    if (!info.isDirectory()) continue;
    const entries = (await readdir(path).catch(() => [] as string[])).sort();
    for (const entry of entries) {
      const child = await stat(join(path, entry)).catch(() => null);
      parts.push(child === null ? `${entry}:-` : `${entry}:${child.mtimeMs}:${child.size}`);
    }
  }
  return parts.join('\n');
}

interface CacheFile {
  readonly format: number;
  readonly signature: string;
  readonly value: unknown;
}

const cachePath = (cacheDir: string, name: string): string => join(cacheDir, `${name}.json`);

/** The cached value when its signature matches and it passes `accept`; anything else (absent, corrupt, stale) is a miss. */
export async function readCached<T>(cacheDir: string, name: string, signature: string, accept: (value: unknown) => T | null): Promise<T | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(cachePath(cacheDir, name), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const file = parsed as Partial<CacheFile>;
  if (file.format !== CACHE_FORMAT || file.signature !== signature) return null;
  return accept(file.value);
}

/** Written beside the target then renamed (a concurrent reader never sees half a file); owner-only. */
export async function writeCached(cacheDir: string, name: string, signature: string, value: unknown): Promise<void> {
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const target = cachePath(cacheDir, name);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const body: CacheFile = { format: CACHE_FORMAT, signature, value };
  await writeFile(temp, JSON.stringify(body), { mode: 0o600 });
  await rename(temp, target);
}

export interface CachedByFilesOptions<T> {
  /** No folder, no caching: `compute` runs every time. */
  readonly cacheDir: string | undefined;
  /** File name inside the cache folder (kebab-case, no extension). */
  readonly name: string;
  /** The files whose change invalidates the value. */
  readonly watch: readonly string[];
  /** Anything else the value depends on (e.g. the boot id for facts that only change across a reboot). */
  readonly key?: string;
  /** Checks a value read back from disk; null rejects it (then it is recomputed). */
  readonly accept: (value: unknown) => T | null;
  /** Derives the value; returning null means "could not tell", which is not cached. */
  readonly compute: () => Promise<T | null>;
}

export interface CachedResult<T> {
  readonly value: T | null;
  readonly fromCache: boolean;
}

/**
 * Re-derives an expensive value only when the files it comes from have changed. Cache trouble (an
 * unreadable folder, a corrupt file, a full disk) never fails the caller: it only costs the saving.
 */
export async function cachedByFiles<T>(options: CachedByFilesOptions<T>): Promise<CachedResult<T>> {
  if (options.cacheDir === undefined) return { value: await options.compute(), fromCache: false };
  const signature = async (): Promise<string> => `${options.key ?? ''}\n${await filesSignature(options.watch)}`;
  const before = await signature();
  const hit = await readCached(options.cacheDir, options.name, before, options.accept);
  if (hit !== null) return { value: hit, fromCache: true };
  const value = await options.compute();
  // Only cache what was derived from a state that held still while it was computed.
  if (value !== null && (await signature()) === before) {
    await writeCached(options.cacheDir, options.name, before, value).catch(() => undefined);
  }
  return { value, fromCache: false };
}
