import type { BlobStore } from '../attachments/blob-store.js';
import { DEFAULT_THROTTLE } from '../auth/login-throttle.js';
import type { Store } from './store.js';

/** Upload ids are remembered this long: far beyond any agent's retry window. */
export const UPLOAD_ID_RETENTION_MS = 30 * 86_400_000;

/**
 * An attachment blob is deleted only when written longer ago than this: far beyond any upload
 * request's life, so a ticket still being filed with the same content has long been stored.
 */
export const BLOB_GRACE_MS = 6 * 3_600_000;

const BLOB_BATCH = 500;

/**
 * Deletes what has expired: forgotten upload ids, ended sessions, unanswered enrollment challenges,
 * finished sign-in throttle windows, files a technician uploaded and never sent.
 */
export async function purgeExpired(store: Store): Promise<{ uploads: number; sessions: number; challenges: number; unsentAttachments: number }> {
  const now = store.clock();
  const uploads = await store.db.deleteFrom('uploads').where('received_at', '<', now - UPLOAD_ID_RETENTION_MS).executeTakeFirst();
  const sessions = await store.db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  // Challenges asked for and never answered (the answered ones are deleted on use).
  const challenges = await store.challenges.purgeExpired();
  await store.loginThrottle.purge(now - DEFAULT_THROTTLE.windowMs);
  const unsent = await store.replyAttachments.removeUnsent();
  // Their blobs may be referenced by nothing now: the attachment cleanup judges them.
  for (const sha256 of unsent) await store.blobCandidates.note(sha256, now);
  return { uploads: Number(uploads.numDeletedRows), sessions: Number(sessions.numDeletedRows), challenges, unsentAttachments: unsent.length };
}

/**
 * Deletes attachment blobs no ticket references once past the grace period, and half-written uploads.
 * First it puts back any blob a collection interrupted by a crash had set aside: that blob's candidate
 * row is still there (it is forgotten only after the collection finished), so it is judged again below
 * instead of being swept as a stray temporary file.
 */
export async function collectAttachments(store: Store, blobStore: BlobStore): Promise<{ blobs: number; temporaryFiles: number; restored: number }> {
  const before = store.clock() - BLOB_GRACE_MS;
  const restored = await blobStore.restoreSetAside();
  let blobs = 0;
  for (;;) {
    const due = await store.blobCandidates.due(before, BLOB_BATCH);
    for (const c of due) {
      const outcome = await blobStore.collect(c.sha256, before, () => store.blobCandidates.isReferenced(c.sha256));
      if (outcome === 'removed') blobs += 1;
      await store.blobCandidates.forget(c.sha256, c.noted_at);
    }
    if (due.length < BLOB_BATCH) break;
  }
  const temporaryFiles = await blobStore.sweepTemporary(before);
  return { blobs, temporaryFiles, restored };
}
