import { applyFleetRules } from '../assets/device-lifecycle.js';
import { snapshotFindings } from '../findings/fleet-findings.js';
import { readMailboxOnce } from '../mail-in/mailbox-reader.js';
import { autoCloseResolved } from '../storage/auto-close.js';
import { DEFAULT_HISTORY_RETENTION, pruneHistory } from '../storage/history-retention.js';
import { collectAttachments, purgeExpired } from '../storage/maintenance.js';
import type { HousekeepingContext, HousekeepingJob } from './job.js';

const HOUR = 3_600_000;

export const expiredRecordsJob: HousekeepingJob = {
  name: 'expired-records',
  everyMs: HOUR,
  run: ({ store }) => purgeExpired(store),
};

export const historyRetentionJob: HousekeepingJob = {
  name: 'history-retention',
  everyMs: HOUR,
  run: async ({ store, retention }) => ({ history: await pruneHistory(store.db, store.clock(), retention) }),
};

/**
 * Resolved tickets their requester left unanswered for the helpdesk's number of days are closed (and
 * their service-level clocks stop); one conditional UPDATE, so an overlapping run closes each once.
 */
export const ticketAutoCloseJob: HousekeepingJob = {
  name: 'ticket-auto-close',
  everyMs: HOUR,
  run: async ({ store }) => ({ autoClosed: await autoCloseResolved(store) }),
};

/**
 * Service-level breaches are recorded and notified within a minute of falling due, even on a ticket
 * nobody touches (a ticket's own changes record them at once). Each breach is recorded once per ticket
 * and target by a unique key, so an overlapping run is harmless.
 */
export const slaBreachWatchJob: HousekeepingJob = {
  name: 'sla-breach-watch',
  everyMs: 60_000,
  run: async ({ store }) => ({ slaBreaches: await store.workflow.watchBreaches(), slaDueSoon: await store.workflow.watchDueSoon() }),
};

/** Users' searches feed the knowledge-base report (at most a year back): kept a little longer, then gone. */
export const KB_SEARCH_RETENTION_MS = 400 * 86_400_000;

export const kbSearchRetentionJob: HousekeepingJob = {
  name: 'kb-search-retention',
  everyMs: HOUR,
  run: async ({ store }) => ({ kbSearches: await store.kbUsage.pruneSearches(store.clock() - KB_SEARCH_RETENTION_MS) }),
};

/**
 * The fleet rules: devices not seen for the configured days are flagged, later retired, and devices
 * out of service long enough are deleted (see assets/device-lifecycle.ts). Hourly is plenty for rules
 * counted in days.
 */
export const deviceLifecycleJob: HousekeepingJob = {
  name: 'device-lifecycle',
  everyMs: HOUR,
  run: async ({ store }) => applyFleetRules(store, await store.fleetRules.get()),
};

/** Fleet health's 30-day trends: each finding counted into the day's snapshot, hourly (the day's last count stands). */
export const fleetFindingsSnapshotJob: HousekeepingJob = {
  name: 'fleet-findings-snapshot',
  everyMs: HOUR,
  run: ({ store }) => snapshotFindings(store),
};

export const attachmentCleanupJob: HousekeepingJob = {
  name: 'attachment-cleanup',
  everyMs: HOUR,
  run: async ({ store, blobs }) => (blobs === undefined ? {} : collectAttachments(store, blobs)),
};

/** Sent and dead outbound jobs (mail, webhooks) stay this long for admins to look at, then go. */
export const OUTBOUND_RETENTION_MS = 30 * 86_400_000;

export const outboundRetentionJob: HousekeepingJob = {
  name: 'outbound-retention',
  everyMs: HOUR,
  run: async ({ store }) => ({ outboundJobs: await store.outbound.pruneFinished(store.clock() - OUTBOUND_RETENTION_MS) }),
};

/**
 * Mail to the helpdesk's mailbox becomes tickets and replies within a minute. Reading on the lease
 * holder alone means one reader at a time; each mail is recorded with what it became in one
 * transaction, so even two overlapping readers turn it into work once.
 */
export const mailInJob: HousekeepingJob = {
  name: 'mail-in',
  everyMs: 60_000,
  run: async ({ store, blobs, imap, log }): Promise<Record<string, number>> => {
    if (imap === undefined || imap === null || blobs === undefined) return {};
    const round = await readMailboxOnce(imap, { store, blobs, log });
    return { mailTickets: round.tickets, mailComments: round.comments, mailSkipped: round.skipped, mailRecovered: round.recovered };
  },
};

/**
 * Every housekeeping job, in the order one round runs them. A new job is one entry here (its own file
 * when it grows beyond a few lines); the housekeeper schedules it, runs it on one instance at a time
 * and records its runs.
 */
export const HOUSEKEEPING_JOBS: readonly HousekeepingJob[] = [slaBreachWatchJob, mailInJob, expiredRecordsJob, historyRetentionJob, ticketAutoCloseJob, kbSearchRetentionJob, deviceLifecycleJob, fleetFindingsSnapshotJob, attachmentCleanupJob, outboundRetentionJob];

/**
 * Runs every job once, here and now, whatever the schedule and the lease (tests, and tools that own the
 * database); the results of all jobs in one object.
 */
export async function runAllJobs(
  context: Omit<HousekeepingContext, 'retention'> & { readonly retention?: HousekeepingContext['retention'] },
  jobs: readonly HousekeepingJob[] = HOUSEKEEPING_JOBS,
): Promise<Record<string, number>> {
  const full: HousekeepingContext = { ...context, retention: context.retention ?? DEFAULT_HISTORY_RETENTION };
  const results: Record<string, number> = {};
  for (const job of jobs) Object.assign(results, await job.run(full));
  return results;
}
