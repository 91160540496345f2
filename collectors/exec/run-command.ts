import { execFile } from 'node:child_process';

import type { CommandOptions, CommandResult } from '../types.js';
import { CommandAbortedError, CommandNotFoundError, CommandOutputTooLargeError, CommandTimeoutError } from '../types.js';
import { decodeOutput } from './decode.js';
import { findExecutable } from './find-executable.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

interface ExecFailure extends Error {
  code?: string | number | null;
  signal?: NodeJS.Signals | null;
}

/**
 * Runs one executable with execFile: arguments are passed as a list, so nothing a collector reads from
 * the machine can be interpreted by a shell. Non-zero exit codes are returned, not thrown.
 */
export function runCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const encoding = options.encoding ?? 'utf8';
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new CommandAbortedError(file));
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  // Windows keeps execFile's own lookup (PATHEXT, App Paths); elsewhere an absent tool costs no fork.
  const executable = process.platform === 'win32' ? file : findExecutable(file, env.PATH);
  if (executable === null) return Promise.reject(new CommandNotFoundError(file));

  return new Promise<CommandResult>((resolve, reject) => {
    let timedOut = false;
    let aborted = false;
    const child = execFile(
      executable,
      [...args],
      {
        encoding: 'buffer',
        maxBuffer: maxBytes,
        windowsHide: true,
        shell: false,
        env,
      },
      (error: ExecFailure | null, stdout: Buffer, stderr: Buffer) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (timedOut) return reject(new CommandTimeoutError(file, timeoutMs));
        if (aborted) return reject(new CommandAbortedError(file));
        if (error) {
          if (error.code === 'ENOENT') return reject(new CommandNotFoundError(file));
          if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new CommandOutputTooLargeError(file, maxBytes));
          // A number is the exit code; anything else (EACCES, killed by a signal) is a real failure.
          if (typeof error.code !== 'number') {
            if (error.signal) return reject(new Error(`${file} was killed by ${error.signal}`));
            return reject(error);
          }
        }
        resolve({
          stdout: decodeOutput(stdout, encoding),
          stderr: decodeOutput(stderr, 'utf8'),
          exitCode: error && typeof error.code === 'number' ? error.code : 0,
        });
      },
    );
    // Our own timer rather than execFile's `timeout`, so a timeout is told apart from any other kill.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // Closing stdin (after the input, if any) keeps a tool that prompts from waiting forever.
    if (options.input !== undefined) child.stdin?.end(options.input, 'utf8');
    else child.stdin?.end();
  });
}
