import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CONSOLE_API_BASE, type TicketDetail } from '@deskside/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { BlobTooLargeError } from '../src/attachments/blob-store.js';
import { S3BlobStore, s3ClientFromEnvironment } from '../src/attachments/s3-blob-store.js';
import { parseS3Url } from '../src/attachments/s3-location.js';
import { runAllJobs } from '../src/housekeeping/jobs.js';
import { BLOB_GRACE_MS } from '../src/storage/maintenance.js';
import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type Harness } from './helpers/harness.js';
import { startCuttingProxy, startS3Server, TEST_BUCKET } from './helpers/s3-server.js';

const HOUR = 3_600_000;
const MiB = 1024 * 1024;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const read = async (stream: Readable | null) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** The client the server would build from the standard AWS variables, aimed at `endpoint`. */
function clientFor(endpoint: string): S3Client {
  vi.stubEnv('AWS_ENDPOINT_URL', endpoint);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  vi.stubEnv('AWS_REGION', '');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
  const env = { ...process.env };
  delete env.AWS_REGION;
  return s3ClientFromEnvironment(env);
}

describe('attachments in an S3-compatible object store', { timeout: 60_000 }, () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let client: S3Client;
  let store: S3BlobStore;
  beforeAll(async () => {
    s3 = await startS3Server();
  }, 30_000);
  afterAll(async () => {
    await s3.close();
  }, 30_000);
  beforeEach(() => {
    client = clientFor(s3.url);
    store = new S3BlobStore(client, parseS3Url(`s3://${TEST_BUCKET}/deskside/${randomBytes(4).toString('hex')}`));
  });
  afterEach(() => {
    client.destroy();
    vi.unstubAllEnvs();
  });

  const keys = async (prefix: string) =>
    ((await client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? '');
  const prefixOf = () => store.describe().slice(`s3://${TEST_BUCKET}/`.length);

  it('reaches the bucket, and names it when it cannot', async () => {
    await store.check();
    await expect(new S3BlobStore(client, parseS3Url('s3://no-such-bucket')).check()).rejects.toThrow(/cannot reach the attachment bucket s3:\/\/no-such-bucket\/: NotFound|NoSuchBucket/);
  });

  it('streams a small and a multipart attachment in and out under its content address', async () => {
    for (const bytes of [randomBytes(1000), randomBytes(6 * MiB + 123)]) {
      const stored = await store.put(Readable.from([bytes.subarray(0, 500), bytes.subarray(500)]), 10 * MiB);
      expect(stored).toEqual({ sha256: sha256(bytes), size: bytes.length });
      expect(await store.has(stored.sha256)).toBe(true);
      expect((await read(await store.open(stored.sha256))).equals(bytes)).toBe(true);
      const digest = stored.sha256;
      expect(await keys(`${prefixOf()}blobs/`)).toContain(`${prefixOf()}blobs/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`);
    }
    // The temporary keys are gone once each upload is placed.
    expect(await keys(`${prefixOf()}tmp/`)).toEqual([]);
    expect(await store.open('0'.repeat(64))).toBeNull();
    expect(await store.open('../../etc/passwd')).toBeNull();
  });

  it('refuses an attachment past its limit and keeps nothing of it', async () => {
    const bytes = randomBytes(64 * 1024);
    await expect(store.put(Readable.from([bytes]), 1000)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.has(sha256(bytes))).toBe(false);
    expect(await keys(prefixOf())).toEqual([]);
  });

  // One PUT cut in its body; a multipart upload whose parts are cut (the store must abort it). Each
  // attempt is a new connection cut again, so the SDK's retries fail too.
  it.each([
    { size: 2 * MiB, cutAfter: 256 * 1024 },
    { size: 12 * MiB, cutAfter: 1 * MiB },
  ])('fails an upload of $size bytes cut off mid-body without storing anything, and works again once the store answers', async ({ size, cutAfter }) => {
    const proxy = await startCuttingProxy(s3.url, cutAfter);
    const cutClient = clientFor(proxy.url);
    try {
      const location = parseS3Url(`s3://${TEST_BUCKET}/${prefixOf()}`);
      const flaky = new S3BlobStore(cutClient, location);
      const bytes = randomBytes(size);
      await expect(flaky.put(Readable.from([bytes]), 16 * MiB)).rejects.toThrow();
      expect(proxy.cuts()).toBeGreaterThan(0);
      expect(await store.has(sha256(bytes))).toBe(false);
      expect(await keys(prefixOf())).toEqual([]);
      // The same bytes through a working connection.
      expect(await store.put(Readable.from([bytes]), 16 * MiB)).toEqual({ sha256: sha256(bytes), size: bytes.length });
    } finally {
      cutClient.destroy();
      await proxy.close();
    }
  });

  it('collects only old, unreferenced blobs, and sweeps old temporary objects', async () => {
    const bytes = randomBytes(2000);
    const { sha256: digest } = await store.put(Readable.from([bytes]), 1 * MiB);
    expect(await store.collect(digest, Date.now() + HOUR, () => Promise.resolve(true))).toBe('kept');
    // Written just now: an upload may be about to reference it.
    expect(await store.collect(digest, Date.now() - HOUR, () => Promise.resolve(false))).toBe('kept');
    let asked = 0;
    expect(await store.collect(digest, Date.now() + HOUR, () => Promise.resolve(++asked > 1))).toBe('kept');
    expect(await store.collect(digest, Date.now() + HOUR, () => Promise.resolve(false))).toBe('removed');
    expect(await store.has(digest)).toBe(false);
    expect(await store.collect(digest, Date.now() + HOUR, () => Promise.resolve(false))).toBe('missing');

    await client.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: `${prefixOf()}tmp/left-by-a-crash`, Body: 'x' }));
    expect(await store.sweepTemporary(Date.now() - HOUR)).toBe(0);
    expect(await store.sweepTemporary(Date.now() + HOUR)).toBe(1);
    expect(await keys(`${prefixOf()}tmp/`)).toEqual([]);
    expect(await store.restoreSetAside()).toBe(0);
  });
});

