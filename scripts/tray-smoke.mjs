#!/usr/bin/env node
// Smoke test of the real tray app: starts Electron (the built app in out/, or an installed Deskside
// binary given with --executable), waits for its window, and asks the main process over the app's own
// IPC bridge (`window.deskside.invoke`) for its info and status. Exit code 0 when both answer.
//
//   node scripts/tray-smoke.mjs [--executable <installed Deskside binary>] [--timeout-ms 90000]
//
// On Linux without a display run it under Xvfb: `xvfb-run -a node scripts/tray-smoke.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { _electron as electron } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { executable: { type: 'string' }, 'timeout-ms': { type: 'string', default: '90000' } } });
const timeout = Number(options['timeout-ms']);
const userData = mkdtempSync(join(tmpdir(), 'deskside-tray-smoke-'));

const say = (line) => process.stdout.write(`[tray-smoke] ${line}\n`);
let app;
try {
  const launch = options.executable
    ? { executablePath: options.executable, args: [] }
    : { executablePath: (await import('electron')).default, args: [root] };
  // A fresh profile: the smoke test never touches a person's tray settings.
  const env = { ...process.env, DESKSIDE_USER_DATA_DIR: userData, ELECTRON_ENABLE_LOGGING: '1' };
  // Hosted Linux runners have no unprivileged user namespaces for Chromium's sandbox.
  const args = process.platform === 'linux' ? [...launch.args, '--no-sandbox'] : launch.args;
  app = await electron.launch({ executablePath: launch.executablePath, args, env, timeout });
  const window = await app.firstWindow({ timeout });
  await window.waitForLoadState('domcontentloaded', { timeout });
  say(`window open: ${await window.title()}`);
  const info = await window.evaluate(() => window.deskside.invoke('app:get-info'));
  if (info == null || typeof info !== 'object') throw new Error(`app:get-info answered ${JSON.stringify(info)}`);
  say(`app:get-info answered: ${JSON.stringify(info).slice(0, 300)}`);
  const status = await window.evaluate(() => window.deskside.invoke('status:get'));
  if (status == null || typeof status !== 'object') throw new Error(`status:get answered ${JSON.stringify(status)}`);
  say(`status:get answered: ${JSON.stringify(status).slice(0, 300)}`);
  say('ok');
} catch (error) {
  process.stderr.write(`[tray-smoke] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app?.close().catch(() => undefined);
  rmSync(userData, { recursive: true, force: true });
}
