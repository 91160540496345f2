import { readFileSync } from 'node:fs';
import { access, readdir, readFile, readlink } from 'node:fs/promises';

import type { CommandOptions, SystemAccess } from '../types.js';
import { POWERSHELL_EXE, powershellArgs } from './powershell.js';
import { runCommand } from './run-command.js';

/** Text files collectors read are small (/proc, /sys, os-release, plists); this cap guards odd ones. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** The real SystemAccess: execFile for commands, fs for files. Everything is read-only. */
export function createSystemAccess(): SystemAccess {
  return {
    run: (file, args, options) => runCommand(file, args, options),
    powershell: (script: string, options?: CommandOptions) => runCommand(POWERSHELL_EXE, powershellArgs(script), options),
    readFile: async (path) => (await readCapped(path)).toString('utf8'),
    readBinaryFile: (path) => readCapped(path),
    readLink: (path) => readlink(path),
    fileExists: async (path) => {
      try {
        await access(path);
        return true;
      } catch {
        return false;
      }
    },
    listDirectory: (path) => readdir(path),
    // Loaded on demand: only the storage collector needs the worker and node-disk-info.
    diskInfo: (options) => import('../storage/disk-info.js').then((m) => m.readDiskInfo(options)),
  };
}

/**
 * /proc and /sys are made by the kernel in memory as they are read: a read never waits for a disk, so
 * it is done in place. The thread pool's open, stat, read and close hand-offs cost more than the read
 * itself, and a run reads dozens of these small files.
 */
const IN_MEMORY_FILESYSTEMS = /^\/(proc|sys)\//u;

async function readCapped(path: string): Promise<Buffer> {
  const bytes = process.platform === 'linux' && IN_MEMORY_FILESYSTEMS.test(path) ? readFileSync(path) : await readFile(path);
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
  return bytes;
}

/** Every command run through the returned access is killed when `signal` aborts. */
export function withSignal(system: SystemAccess, signal: AbortSignal): SystemAccess {
  const bind = (options?: CommandOptions): CommandOptions => ({
    ...options,
    signal: options?.signal ? AbortSignal.any([options.signal, signal]) : signal,
  });
  return {
    ...system,
    run: (file, args, options) => system.run(file, args, bind(options)),
    powershell: (script, options) => system.powershell(script, bind(options)),
    ...(system.diskInfo ? { diskInfo: (options?: { readonly signal?: AbortSignal }) => system.diskInfo!({ signal: options?.signal ? AbortSignal.any([options.signal, signal]) : signal }) } : {}),
  };
}
