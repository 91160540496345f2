#!/usr/bin/env node
// Compares what `deskside-agent inventory --json` (the built CLI, dist/agent/cli.js) reports about this
// machine with what the OS itself answers through its own tools, field by field. Exit code 0 when every
// compared field agrees, 1 on any disagreement, 2 when the check itself could not run.
//
//   node scripts/verify-inventory.mjs [--json] [--report <file>] [--cli <path>]
//
// --json prints the JSON report instead of the table; --report also writes it to a file.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { compareInventory, formatTable, TOLERANCES } from './verify-inventory/compare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { json: { type: 'boolean', default: false }, report: { type: 'string' }, cli: { type: 'string', default: join(root, 'dist', 'agent', 'cli.js') } },
});

async function osAnswers() {
  if (process.platform === 'linux') return (await import('./verify-inventory/linux.mjs')).linuxAnswers();
  if (process.platform === 'win32') return (await import('./verify-inventory/win32.mjs')).win32Answers();
  if (process.platform === 'darwin') return (await import('./verify-inventory/darwin.mjs')).darwinAnswers();
  throw new Error(`no OS answers for platform ${process.platform}`);
}

function agentInventory() {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [options.cli, 'inventory', '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new Error(`deskside-agent inventory --json failed: ${(stderr || error.message).trim().slice(0, 1000)}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

try {
  // The agent first, then the OS: free space is read in the same order on every run.
  const doc = await agentInventory();
  const rows = compareInventory(doc, await osAnswers());
  const disagreements = rows.filter((r) => r.agree === false).length;
  const report = { platform: process.platform, collectedAt: doc.collectedAt ?? null, tolerances: TOLERANCES, agree: disagreements === 0, disagreements, rows };
  if (options.report) await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatTable(rows)}\n\n${disagreements === 0 ? 'every compared field agrees' : `${disagreements} field(s) disagree`}\n`);
  process.exitCode = disagreements === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`verify-inventory: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
