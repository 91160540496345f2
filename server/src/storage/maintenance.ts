import type { Store } from './store.js';

/** Upload ids are remembered this long: far beyond any agent's retry window. */
export const UPLOAD_ID_RETENTION_MS = 30 * 86_400_000;

/**
 * Housekeeping any instance may run at any time (it only deletes what has expired): forgotten upload
 * ids and ended sessions. Safe to run on several instances at once.
 */
export async function runMaintenance(store: Store): Promise<{ uploads: number; sessions: number }> {
  const now = store.clock();
  const uploads = await store.db.deleteFrom('uploads').where('received_at', '<', now - UPLOAD_ID_RETENTION_MS).executeTakeFirst();
  const sessions = await store.db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return { uploads: Number(uploads.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
}
