import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { compiledSchemaFiles } from '../../collectors/common/gsettings.js';
import { decodeByBom } from '../../collectors/exec/decode.js';
import type { CommandOptions, CommandResult, SystemAccess } from '../../collectors/types.js';
import { CommandNotFoundError, CommandTimeoutError } from '../../collectors/types.js';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Reads a fixture under test/fixtures as text, honouring a UTF-16 BOM. */
export function readFixture(relativePath: string): string {
  return decodeByBom(readFileSync(join(FIXTURES_DIR, relativePath)));
}

export function readJsonFixture<T = unknown>(relativePath: string): T {
  return JSON.parse(readFixture(relativePath)) as T;
}

/**
 * What the fake answers. A string is a fixture path under test/fixtures; an object gives stdout
 * inline or from a fixture, an exit code, or a failure to simulate.
 */
export type FakeAnswer =
  | string
  | {
      readonly fixture?: string;
      readonly stdout?: string;
      readonly stderr?: string;
      readonly exitCode?: number;
      readonly fail?: 'not-found' | 'timeout' | 'permission-denied' | Error;
      /** Resolve only when the command's signal aborts (simulates a hung tool). */
      readonly hang?: boolean;
    };

export interface FakeSystemSpec {
  /** Key: the command line as `file arg1 arg2` (exact), or `file *` for any arguments. */
  readonly commands?: Readonly<Record<string, FakeAnswer>>;
  /** PowerShell scripts are matched by a substring or pattern of the script, first match wins. */
  readonly powershell?: readonly (readonly [string | RegExp, FakeAnswer])[];
  /** Key: absolute path. */
  readonly files?: Readonly<Record<string, FakeAnswer>>;
  readonly directories?: Readonly<Record<string, readonly string[]>>;
  /** Symbolic links: path → target. */
  readonly links?: Readonly<Record<string, string>>;
}

export interface FakeCall {
  readonly kind: 'run' | 'powershell' | 'readFile' | 'readBinaryFile' | 'readLink' | 'fileExists' | 'listDirectory';
  readonly target: string;
  readonly options?: CommandOptions;
}

export interface FakeSystem extends SystemAccess {
  readonly calls: FakeCall[];
}

/**
 * A SystemAccess answering from fixtures, so every collector is tested the same way: a command it does
 * not know is "not installed" (CommandNotFoundError), a file it does not know does not exist (ENOENT).
 */
export function createFakeSystem(spec: FakeSystemSpec): FakeSystem {
  const calls: FakeCall[] = [];

  const answer = async (file: string, answerSpec: FakeAnswer, options?: CommandOptions): Promise<CommandResult> => {
    const a = typeof answerSpec === 'string' ? { fixture: answerSpec } : answerSpec;
    if (a.hang) {
      await new Promise<void>((resolve) => {
        if (options?.signal?.aborted) resolve();
        options?.signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      throw new CommandTimeoutError(file, options?.timeoutMs ?? 0);
    }
    if (a.fail === 'not-found') throw new CommandNotFoundError(file);
    if (a.fail === 'timeout') throw new CommandTimeoutError(file, options?.timeoutMs ?? 15_000);
    if (a.fail === 'permission-denied') throw Object.assign(new Error(`${file}: permission denied`), { code: 'EACCES' });
    if (a.fail instanceof Error) throw a.fail;
    const stdout = a.stdout ?? (a.fixture ? readFixture(a.fixture) : '');
    return { stdout, stderr: a.stderr ?? '', exitCode: a.exitCode ?? 0 };
  };

  const fileAnswer = (path: string): Buffer => {
    const a = spec.files?.[path];
    if (a === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    const entry = typeof a === 'string' ? { fixture: a } : a;
    if (entry.fail === 'permission-denied') throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    if (entry.fail instanceof Error) throw entry.fail;
    if (entry.stdout !== undefined) return Buffer.from(entry.stdout, 'utf8');
    if (entry.fixture) return readFileSync(join(FIXTURES_DIR, entry.fixture));
    return Buffer.alloc(0);
  };

  return {
    calls,
    run: async (file, args, options) => {
      const line = [file, ...args].join(' ');
      calls.push({ kind: 'run', target: line, ...(options ? { options } : {}) });
      const a = spec.commands?.[line] ?? spec.commands?.[`${file} *`];
      if (a === undefined) throw new CommandNotFoundError(file);
      return answer(file, a, options);
    },
    powershell: async (script, options) => {
      calls.push({ kind: 'powershell', target: script, ...(options ? { options } : {}) });
      const hit = spec.powershell?.find(([pattern]) => (typeof pattern === 'string' ? script.includes(pattern) : pattern.test(script)));
      if (!hit) throw new CommandNotFoundError('powershell.exe');
      return answer('powershell.exe', hit[1], options);
    },
    readFile: async (path) => {
      calls.push({ kind: 'readFile', target: path });
      return decodeByBom(fileAnswer(path));
    },
    readBinaryFile: async (path) => {
      calls.push({ kind: 'readBinaryFile', target: path });
      return fileAnswer(path);
    },
    readLink: async (path) => {
      calls.push({ kind: 'readLink', target: path });
      const target = spec.links?.[path];
      if (target === undefined) throw Object.assign(new Error(`EINVAL: invalid argument, readlink '${path}'`), { code: 'EINVAL' });
      return target;
    },
    fileExists: async (path) => {
      calls.push({ kind: 'fileExists', target: path });
      return spec.files?.[path] !== undefined || spec.directories?.[path] !== undefined;
    },
    listDirectory: async (path) => {
      calls.push({ kind: 'listDirectory', target: path });
      const entries = spec.directories?.[path];
      if (!entries) throw Object.assign(new Error(`ENOENT: no such file or directory, scandir '${path}'`), { code: 'ENOENT' });
      return [...entries];
    },
  };
}

/** A compiled GSettings schema file holding these ids, where gsettings looks first in this environment. */
export function gsettingsSchemas(...ids: readonly string[]): Record<string, FakeAnswer> {
  return { [compiledSchemaFiles()[0]!]: { stdout: `GVariant\u0000${ids.join('\u0000')}` } };
}

/** A machine booted with systemd (sd_booted), with these unit files installed under /lib/systemd/system. */
export function systemdWithUnits(...units: readonly string[]): Record<string, readonly string[]> {
  return { '/run/systemd/system': [], '/lib/systemd/system': units };
}
