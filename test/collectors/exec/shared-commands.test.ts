import { describe, expect, it } from 'vitest';

import { shareIdenticalCommands } from '../../../collectors/exec/shared-commands.js';
import type { CommandOptions, CommandResult, SystemAccess } from '../../../collectors/types.js';
import { CommandAbortedError } from '../../../collectors/types.js';

interface Call {
  readonly file: string;
  readonly args: readonly string[];
  readonly options: CommandOptions | undefined;
  finish(result: CommandResult): void;
}

function recordingSystem(): { system: SystemAccess; calls: Call[] } {
  const calls: Call[] = [];
  const unused = (): never => {
    throw new Error('not used');
  };
  const system: SystemAccess = {
    run: (file, args, options) =>
      new Promise<CommandResult>((resolve) => {
        calls.push({ file, args, options, finish: resolve });
      }),
    powershell: unused,
    readFile: unused,
    readBinaryFile: unused,
    fileExists: unused,
    listDirectory: unused,
  };
  return { system, calls };
}

const answer = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

describe('shareIdenticalCommands', () => {
  it('runs an identical command once per run and gives every caller its answer', async () => {
    const { system, calls } = recordingSystem();
    const shared = shareIdenticalCommands(system, new AbortController().signal);
    const first = shared.run('who', [], { env: { LC_ALL: 'C' } });
    const second = shared.run('who', [], { env: { LC_ALL: 'C' }, timeoutMs: 5000 });
    expect(calls).toHaveLength(1);
    calls[0]!.finish(answer('alice tty1'));
    await expect(first).resolves.toEqual(answer('alice tty1'));
    await expect(second).resolves.toEqual(answer('alice tty1'));
    // Later callers in the same run get the answer without another process.
    await expect(shared.run('who', [], { env: { LC_ALL: 'C' } })).resolves.toEqual(answer('alice tty1'));
    expect(calls).toHaveLength(1);
  });

  it('keeps commands apart that differ in arguments, environment, encoding or output cap', () => {
    const { system, calls } = recordingSystem();
    const shared = shareIdenticalCommands(system, new AbortController().signal);
    void shared.run('ip', ['-json', 'route']);
    void shared.run('ip', ['-6', '-json', 'route']);
    void shared.run('ip', ['-json', 'route'], { env: { LC_ALL: 'C' } });
    void shared.run('ip', ['-json', 'route'], { encoding: 'utf16le' });
    void shared.run('ip', ['-json', 'route'], { maxBytes: 10 });
    expect(calls).toHaveLength(5);
  });

  it('lets an aborted caller go alone while another still waits for the same process', async () => {
    const { system, calls } = recordingSystem();
    const shared = shareIdenticalCommands(system, new AbortController().signal);
    const impatient = new AbortController();
    const first = shared.run('lsblk', ['-J'], { signal: impatient.signal });
    const second = shared.run('lsblk', ['-J'], { signal: new AbortController().signal });
    impatient.abort();
    await expect(first).rejects.toBeInstanceOf(CommandAbortedError);
    expect(calls[0]!.options?.signal?.aborted).toBe(false);
    calls[0]!.finish(answer('{"blockdevices":[]}'));
    await expect(second).resolves.toEqual(answer('{"blockdevices":[]}'));
    expect(calls).toHaveLength(1);
  });

  it('kills the process when the last caller waiting for it aborts, and starts afresh when asked again', async () => {
    const { system, calls } = recordingSystem();
    const shared = shareIdenticalCommands(system, new AbortController().signal);
    const a = new AbortController();
    const b = new AbortController();
    const first = shared.run('who', [], { signal: a.signal });
    const second = shared.run('who', [], { signal: b.signal });
    a.abort();
    expect(calls[0]!.options?.signal?.aborted).toBe(false);
    b.abort();
    expect(calls[0]!.options?.signal?.aborted).toBe(true);
    await expect(first).rejects.toBeInstanceOf(CommandAbortedError);
    await expect(second).rejects.toBeInstanceOf(CommandAbortedError);
    void shared.run('who', []);
    expect(calls).toHaveLength(2);
  });

  it('kills a shared process when the run is stopped', () => {
    const { system, calls } = recordingSystem();
    const run = new AbortController();
    const shared = shareIdenticalCommands(system, run.signal);
    void shared.run('who', []).catch(() => undefined);
    run.abort();
    expect(calls[0]!.options?.signal?.aborted).toBe(true);
  });
});
