import type { BlobStore } from '../attachments/blob-store.js';
import { DEFAULT_THROTTLE } from '../auth/login-throttle.js';
import { autoCloseResolved } from './auto-close.js';
import { DEFAULT_HISTORY_RETENTION, pruneHistory, type HistoryRetention } from './history-retention.js';
import type { Store } from './store.js';

/** Upload ids are remembered this long: far beyond any agent's retry window. */
export const UPLOAD_ID_RETENTION_MS = 30 * 86_400_000;

/**
 * An attachment blob is deleted only when written longer ago than this: far beyond any upload
 * request's life, so a ticket still being filed with the same content has long been stored.
 */
export const BLOB_GRACE_MS = 6 * 3_600_000;

const BLOB_BATCH = 500;

export interface MaintenanceResult {
  readonly uploads: number;
  readonly sessions: number;
  readonly blobs: number;
  readonly temporaryFiles: number;
  readonly challenges: number;
  /** Inventory history rows past the retention. */
  readonly history: number;
  /** Resolved tickets closed because their requester did not answer in time. */
  readonly autoClosed: number;
}

/**
 * Housekeeping any instance may run at any time (it only deletes what has expired or nothing uses):
 * forgotten upload ids, ended sessions, unanswered enrollment challenges, attachment blobs no ticket references,
 * and it closes resolved tickets left unanswered past the helpdesk setting. Safe to run on several
 * instances at once.
 */
export async function runMaintenance(store: Store, blobStore?: BlobStore, retention: HistoryRetention = DEFAULT_HISTORY_RETENTION): Promise<MaintenanceResult> {
  const now = store.clock();
  const uploads = await store.db.deleteFrom('uploads').where('received_at', '<', now - UPLOAD_ID_RETENTION_MS).executeTakeFirst();
  const sessions = await store.db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  // Challenges asked for and never answered (the answered ones are deleted on use).
  const challenges = await store.challenges.purgeExpired();
  await store.loginThrottle.purge(now - DEFAULT_THROTTLE.windowMs);
  const history = await pruneHistory(store.db, now, retention);
  const autoClosed = await autoCloseResolved(store);
  let blobs = 0;
  let temporaryFiles = 0;
  if (blobStore !== undefined) {
    const before = now - BLOB_GRACE_MS;
    for (;;) {
      const due = await store.blobCandidates.due(before, BLOB_BATCH);
      for (const c of due) {
        const outcome = await blobStore.collect(c.sha256, before, () => store.blobCandidates.isReferenced(c.sha256));
        if (outcome === 'removed') blobs += 1;
        await store.blobCandidates.forget(c.sha256, c.noted_at);
      }
      if (due.length < BLOB_BATCH) break;
    }
    temporaryFiles = await blobStore.sweepTemporary(before);
  }
  return { uploads: Number(uploads.numDeletedRows), sessions: Number(sessions.numDeletedRows), blobs, temporaryFiles, challenges, history, autoClosed };
}
