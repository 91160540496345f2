import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/check-electronegativity.mjs', import.meta.url).pathname;
const ROOT = new URL('../..', import.meta.url).pathname;

async function check(...targets: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, ...targets], { cwd: ROOT, timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe('scripts/check-electronegativity.mjs', () => {
  let insecure: string;
  beforeAll(async () => {
    insecure = await mkdtemp(join(tmpdir(), 'deskside-insecure-'));
    await mkdir(join(insecure, 'app'));
    await writeFile(
      join(insecure, 'app/window.js'),
      `const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n`,
    );
  });
  afterAll(async () => rm(insecure, { recursive: true, force: true }));

  it('passes the tray app (main + renderer)', async () => {
    const { code, out } = await check();
    expect(out).toMatch(/0 at HIGH or MEDIUM severity/);
    expect(code).toBe(0);
  }, 120_000);

  it('fails an app with Node integration and no isolation', async () => {
    const { code, out } = await check(join(insecure, 'app'));
    expect(out).toMatch(/FAIL HIGH\/\w+ CONTEXT_ISOLATION_JS_CHECK/);
    expect(out).toMatch(/FAIL MEDIUM\/\w+ SANDBOX_JS_CHECK/);
    expect(out).toMatch(/FAIL HIGH\/\w+ LIMIT_NAVIGATION_GLOBAL_CHECK/);
    expect(code).toBe(1);
  }, 120_000);
});
