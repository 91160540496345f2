import { describe, expect, it } from 'vitest';

import { buildProgram, buildProgramFor, commandWord } from '../../agent/cli.js';

const names = (program: { commands: readonly { name(): string }[] }): string[] => program.commands.map((c) => c.name());

describe('deskside-agent start-up loads only the command it runs', () => {
  it('finds the command word after global options', () => {
    expect(commandWord(['--data-dir', '/x', '--verbose', 'inventory', '--json'])).toBe('inventory');
    expect(commandWord(['--config=/etc/s.json', 'run'])).toBe('run');
    expect(commandWord(['--data-dir'])).toBeNull();
    expect(commandWord([])).toBeNull();
  });

  it('registers just `inventory` for an inventory run', async () => {
    expect(names(await buildProgramFor(['--data-dir', '/tmp/x', 'inventory', '--json']))).toEqual(['inventory']);
  });

  it('registers nothing for --version', async () => {
    expect(names(await buildProgramFor(['--version']))).toEqual([]);
  });

  it('keeps every command for help, no command and unknown words (complete listing and suggestions)', async () => {
    const all = names(await buildProgram());
    expect(all).toEqual(expect.arrayContaining(['enroll', 'sync', 'run', 'ticket', 'tickets', 'status', 'diagnose', 'inventory', 'discard', 'tick']));
    expect(names(await buildProgramFor(['inventory', '--help']))).toEqual(all);
    expect(names(await buildProgramFor([]))).toEqual(all);
    expect(names(await buildProgramFor(['inventroy']))).toEqual(all);
  });
});
