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
}
