import type { Readable } from 'node:stream';

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`attachment exceeds ${limit} bytes`);
  }
}

/**
 * Where attachment bytes live, addressed by their SHA-256: the same screenshot sent twice is stored
 * once, and a blob's name proves its content. Files on disk today; an object store can implement the
 * same interface.
 */
export interface BlobStore {
  /** Streams bytes in, hashing as they pass; refuses more than `maxBytes`. */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  open(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
  /**
   * Deletes the blob when its bytes were last written before `writtenBefore` and `isReferenced`
   * still says no once the blob is out of reach of new readers. Any upload of the same content
   * rewrites the blob, so a recent write means an upload may still be about to reference it.
   */
  collect(sha256: string, writtenBefore: number, isReferenced: () => Promise<boolean>): Promise<BlobCollection>;
  /** Removes half-written uploads left by a crash, older than `writtenBefore`; returns how many. */
  sweepTemporary(writtenBefore: number): Promise<number>;
  /**
   * Puts back blobs that a `collect` interrupted by a crash had set aside (out of readers' reach while
   * it checked them); returns how many. Run before collecting: the set-aside blob may still be referenced.
   */
  restoreSetAside(): Promise<number>;
}

export type BlobCollection = 'removed' | 'kept' | 'missing';
