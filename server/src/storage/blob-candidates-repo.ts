import type { Kysely } from 'kysely';

import type { Database } from './tables.js';

/**
 * Every attachment blob an upload writes is noted here before its ticket is stored. Housekeeping later
 * deletes the ones no attachment references (the ticket was refused, or the request died), so blobs
 * are never orphaned, crash or not.
 */
export class BlobCandidatesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async note(sha256: string, now: number): Promise<void> {
    await this.db
      .insertInto('blob_candidates')
      .values({ sha256, noted_at: now })
      .onConflict((oc) => oc.column('sha256').doUpdateSet({ noted_at: now }))
      .execute();
  }

  /** The oldest candidates noted before `before`, a batch at a time. */
  async due(before: number, limit: number): Promise<readonly { sha256: string; noted_at: number }[]> {
    return this.db.selectFrom('blob_candidates').select(['sha256', 'noted_at']).where('noted_at', '<', before).orderBy('noted_at', 'asc').limit(limit).execute();
  }

  /** Forgets a candidate unless an upload noted it again since it was read. */
  async forget(sha256: string, notedAt: number): Promise<void> {
    await this.db.deleteFrom('blob_candidates').where('sha256', '=', sha256).where('noted_at', '=', notedAt).execute();
  }

  async isReferenced(sha256: string): Promise<boolean> {
    const row = await this.db.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
    return row !== undefined;
  }
}
