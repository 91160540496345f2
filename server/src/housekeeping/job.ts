import type { BlobStore } from '../attachments/blob-store.js';
import type { ImapSettings } from '../mail-in/imap-url.js';
import type { HistoryRetention } from '../storage/history-retention.js';
import type { Store } from '../storage/store.js';

/** What a housekeeping job may use. */
export interface HousekeepingContext {
  readonly store: Store;
  /** Absent where no attachments are stored (one-shot tools, some tests). */
  readonly blobs?: BlobStore;
  readonly retention: HistoryRetention;
  /** The mailbox read for tickets and replies; absent or null when mail is not read. */
  readonly imap?: ImapSettings | null;
  readonly log?: { warn(details: object, message: string): void };
}

/**
 * One piece of housekeeping. Jobs run on one instance at a time (the lease holder), each at most once
 * per `everyMs` across all instances; a job must still be safe to run twice (a holder that stalls past
 * its lease can overlap with the next one) and must finish on its own.
 */
export interface HousekeepingJob {
  /** Stable: the key of its schedule row (housekeeping_jobs.name). */
  readonly name: string;
  readonly everyMs: number;
  /** What it did, as counts (for the log and tests). */
  run(context: HousekeepingContext): Promise<Readonly<Record<string, number>>>;
}
