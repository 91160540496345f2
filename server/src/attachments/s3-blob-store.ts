import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

import { BlobTooLargeError, type BlobCollection, type BlobStore, type StoredBlob } from './blob-store.js';
import type { S3Location } from './s3-location.js';

const SHA256 = /^[0-9a-f]{64}$/;
/** S3's smallest multipart part: bodies up to this size go up in one PUT, larger ones in parts. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * The S3 client for `--attachments s3://…`, configured by the standard AWS variables: AWS_REGION,
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or any source of the SDK's default chain: profiles, web
 * identity, instance roles) and AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3) for MinIO, Ceph RGW and the
 * like, which are then addressed path-style. Checksums are sent only where S3 requires them: several
 * S3-compatible servers refuse the newer streamed checksum trailers, and the store checks SHA-256 itself.
 */
export function s3ClientFromEnvironment(env: NodeJS.ProcessEnv = process.env): S3Client {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const custom = endpoint !== undefined && endpoint !== '';
  return new S3Client({
    ...(custom ? { endpoint, forcePathStyle: true } : {}),
    // A custom endpoint rarely cares about the region, but the SDK insists on one.
    ...(env.AWS_REGION === undefined && env.AWS_DEFAULT_REGION === undefined && custom ? { region: 'us-east-1' } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

const notFound = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404);

/**
 * Attachments in an S3-compatible object store, under `PREFIX/blobs/ab/cd/<sha256>`: instances share
 * them without a shared disk. An upload streams to a temporary key while it is hashed and counted
 * (refused past its size limit), then is copied server-side to its content address and checked there
 * (the stored size must match what passed through). Downloads stream from the store.
 */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly location: S3Location,
  ) {}

  describe(): string {
    return `s3://${this.location.bucket}/${this.location.prefix}`;
  }

  /** Fails with a clear message when the bucket cannot be reached with the configured credentials. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.location.bucket }));
    } catch (err) {
      const why = err instanceof S3ServiceException ? `${err.name} (HTTP ${err.$metadata.httpStatusCode ?? '?'})` : err instanceof Error ? err.message : String(err);
      throw new Error(`cannot reach the attachment bucket ${this.describe()}: ${why}`, { cause: err });
    }
  }

  private keyOf(sha256: string): string {
    return `${this.location.prefix}blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  private get tmpPrefix(): string {
    return `${this.location.prefix}tmp/`;
  }

  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const Bucket = this.location.bucket;
    const tmpKey = `${this.tmpPrefix}${randomUUID()}`;
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
    const body = new PassThrough();
    const upload = new Upload({ client: this.client, params: { Bucket, Key: tmpKey, Body: body }, partSize: PART_BYTES, queueSize: 1, leavePartsOnError: false });
    const uploaded = upload.done();
    // Seen by the finally below even when the pipeline fails first.
    uploaded.catch(() => undefined);
    try {
      try {
        await pipeline(source, meter, body);
      } catch (err) {
        await upload.abort().catch(() => undefined);
        throw err;
      }
      await uploaded;
      // Multipart marks a file cut at its size limit instead of failing the stream.
      if ((source as Readable & { truncated?: boolean }).truncated === true) throw new BlobTooLargeError(maxBytes);
      const sha256 = hash.digest('hex');
      const Key = this.keyOf(sha256);
      // Copying rewrites the object even when the content exists: its age restarts, which is what
      // keeps housekeeping from deleting a blob an upload is about to reference.
      await this.client.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${encodeURI(tmpKey)}`, MetadataDirective: 'REPLACE', ContentType: 'application/octet-stream' }));
      const stored = await this.client.send(new HeadObjectCommand({ Bucket, Key }));
      if (stored.ContentLength !== size) throw new Error(`the object store kept ${stored.ContentLength ?? '?'} bytes of a ${size}-byte attachment`);
      return { sha256, size };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket, Key: tmpKey })).catch(() => undefined);
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(sha256) }));
      return res.Body instanceof Readable ? res.Body : null;
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.writtenAt(sha256)) !== null;
  }

  private async writtenAt(sha256: string): Promise<number | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(sha256) }));
      return head.LastModified?.getTime() ?? 0;
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async collect(sha256: string, writtenBefore: number, isReferenced: () => Promise<boolean>): Promise<BlobCollection> {
    if (!SHA256.test(sha256)) return 'missing';
    if (await isReferenced()) return 'kept';
    const written = await this.writtenAt(sha256);
    if (written === null) return 'missing';
    // Asked again after the age check: a ticket committed meanwhile keeps it.
    if (written >= writtenBefore || (await isReferenced())) return 'kept';
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(sha256) }));
    return 'removed';
  }

  async sweepTemporary(writtenBefore: number): Promise<number> {
    let removed = 0;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: this.tmpPrefix, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined || (object.LastModified?.getTime() ?? 0) >= writtenBefore) continue;
        await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: object.Key }));
        removed += 1;
      }
      ContinuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (ContinuationToken !== undefined);
    return removed;
  }

  /** Nothing is ever set aside here: a collection deletes in one request. */
  restoreSetAside(): Promise<number> {
    return Promise.resolve(0);
  }
}
