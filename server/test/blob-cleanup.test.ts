import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FsBlobStore } from '../src/attachments/fs-blob-store.js';
import { BLOB_GRACE_MS, runMaintenance } from '../src/storage/maintenance.js';
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
    expect((await runMaintenance(h.store, blobs)).blobs).toBe(0);
    expect(await exists(blobPath(root, sha256(orphan)))).toBe(true);

    h.advance(BLOB_GRACE_MS + HOUR);
    const old = h.store.clock() - BLOB_GRACE_MS - 1;
    await writtenAt(blobPath(root, sha256(orphan)), old);
    await writtenAt(blobPath(root, sha256(kept)), old);
    const result = await runMaintenance(h.store, blobs);
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
    expect((await runMaintenance(h.store, blobs)).blobs).toBe(0);
    expect(await exists(blobPath(root, sha256(bytes)))).toBe(true);

    // That upload's ticket never arrived: the next round after its grace period removes the blob.
    h.advance(BLOB_GRACE_MS + HOUR);
    await writtenAt(blobPath(root, sha256(bytes)), h.store.clock() - BLOB_GRACE_MS - 1);
    expect((await runMaintenance(h.store, blobs)).blobs).toBe(1);
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