describe.each(DATABASES)('tickets with attachments in an object store, on %s', { timeout: 60_000 }, (kind) => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let client: S3Client;
  let blobs: S3BlobStore;
  let h: Harness;
  beforeAll(async () => {
    s3 = await startS3Server();
  }, 30_000);
  afterAll(async () => {
    await s3.close();
  }, 30_000);
  beforeEach(async () => {
    client = clientFor(s3.url);
    blobs = new S3BlobStore(client, parseS3Url(`s3://${TEST_BUCKET}/${kind}-${randomBytes(4).toString('hex')}`));
    h = await createHarness(kind, { blobs });
  }, 30_000);
  afterEach(async () => {
    await h.close();
    client.destroy();
    vi.unstubAllEnvs();
  }, 30_000);

  it('stores, serves and cleans up attachments through the device and console APIs', async () => {
    const d = await enroll(h);
    const kept = randomBytes(70_000);
    const orphan = randomBytes(5000);
    const stored = ticketSubmission({ attachments: [{ field: 'log', name: 'log.txt', type: 'text/plain', size: kept.length, sha256: sha256(kept), role: 'file' }] });
    expect((await fileTicket(h, d, stored, [{ field: 'log', bytes: kept }])).statusCode).toBe(200);
    // A declared SHA-256 that the bytes do not match is refused, whatever stores them.
    const lying = ticketSubmission({ attachments: [{ field: 'a', name: 'a.bin', type: 'application/octet-stream', size: orphan.length, sha256: sha256(kept), role: 'file' }] });
    expect((await fileTicket(h, d, lying, [{ field: 'a', bytes: orphan }])).statusCode).toBe(400);

    const tech = await technician(h, 'lin');
    const detail = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${stored.id}`, headers: tech.headers })) as TicketDetail;
    const res = await h.app.inject({ method: 'GET', url: detail.attachments[0]?.downloadUrl ?? '', headers: tech.headers });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(kept)).toBe(true);

    // Past the grace period (the object store's clock is the real one), the refused upload's blob goes.
    h.advance(Date.now() - h.store.clock() + BLOB_GRACE_MS + HOUR);
    expect(await runAllJobs({ store: h.store, blobs })).toMatchObject({ blobs: 1, restored: 0 });
    expect(await blobs.has(sha256(orphan))).toBe(false);
    expect(await blobs.has(sha256(kept))).toBe(true);
  });
});

describe('s3:// attachment locations', () => {
  it('parse a bucket and an optional prefix', () => {
    expect(parseS3Url('s3://helpdesk-files')).toEqual({ bucket: 'helpdesk-files', prefix: '' });
    expect(parseS3Url('s3://helpdesk-files/deskside/prod/')).toEqual({ bucket: 'helpdesk-files', prefix: 'deskside/prod/' });
    expect(() => parseS3Url('s3://')).toThrow(/s3:\/\/BUCKET/);
    expect(() => parseS3Url('s3://Bad_Bucket')).toThrow(/not a valid S3 bucket name/);
    expect(() => parseS3Url('s3://ok-bucket/a/../b')).toThrow(/"\.\."/);
  });
});
