import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FsBlobStore } from '../src/attachments/fs-blob-store.js';
import { runAllJobs } from '../src/housekeeping/jobs.js';
import { BLOB_GRACE_MS } from '../src/storage/maintenance.js';
import { DATABASES, createHarness, enroll, fileTicket, sha256, ticketSubmission, type Harness } from './helpers/harness.js';

const HOUR = 3_600_000;
const blobPath = (root: string, digest: string) => join(root, digest.slice(0, 2), digest.slice(2, 4), digest);
const exists = async (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
/** Makes a file look written at `ms` (the test clock is not the wall clock). */
const writtenAt = (path: string, ms: number) => utimes(path, new Date(ms), new Date(ms));

describe.each(DATABASES)('attachment blob housekeeping on %s', (kind) => {
  let h: Harness;
  let blobs: FsBlobStore;
  let root: string;
  beforeEach(async () => {
    h = await createHarness(kind);
    root = join(h.dataDir, 'attachments');
    blobs = new FsBlobStore(root);
  });
  afterEach(async () => {
    await h.close();
  });

  it('deletes the blobs of a refused ticket once the grace period has passed, and keeps used ones', async () => {
    const d = await enroll(h);
    const kept = randomBytes(4096);
    const orphan = randomBytes(4096);
    const stored = ticketSubmission({ attachments: [{ field: 'log', name: 'log.txt', type: 'text/plain', size: kept.length, sha256: sha256(kept), role: 'file' }] });
    expect((await fileTicket(h, d, stored, [{ field: 'log', bytes: kept }])).statusCode).toBe(200);
    // Two files declared, one sent: the ticket is refused after the first file was written.
    const refused = ticketSubmission({
      attachments: [
        { field: 'a', name: 'a.bin', type: 'application/octet-stream', size: orphan.length, sha256: sha256(orphan), role: 'file' },
        { field: 'b', name: 'b.bin', type: 'application/octet-stream', size: 1, sha256: sha256(Buffer.from('x')), role: 'file' },
      ],
    });
    expect((await fileTicket(h, d, refused, [{ field: 'a', bytes: orphan }])).statusCode).toBe(400);
    expect(await h.store.tickets.row(refused.id)).toBeNull();
    expect(await exists(blobPath(root, sha256(orphan)))).toBe(true);

    // Within the grace period nothing goes: an upload of the same bytes may still be in flight.
    expect((await runAllJobs({ store: h.store, blobs })).blobs).toBe(0);
    expect(await exists(blobPath(root, sha256(orphan)))).toBe(true);

    h.advance(BLOB_GRACE_MS + HOUR);
    const old = h.store.clock() - BLOB_GRACE_MS - 1;
    await writtenAt(blobPath(root, sha256(orphan)), old);
    await writtenAt(blobPath(root, sha256(kept)), old);
    const result = await runAllJobs({ store: h.store, blobs });
    expect(result.blobs).toBe(1);
    expect(await exists(blobPath(root, sha256(orphan)))).toBe(false);
    expect(await exists(blobPath(root, sha256(kept)))).toBe(true);
    expect(await h.store.db.selectFrom('blob_candidates').selectAll().execute()).toEqual([]);
  });

  it('keeps an unreferenced blob that an upload rewrote recently, and checks it again later', async () => {
    const d = await enroll(h);
    const bytes = randomBytes(2048);
    const refused = ticketSubmission({
      attachments: [
        { field: 'a', name: 'a.bin', type: 'application/octet-stream', size: bytes.length, sha256: sha256(bytes), role: 'file' },
        { field: 'b', name: 'b.bin', type: 'application/octet-stream', size: 1, sha256: sha256(Buffer.from('x')), role: 'file' },
      ],
    });
    expect((await fileTicket(h, d, refused, [{ field: 'a', bytes }])).statusCode).toBe(400);
    h.advance(BLOB_GRACE_MS + HOUR);
    // Another device's upload of the same screenshot just wrote the bytes again; its ticket is not stored yet.
    await writtenAt(blobPath(root, sha256(bytes)), h.store.clock() - 60_000);
    await h.store.blobCandidates.note(sha256(bytes), h.store.clock());
    expect((await runAllJobs({ store: h.store, blobs })).blobs).toBe(0);
    expect(await exists(blobPath(root, sha256(bytes)))).toBe(true);

    // That upload's ticket never arrived: the next round after its grace period removes the blob.
    h.advance(BLOB_GRACE_MS + HOUR);
    await writtenAt(blobPath(root, sha256(bytes)), h.store.clock() - BLOB_GRACE_MS - 1);
    expect((await runAllJobs({ store: h.store, blobs })).blobs).toBe(1);
    expect(await exists(blobPath(root, sha256(bytes)))).toBe(false);
  });
});

describe('file blob store collection', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'deskside-blobs-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const put = (store: FsBlobStore, bytes: Buffer) => store.put(Readable.from([bytes]), 1 << 20);

  it('keeps a blob whose reference appears while it is being collected, readable at the same path', async () => {
    const store = new FsBlobStore(root);
    const bytes = randomBytes(1000);
    const { sha256: digest } = await put(store, bytes);
    let asked = 0;
    // Not referenced at the first look; a ticket commits before the second.
    const outcome = await store.collect(digest, Date.now() + HOUR, () => Promise.resolve(++asked > 1));
    expect(outcome).toBe('kept');
    expect(asked).toBe(2);
    expect(await store.has(digest)).toBe(true);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('removes an old unreferenced blob, reports a missing one, and ignores malformed names', async () => {
    const store = new FsBlobStore(root);
    const { sha256: digest } = await put(store, randomBytes(100));
    await writtenAt(blobPath(root, digest), Date.now() - 2 * HOUR);
    expect(await store.collect(digest, Date.now() - HOUR, () => Promise.resolve(false))).toBe('removed');
    expect(await store.has(digest)).toBe(false);
    expect(await store.collect(digest, Date.now(), () => Promise.resolve(false))).toBe('missing');
    expect(await store.collect('../../etc/passwd', Date.now(), () => Promise.resolve(false))).toBe('missing');
  });

  it('sweeps only old half-written uploads', async () => {
    const store = new FsBlobStore(root);
    await mkdir(join(root, 'tmp'), { recursive: true });
    await writeFile(join(root, 'tmp', 'old'), 'x');
    await writeFile(join(root, 'tmp', 'fresh'), 'y');
    await writtenAt(join(root, 'tmp', 'old'), Date.now() - 2 * HOUR);
    expect(await store.sweepTemporary(Date.now() - HOUR)).toBe(1);
    expect(await readdir(join(root, 'tmp'))).toEqual(['fresh']);
  });
});

describe.each(DATABASES)('a collection cut short by a crash, on %s', (kind) => {
  let h: Harness;
  let blobs: FsBlobStore;
  let root: string;
  beforeEach(async () => {
    h = await createHarness(kind);
    root = join(h.dataDir, 'attachments');
    blobs = new FsBlobStore(root);
  });
  afterEach(async () => {
    await h.close();
  });

  /** What `collect` leaves behind when the process dies between setting a blob aside and deciding. */
  const setAsideByCrash = async (digest: string) => {
    await mkdir(join(root, 'tmp'), { recursive: true });
    const aside = join(root, 'tmp', `collect-${digest}-${randomUUID()}`);
    await rename(blobPath(root, digest), aside);
    return aside;
  };

  it('puts a still-used attachment back instead of sweeping it as a stray file', async () => {
    const d = await enroll(h);
    const bytes = randomBytes(3000);
    const submission = ticketSubmission({ attachments: [{ field: 'log', name: 'log.txt', type: 'text/plain', size: bytes.length, sha256: sha256(bytes), role: 'file' }] });
    expect((await fileTicket(h, d, submission, [{ field: 'log', bytes }])).statusCode).toBe(200);
    // The candidate row outlives the crash: it is forgotten only after a collection finishes.
    await h.store.blobCandidates.note(sha256(bytes), h.store.clock());
    h.advance(BLOB_GRACE_MS + HOUR);
    const aside = await setAsideByCrash(sha256(bytes));
    await writtenAt(aside, h.store.clock() - BLOB_GRACE_MS - HOUR);

    const result = await runAllJobs({ store: h.store, blobs });
    expect(result).toMatchObject({ restored: 1, blobs: 0, temporaryFiles: 0 });
    expect(await exists(aside)).toBe(false);
    const stream = await blobs.open(sha256(bytes));
    const chunks: Buffer[] = [];
    for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('puts an unused blob back and then collects it in the same round', async () => {
    const { sha256: digest } = await blobs.put(Readable.from([randomBytes(500)]), 1 << 20);
    await h.store.blobCandidates.note(digest, h.store.clock());
    h.advance(BLOB_GRACE_MS + HOUR);
    const aside = await setAsideByCrash(digest);
    await writtenAt(aside, h.store.clock() - BLOB_GRACE_MS - HOUR);

    expect(await runAllJobs({ store: h.store, blobs })).toMatchObject({ restored: 1, blobs: 1, temporaryFiles: 0 });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await blobs.has(digest)).toBe(false);
  });
});
