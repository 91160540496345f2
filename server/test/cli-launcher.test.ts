import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { SERVER_VERSION } from '../src/version.js';

const run = promisify(execFile);
const serverDir = join(process.cwd(), 'server');
const manifest = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const launcher = join(serverDir, manifest.bin['deskside-server'] ?? '');
const built = existsSync(join(serverDir, 'dist/cli.js'));

describe('the deskside-server command', () => {
  it('points at a committed launcher, not at a build output npm cannot link on a fresh clone', () => {
    expect(manifest.bin['deskside-server']).toBe('bin/deskside-server.js');
    expect(launcher).not.toContain(`${join('server', 'dist')}`);
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    expect(readFileSync(launcher, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('is linked by npm into node_modules/.bin', () => {
    const link = join(process.cwd(), 'node_modules/.bin/deskside-server');
    expect(realpathSync(link)).toBe(realpathSync(launcher));
  });

  it.skipIf(!built)('runs the built server through the launcher', { timeout: 30_000 }, async () => {
    const { stdout } = await run(process.execPath, [launcher, '--version'], { timeout: 20_000 });
    expect(stdout.trim()).toBe(SERVER_VERSION);
  });

  it.skipIf(!built)('reports a failing command with one line and status 1', { timeout: 30_000 }, async () => {
    const failure = await run(process.execPath, [launcher, 'enroll-secret', 'revoke', 'not-an-id', '--db', 'sqlite::memory:'], { timeout: 20_000 }).then(
      () => null,
      (err: unknown) => err as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe('deskside-server: expected a secret id (UUID) from `enroll-secret list`');
  });
});
