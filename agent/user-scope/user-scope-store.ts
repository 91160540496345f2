import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { UserScopeReport } from '@deskside/shared';
import { AccountIdSchema, USER_SCOPE_LIMITS, UserScopeReportSchema } from '@deskside/shared';

import { isAtomicTempFile } from '../support/atomic-write.js';
import { InvalidFileError, readJsonFile, writeJsonFile } from '../support/json-file.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The report was refused before anything was stored: the message says why, for the caller. */
export class UserScopeRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserScopeRejectedError';
  }
}

export interface UserScopeStoreOptions {
  readonly now?: () => Date;
  /** Reports older than this are dropped (default USER_SCOPE_LIMITS.maxAgeDays). */
  readonly maxAgeDays?: number;
  /** Accounts kept at most; the least recently collected go first (default USER_SCOPE_LIMITS.maxUsers). */
  readonly maxUsers?: number;
}

/**
 * The latest user-scope report per account, one file each: `<dataDir>/user-scope/<account-id>.json`.
 * Account ids are SIDs or uids (the schema allows nothing else), so a caller can never name another
 * file. Each write is atomic; a damaged file is dropped (it costs that user one report, nothing else).
 */
export class UserScopeStore {
  readonly dir: string;
  private readonly now: () => Date;
  private readonly maxAgeMs: number;
  private readonly maxUsers: number;

  constructor(dataDir: string, options: UserScopeStoreOptions = {}) {
    this.dir = join(dataDir, 'user-scope');
    this.now = options.now ?? (() => new Date());
    this.maxAgeMs = (options.maxAgeDays ?? USER_SCOPE_LIMITS.maxAgeDays) * DAY_MS;
    this.maxUsers = options.maxUsers ?? USER_SCOPE_LIMITS.maxUsers;
  }

  /**
   * Validates and keeps a user's report, replacing that account's previous one. `callerId` is the
   * account the OS says sent it (the local endpoint knows it): a report about anyone else is refused,
   * so one user can never write another's sections. A report older than the stored one is ignored.
   */
  async record(report: unknown, callerId?: string): Promise<{ readonly stored: boolean; readonly reason: string }> {
    const parsed = UserScopeReportSchema.safeParse(report);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserScopeRejectedError(`invalid user-scope report: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`);
    }
    const r = parsed.data;
    if (callerId !== undefined && callerId !== r.account.id) throw new UserScopeRejectedError(`account ${callerId} may not report for account ${r.account.id}`);
    const collected = Date.parse(r.collectedAt);
    if (this.now().getTime() - collected > this.maxAgeMs) return { stored: false, reason: 'older than the reports the agent keeps' };
    const previous = await this.read(r.account.id);
    if (previous !== null && Date.parse(previous.collectedAt) > collected) return { stored: false, reason: 'a newer report of this account is already stored' };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonFile(this.path(r.account.id), r);
    await this.prune();
    return { stored: true, reason: previous === null ? 'first report of this account' : 'replaced the previous report' };
  }

  /** One account's report, or null. */
  async get(accountId: string): Promise<UserScopeReport | null> {
    // The id comes from a caller: only a SID or uid may become a file name.
    if (!AccountIdSchema.safeParse(accountId).success) return null;
    const report = await this.read(accountId);
    return report !== null && this.now().getTime() - Date.parse(report.collectedAt) <= this.maxAgeMs ? report : null;
  }

  /** Every report still fresh enough, most recently collected first; stale and damaged files are removed. */
  async list(): Promise<UserScopeReport[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const reports: UserScopeReport[] = [];
    const cutoff = this.now().getTime() - this.maxAgeMs;
    for (const name of names) {
      if (isAtomicTempFile(name) || !name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      const report = await this.read(id);
      if (report === null) continue;
      if (Date.parse(report.collectedAt) < cutoff || report.account.id !== id) await rm(this.path(id), { force: true });
      else reports.push(report);
    }
    // Beyond the cap (a lowered setting, files copied in) the oldest wait for prune, never for an upload.
    return reports.sort((a, b) => Date.parse(b.collectedAt) - Date.parse(a.collectedAt)).slice(0, this.maxUsers);
  }

  /** Keeps the most recent `maxUsers` accounts. */
  private async prune(): Promise<void> {
    const kept = new Set((await this.list()).map((r) => `${r.account.id}.json`));
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith('.json') && !isAtomicTempFile(name) && !kept.has(name)) await rm(join(this.dir, name), { force: true });
  }

  private path(accountId: string): string {
    return join(this.dir, `${accountId}.json`);
  }

  private async read(accountId: string): Promise<UserScopeReport | null> {
    try {
      return await readJsonFile(this.path(accountId), UserScopeReportSchema);
    } catch (e) {
      if (!(e instanceof InvalidFileError)) throw e;
      await rm(this.path(accountId), { force: true });
      return null;
    }
  }
}
