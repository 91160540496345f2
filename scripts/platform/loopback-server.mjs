#!/usr/bin/env node
// The platform workflow's Deskside server: the built server on 127.0.0.1 over SQLite in a fresh data
// folder, with an admin and an enrollment secret. Starts it in the background and returns once it
// answers /healthz. Writes the values the next steps need to <state-dir>/server.json (the secret and the
// admin password are random per run and never printed).
//
//   node scripts/platform/loopback-server.mjs start <state-dir> [--port 8080]
//   node scripts/platform/loopback-server.mjs stop <state-dir>
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverCli = join(root, 'server', 'dist', 'cli.js');
const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: 'string', default: '8080' } } });
const [verb, stateArg] = positionals;
if (!['start', 'stop'].includes(verb ?? '') || !stateArg) {
  process.stderr.write('usage: loopback-server.mjs start|stop <state-dir> [--port N]\n');
  process.exit(2);
}
const stateDir = resolve(stateArg);
const stateFile = join(stateDir, 'server.json');

function serverCommand(args, input) {
  const result = spawnSync(process.execPath, [serverCli, ...args], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`server ${args[0]} exited ${result.status}: ${result.stderr}`);
  return result.stdout.trim();
}

async function waitForHealth(url, deadlineMs) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url}/healthz did not answer within ${deadlineMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

if (verb === 'stop') {
  const { pid } = JSON.parse(readFileSync(stateFile, 'utf8'));
  process.kill(pid);
  process.stdout.write(`stopped the server (pid ${pid})\n`);
} else {
  const dataDir = join(stateDir, 'server-data');
  mkdirSync(dataDir, { recursive: true });
  const db = ['--data-dir', dataDir];
  const url = `http://127.0.0.1:${options.port}`;
  const adminPassword = randomBytes(18).toString('base64url');
  serverCommand(['migrate', ...db]);
  serverCommand(['admin', 'create', '--username', 'admin', '--display-name', 'Platform check', '--password-stdin', ...db], `${adminPassword}\n`);
  const enrollSecret = serverCommand(['enroll-secret', 'create', '--label', 'platform-workflow', '--expires-in-days', '1', ...db]);
  const log = openSync(join(stateDir, 'server.log'), 'a');
  const child = spawn(process.execPath, [serverCli, 'start', '--host', '127.0.0.1', '--port', options.port, ...db], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  writeFileSync(stateFile, `${JSON.stringify({ url, pid: child.pid, adminUsername: 'admin', adminPassword, enrollSecret }, null, 2)}\n`, { mode: 0o600 });
  await waitForHealth(url, 60_000);
  process.stdout.write(`server answering at ${url} (pid ${child.pid}); state in ${stateFile}\n`);
}
