import type { CommandOptions, CommandResult, SystemAccess } from '../types.js';
import { CommandAbortedError } from '../types.js';

interface SharedCommand {
  readonly result: Promise<CommandResult>;
  /** Kills the process once nobody waits for it any more. */
  readonly stop: AbortController;
  waiting: number;
  settled: boolean;
}

/**
 * Within one inventory run, identical commands (same executable, arguments, environment, encoding and
 * output cap) run once and every collector that asks gets the same answer: `who` serves the system and
 * users sections, one `lsblk` serves storage and encryption. Everything collectors run only reads the
 * machine's state, and a run lasts seconds, so one answer per run is the answer for the run.
 *
 * A caller whose signal aborts (its collector timed out) stops waiting at once; the process is killed
 * when the last caller waiting for it has gone, or when the run itself is stopped. A command killed
 * that way is started afresh if asked for again.
 */
export function shareIdenticalCommands(system: SystemAccess, runSignal: AbortSignal): SystemAccess {
  const commands = new Map<string, SharedCommand>();
  return {
    ...system,
    run: (file, args, options: CommandOptions = {}) => {
      const key = JSON.stringify([file, args, options.env ?? null, options.encoding ?? 'utf8', options.maxBytes ?? null]);
      let command = commands.get(key);
      if (command === undefined || command.stop.signal.aborted) {
        const stop = new AbortController();
        const started: SharedCommand = {
          result: system.run(file, args, { ...options, signal: AbortSignal.any([runSignal, stop.signal]) }),
          stop,
          waiting: 0,
          settled: false,
        };
        const settle = (): void => {
          started.settled = true;
        };
        started.result.then(settle, settle);
        commands.set(key, started);
        command = started;
      }
      return waitFor(command, options.signal, file);
    },
  };
}

function waitFor(command: SharedCommand, signal: AbortSignal | undefined, file: string): Promise<CommandResult> {
  if (signal?.aborted) return Promise.reject(new CommandAbortedError(file));
  command.waiting++;
  return new Promise<CommandResult>((resolve, reject) => {
    const onAbort = (): void => {
      command.waiting--;
      if (command.waiting === 0 && !command.settled) command.stop.abort();
      reject(new CommandAbortedError(file));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    command.result.then(
      (result) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
