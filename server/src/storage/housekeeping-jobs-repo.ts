import type { Kysely } from 'kysely';

import type { Database } from './tables.js';

export interface JobRun {
  readonly name: string;
  readonly lastStartedAt: number;
  readonly lastFinishedAt: number | null;
  readonly lastError: string | null;
}

/** When each housekeeping job last ran: the schedule survives a change of housekeeper. */
export class HousekeepingJobsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<readonly JobRun[]> {
    const rows = await this.db.selectFrom('housekeeping_jobs').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      name: r.name,
      lastStartedAt: Number(r.last_started_at),
      lastFinishedAt: r.last_finished_at === null ? null : Number(r.last_finished_at),
      lastError: r.last_error,
    }));
  }

  /** Marks a run as started before it does anything, so a crash mid-run does not make it due at once. */
  async started(name: string, at: number): Promise<void> {
    await this.db
      .insertInto('housekeeping_jobs')
      .values({ name, last_started_at: at, last_finished_at: null, last_error: null })
      .onConflict((oc) => oc.column('name').doUpdateSet({ last_started_at: at }))
      .execute();
  }

  async finished(name: string, at: number, error: string | null): Promise<void> {
    await this.db.updateTable('housekeeping_jobs').set({ last_finished_at: at, last_error: error }).where('name', '=', name).execute();
  }
}
