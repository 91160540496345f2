import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DEFAULT_PATH, findExecutable } from '../../../collectors/exec/find-executable.js';
import { runCommand } from '../../../collectors/exec/run-command.js';
import { CommandNotFoundError } from '../../../collectors/types.js';

const posix = process.platform !== 'win32';
const root = mkdtempSync(join(tmpdir(), 'deskside-path-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dir(name: string): string {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
}

function file(path: string, mode: number): string {
  writeFileSync(path, '#!/bin/sh\necho "$0 ran"\n');
  chmodSync(path, mode);
  return path;
}

describe.runIf(posix)('findExecutable', () => {
  it('returns the first executable match in PATH order', () => {
    const first = dir('first');
    const second = dir('second');
    file(join(first, 'tool'), 0o755);
    file(join(second, 'tool'), 0o755);
    expect(findExecutable('tool', [first, second].join(delimiter))).toBe(join(first, 'tool'));
  });

  it('skips files that are not executable and directories with the name', () => {
    const plain = dir('plain');
    const folder = dir('folder');
    const real = dir('real');
    file(join(plain, 'probe'), 0o644);
    mkdirSync(join(folder, 'probe'));
    file(join(real, 'probe'), 0o700);
    expect(findExecutable('probe', [plain, folder, real].join(delimiter))).toBe(join(real, 'probe'));
  });

  it('returns null when no PATH entry has the tool, and ignores empty entries (the current directory)', () => {
    const cwdTool = file(join(process.cwd(), '.deskside-cwd-tool'), 0o755);
    try {
      expect(findExecutable('.deskside-cwd-tool', `${delimiter}${dir('empty')}${delimiter}`)).toBeNull();
    } finally {
      rmSync(cwdTool);
    }
    expect(findExecutable('deskside-no-such-tool', '')).toBeNull();
  });

  it('looks in the usual system folders when the environment has no PATH at all', () => {
    expect(DEFAULT_PATH.split(delimiter)).toEqual(expect.arrayContaining(['/usr/bin', '/bin', '/usr/sbin']));
    expect(findExecutable('sh', undefined)).toMatch(/^\/(usr\/)?bin\/sh$/u);
  });

  it('returns a path with a slash as given when something is there, null when nothing is', () => {
    const plain = file(join(dir('paths'), 'not-executable'), 0o644);
    expect(findExecutable(plain, '')).toBe(plain);
    expect(findExecutable('/usr/bin/env', '')).toBe('/usr/bin/env');
    expect(findExecutable(join(root, 'no-such', 'tool'), '')).toBeNull();
  });

  it('is what runCommand uses: an absent tool is CommandNotFoundError, a present one runs from where it was found', async () => {
    const bin = dir('bin');
    file(join(bin, 'deskside-echo'), 0o755);
    const ran = await runCommand('deskside-echo', [], { env: { PATH: bin } });
    expect(ran.stdout.trim()).toBe(`${join(bin, 'deskside-echo')} ran`);
    const missing = await runCommand('deskside-echo', [], { env: { PATH: dir('nothing') } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CommandNotFoundError);
  });
});
