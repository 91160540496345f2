import { readFile, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import { SETTING_SCHEMAS } from '../config/settings-schema.js';
import { parseInstallerLine, parseInstallerRegValue } from './installer-value.js';

/**
 * The enrollment secret an installer left for the agent service in a place only the service can read
 * (docs/policy.md, "The enrollment secret"): a registry value under an ACL for SYSTEM and
 * Administrators on Windows, a root-only file on macOS and Linux whose path the launchd daemon and the
 * systemd unit pass in DESKSIDE_ENROLL_SECRET_FILE. Used once, then deleted where this process may.
 * The value never appears in an error, a log line or a return value other than `read()`'s.
 */
export const INSTALLER_SECRET_LOCATIONS = {
  win32: { key: 'HKLM\\SOFTWARE\\Policies\\Deskside\\Enrollment', value: 'enrollSecret' },
  darwin: '/Library/Application Support/Deskside/enroll-secret',
  linux: '/etc/deskside/enroll-secret',
} as const;

export const ENROLL_SECRET_FILE_ENV = 'DESKSIDE_ENROLL_SECRET_FILE';
/** Set by the service definitions (systemd, launchd, winsw): the protected secret is this process's to consume. */
export const SERVICE_ENV = 'DESKSIDE_SERVICE';

export interface InstallerSecret {
  readonly value: string;
  /** Where it was read, for messages (never the value). */
  readonly location: string;
  /** Something the administrator should know, e.g. the file is readable by other users. */
  readonly warning: string | null;
}

export type ConsumeOutcome = { readonly done: 'deleted' | 'blanked' } | { readonly done: 'kept'; readonly reason: string };

export interface InstallerSecretStore {
  readonly description: string;
  /** null when there is none, or this process may not read it (a user's tray app): that is not an error. */
  read(): Promise<InstallerSecret | null>;
  /** After a successful enrollment: delete it, or blank it, where this process has the right to. */
  consume(secret: InstallerSecret): Promise<ConsumeOutcome>;
}

/** The protected secret exists but cannot be used; the message names the place, never the value. */
export class InstallerSecretError extends Error {
  constructor(
    readonly location: string,
    detail: string,
  ) {
    super(`the installer's enrollment secret at ${location} cannot be used: ${detail}`);
    this.name = 'InstallerSecretError';
  }
}

const secretError = (location: string) => (detail: string) => new InstallerSecretError(location, detail);

/** A secret as an installer stores it (the secret and a newline); null when blank. Throws when not a valid secret. */
export function parseSecretText(raw: string, location: string): string | null {
  return parseInstallerLine(raw, SETTING_SCHEMAS.enrollSecret, secretError(location));
}

/** The enrollSecret value of `reg query <key> /v enrollSecret` output; null when absent or blank. */
export function parseRegSecret(output: string, location: string): string | null {
  return parseInstallerRegValue(output, INSTALLER_SECRET_LOCATIONS.win32.value, SETTING_SCHEMAS.enrollSecret, secretError(location));
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;
/** Absent, or present but not this process's to read. */
const NOT_HERE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM']);

function registryStore(system: SystemAccess, consumeAllowed: string | null): InstallerSecretStore {
  const { key, value } = INSTALLER_SECRET_LOCATIONS.win32;
  const location = `registry ${key}\\${value}`;
  return {
    description: location,
    async read() {
      const res = await system.run('reg', ['query', key, '/v', value], { timeoutMs: 10_000 });
      // reg.exe exits 1 for a missing key or value and for "access denied" (a user's process), in any
      // language: for the caller that all means "not available here".
      if (res.exitCode === 1) return null;
      if (res.exitCode !== 0) throw new InstallerSecretError(location, res.stderr.trim() || `reg exited ${res.exitCode}`);
      const secret = parseRegSecret(res.stdout, location);
      return secret === null ? null : { value: secret, location, warning: null };
    },
    async consume() {
      if (consumeAllowed !== null) return { done: 'kept', reason: consumeAllowed };
      const res = await system.run('reg', ['delete', key, '/v', value, '/f'], { timeoutMs: 10_000 });
      if (res.exitCode === 0) return { done: 'deleted' };
      return { done: 'kept', reason: res.stderr.trim() || `reg exited ${res.exitCode}` };
    },
  };
}

function fileStore(path: string, consumeAllowed: string | null): InstallerSecretStore {
  return {
    description: `file ${path}`,
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if (NOT_HERE.has(errno(e) ?? '')) return null;
        throw new InstallerSecretError(path, errno(e) ?? (e as Error).message);
      }
      const secret = parseSecretText(text, path);
      if (secret === null) return null;
      // Mode bits mean nothing on Windows (ACLs); elsewhere the installers write 0600.
      const mode = process.platform === 'win32' ? null : (await stat(path)).mode & 0o777;
      const warning =
        mode !== null && (mode & 0o077) !== 0 ? `${path} is readable by other local users (mode ${mode.toString(8)}): rotate the secret on the server once the rollout is done` : null;
      return { value: secret, location: path, warning };
    },
    async consume() {
      if (consumeAllowed !== null) return { done: 'kept', reason: consumeAllowed };
      try {
        await unlink(path);
        return { done: 'deleted' };
      } catch (e) {
        if (errno(e) === 'ENOENT') return { done: 'deleted' };
        // A folder we may not write to can still hold a file we may: blank it so it is spent.
        try {
          await truncate(path, 0);
          return { done: 'blanked' };
        } catch {
          return { done: 'kept', reason: `${path} cannot be deleted by this process (${errno(e) ?? (e as Error).message})` };
        }
      }
    },
  };
}

/** The file the secret is read from on macOS and Linux (and anywhere DESKSIDE_ENROLL_SECRET_FILE is set). */
export function installerSecretFile(platform: Platform, env: NodeJS.ProcessEnv): string | null {
  const named = env[ENROLL_SECRET_FILE_ENV]?.trim();
  if (named) return named;
  switch (platform) {
    case 'win32':
      return null;
    case 'darwin':
      return INSTALLER_SECRET_LOCATIONS.darwin;
    case 'linux':
      // Under systemd's LoadCredential= the service sees its own copy.
      return env.CREDENTIALS_DIRECTORY ? join(env.CREDENTIALS_DIRECTORY, 'enroll-secret') : INSTALLER_SECRET_LOCATIONS.linux;
  }
}

/**
 * The OS's protected secret. Only the agent service deletes it: an administrator who runs
 * `deskside-agent enroll` by hand enrolls their own data folder, and the service still needs the secret.
 */
export function osInstallerSecretStore(platform: Platform, system: SystemAccess, env: NodeJS.ProcessEnv = process.env): InstallerSecretStore {
  const consumeAllowed = env[SERVICE_ENV] ? null : 'left for the Deskside agent service (this process is not the service)';
  const file = installerSecretFile(platform, env);
  return file === null ? registryStore(system, consumeAllowed) : fileStore(file, consumeAllowed);
}
