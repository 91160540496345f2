import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import type { Caller } from './caller.js';
import { posixAccountName } from './posix-account.js';
import { readWindowsOwner, WINDOWS_ADMIN_SIDS } from './windows-owner.js';

/** A proof must be presented this soon after its challenge. */
const CHALLENGE_TTL_MS = 60_000;
const MAX_PENDING = 256;

export class CallerProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallerProofError';
  }
}

/**
 * Who is calling, vouched for by the file system rather than by the caller: the service hands out a
 * random name, the caller creates a file of that name in the claims folder, and the service reads the
 * file's owner. Only the account itself (or root / an administrator) can create a file it owns, and
 * only the connection that asked knows the name. This needs no privilege in the service (no chown, so
 * it works under systemd's DynamicUser) and no native peer-credential call, on all three systems:
 * the claims folder is world-writable but sticky and unlistable (1733) on Linux and macOS, and on
 * Windows lets authenticated users add files without listing them.
 */
export class CallerProof {
  readonly #pending = new Map<string, number>();

  constructor(
    private readonly options: {
      readonly claimsDir: string;
      readonly platform: Platform;
      readonly system: SystemAccess;
      readonly now?: () => number;
    },
  ) {}

  get claimsDir(): string {
    return this.options.claimsDir;
  }

  /** Creates the claims folder with the permissions described above. */
  async prepare(): Promise<void> {
    await mkdir(this.options.claimsDir, { recursive: true });
    if (this.options.platform === 'win32') {
      for (const args of windowsClaimsAcl(this.options.claimsDir)) {
        const result = await this.options.system.run('icacls', args);
        if (result.exitCode !== 0) throw new Error(`cannot secure ${this.options.claimsDir}: ${result.stderr || result.stdout}`);
      }
      return;
    }
    await chmod(this.options.claimsDir, 0o1733);
  }

  challenge(): string {
    const now = this.#now();
    for (const [nonce, at] of this.#pending) if (now - at > CHALLENGE_TTL_MS) this.#pending.delete(nonce);
    // A flood of unanswered challenges must not grow memory: the oldest ones go first.
    while (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value as string);
    const nonce = randomBytes(24).toString('hex');
    this.#pending.set(nonce, now);
    return nonce;
  }

  /** Checks the file named `nonce` and removes it; each challenge can be answered once. */
  async verify(nonce: string): Promise<Caller> {
    const issued = this.#pending.get(nonce);
    this.#pending.delete(nonce);
    if (issued === undefined || this.#now() - issued > CHALLENGE_TTL_MS) throw new CallerProofError('unknown or expired challenge: ask for a new one');
    const path = join(this.options.claimsDir, nonce);
    try {
      return this.options.platform === 'win32' ? await this.#windowsOwner(path) : await this.#posixOwner(path);
    } finally {
      await rm(path, { force: true }).catch(() => undefined);
    }
  }

  async #posixOwner(path: string): Promise<Caller> {
    let stats;
    try {
      stats = await lstat(path);
    } catch {
      throw new CallerProofError('no claim file was created for this challenge');
    }
    // A link would lend the caller someone else's ownership: only a plain file the caller made counts.
    if (!stats.isFile() || stats.nlink !== 1) throw new CallerProofError('the claim must be a regular file with a single link');
    const uid = stats.uid;
    const name = (await posixAccountName(this.options.platform, this.options.system, uid)) ?? `uid ${uid}`;
    return { id: String(uid), name, admin: uid === 0 };
  }

  async #windowsOwner(path: string): Promise<Caller> {
    const owner = await readWindowsOwner(this.options.system, path);
    if (owner === null) throw new CallerProofError('no claim file was created for this challenge');
    if (owner.reparsePoint) throw new CallerProofError('the claim must be a regular file');
    return { id: owner.sid, name: owner.name ?? owner.sid, admin: WINDOWS_ADMIN_SIDS.includes(owner.sid) };
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/**
 * icacls calls for the Windows claims folder: owned by SYSTEM (ProgramData lets any user create a
 * folder there first, and an owner could change its ACL); SYSTEM and Administrators full control;
 * signed-in users may add files (WD = add file, S = synchronize) but not list or read others'; a
 * creator owns what it made. Inheritance from ProgramData (which lets Users read) is removed.
 */
export function windowsClaimsAcl(dir: string): string[][] {
  return [
    [dir, '/setowner', '*S-1-5-18'],
    [dir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '*S-1-5-11:(WD,S)', '*S-1-3-0:(OI)(IO)F'],
  ];
}
