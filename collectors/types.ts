import type { Category, Platform, SectionDataMap, SectionStatus } from '@deskside/shared/inventory';

import type { DiskInfoDrive } from './storage/disk-info.js';

/** What a command produced. Non-zero exit codes are returned, not thrown: parsers decide what they mean. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface CommandOptions {
  /** Kill the command after this long (default 15 s); a timeout rejects with a CommandTimeoutError. */
  readonly timeoutMs?: number;
  /** Cap on captured stdout bytes (default 16 MiB); past it the command is killed and rejects. */
  readonly maxBytes?: number;
  /** How to decode stdout: 'utf8' (default) or 'utf16le' (wmic, regedit and other Windows tools). */
  readonly encoding?: 'utf8' | 'utf16le';
  /** Added to the agent's own environment (e.g. `LC_ALL: 'C'` for stable text from POSIX tools). */
  readonly env?: Readonly<Record<string, string>>;
  /** Kills the command when aborted; the runner binds each collector's signal here. */
  readonly signal?: AbortSignal;
  /**
   * Written to the command's stdin, then closed: how a secret reaches a tool without appearing in
   * its arguments (which every local user can read in the process list).
   */
  readonly input?: string;
}

/**
 * The one way collectors reach the OS. Implemented with execFile (never a shell); tests substitute a
 * fake that answers from fixtures. A missing executable rejects with CommandNotFoundError.
 */
export interface SystemAccess {
  run(file: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult>;
  /** Run a PowerShell script with UTF-8 output; the script should end in `ConvertTo-Json`. */
  powershell(script: string, options?: CommandOptions): Promise<CommandResult>;
  readFile(path: string): Promise<string>;
  readBinaryFile(path: string): Promise<Buffer>;
  /** Where a symbolic link points (e.g. /etc/localtime → …/zoneinfo/Europe/Paris). Optional in fakes. */
  readLink?(path: string): Promise<string>;
  fileExists(path: string): Promise<boolean>;
  listDirectory(path: string): Promise<string[]>;
  /**
   * Volumes as node-disk-info reports them, read in a worker thread (it runs df/wmic synchronously).
   * Optional: a fake without it means "no second volume source".
   */
  diskInfo?(options?: { readonly signal?: AbortSignal }): Promise<DiskInfoDrive[]>;
}

export interface CollectContext {
  readonly platform: Platform;
  readonly system: SystemAccess;
  /** Aborted when the collector's own timeout or the run's overall budget is spent. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /** Backup older than this is "stale" (config; the server can push another value). */
  readonly backupStaleDays: number;
  /**
   * A private folder where a collector may keep values it derives expensively from files that rarely
   * change (e.g. apt's pending-update count). Absent: no caching, everything is derived afresh.
   */
  readonly cacheDir?: string;
  /**
   * The agent service collects (LocalSystem, root, a DynamicUser): per-user state (HKCU, the profile
   * folder, a user's dconf) is the service account's own, not a signed-in user's. Collectors then leave
   * those parts out or label them as the service's view; each user's own process reports them through
   * `collectUserScope`. Absent: the process runs as the person using the machine, as before.
   */
  readonly serviceAccount?: boolean;
}

/**
 * A collector is small and uniform: which category, which platforms, collect(ctx). It returns the
 * section's data or throws; a SectionError says which honest status the section gets instead of `error`.
 */
export interface Collector<K extends Category = Category> {
  readonly category: K;
  readonly platforms: readonly Platform[];
  collect(ctx: CollectContext): Promise<SectionDataMap[K]>;
}

/** Thrown by a collector to give its section a status other than `error`, with optional partial data. */
export class SectionError extends Error {
  constructor(
    readonly status: Exclude<SectionStatus, 'ok' | 'timeout'>,
    message: string,
    readonly missingPermission?: string,
    readonly partialData?: unknown,
  ) {
    super(message);
    this.name = 'SectionError';
  }
}

export class CommandNotFoundError extends Error {
  constructor(readonly file: string) {
    super(`${file} is not installed or not on PATH`);
    this.name = 'CommandNotFoundError';
  }
}

/** The command printed more than `maxBytes`; it was killed rather than let fill the agent's memory. */
export class CommandOutputTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly maxBytes: number,
  ) {
    super(`${file} printed more than ${maxBytes} bytes`);
    this.name = 'CommandOutputTooLargeError';
  }
}

/** The command was stopped because its collector's time or the run's budget ran out. */
export class CommandAbortedError extends Error {
  constructor(readonly file: string) {
    super(`${file} was stopped: the collector was cancelled`);
    this.name = 'CommandAbortedError';
  }
}

export class CommandTimeoutError extends Error {
  constructor(
    readonly file: string,
    readonly timeoutMs: number,
  ) {
    super(`${file} did not finish within ${timeoutMs} ms`);
    this.name = 'CommandTimeoutError';
  }
}
