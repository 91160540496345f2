import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { BlobTooLargeError, type BlobCollection, type BlobStore, type StoredBlob } from './blob-store.js';

const SHA256 = /^[0-9a-f]{64}$/;
/** `collect-<sha256>-<uuid>`: a blob a collection set aside; the name says where it goes back. */
const SET_ASIDE = /^collect-([0-9a-f]{64})-[0-9a-f-]{36}$/;

/** `root/ab/cd/abcd…`: two fan-out levels keep directories small at millions of files. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private get tmpDir(): string {
    return join(this.root, 'tmp');
  }

  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new BlobTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      // Multipart marks a file cut at its size limit instead of failing the stream.
      if ((source as Readable & { truncated?: boolean }).truncated === true) throw new BlobTooLargeError(maxBytes);
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target);
      return { sha256, size };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!SHA256.test(sha256) || !(await this.has(sha256))) return null;
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async collect(sha256: string, writtenBefore: number, isReferenced: () => Promise<boolean>): Promise<BlobCollection> {
    if (!SHA256.test(sha256)) return 'missing';
    // Cheap answer first, without touching the file readers may be streaming.
    if (await isReferenced()) return 'kept';
    const target = this.pathOf(sha256);
    await mkdir(this.tmpDir, { recursive: true });
    const claimed = join(this.tmpDir, `collect-${sha256}-${randomUUID()}`);
    try {
      // Renaming is atomic: from here no upload can touch these bytes (a new upload of the same
      // content writes a fresh file at `target`), so what we check below stays true.
      await rename(target, claimed);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw err;
    }
    let keep = true;
    try {
      keep = (await stat(claimed)).mtimeMs >= writtenBefore || (await isReferenced());
    } finally {
      if (keep) {
        // Content-addressed: should an upload have rewritten `target` meanwhile, the bytes are equal.
        await this.putBack(claimed, target);
      }
    }
    if (keep) return 'kept';
    await rm(claimed, { force: true });
    return 'removed';
  }

  async sweepTemporary(writtenBefore: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      // Set-aside blobs are restoreSetAside's: their age is the blob's, not a failed upload's.
      if (SET_ASIDE.test(name)) continue;
      const path = join(this.tmpDir, name);
      try {
        if ((await stat(path)).mtimeMs >= writtenBefore) continue;
        await rm(path, { force: true });
        removed += 1;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return removed;
  }

  async restoreSetAside(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let restored = 0;
    for (const name of names) {
      const sha256 = SET_ASIDE.exec(name)?.[1];
      if (sha256 === undefined) continue;
      const target = this.pathOf(sha256);
      await mkdir(join(target, '..'), { recursive: true });
      if (await this.putBack(join(this.tmpDir, name), target)) restored += 1;
    }
    return restored;
  }

  /** Moves a set-aside blob back; false when it is no longer there (another pass already did). */
  private async putBack(claimed: string, target: string): Promise<boolean> {
    try {
      await rename(claimed, target);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
