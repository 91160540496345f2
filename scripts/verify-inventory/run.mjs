// Running the OS's own tools for scripts/verify-inventory.mjs: one place for time limits and errors.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const TIMEOUT_MS = 60_000;

/** stdout of a command; throws with the command's name and its stderr when it fails. */
export function run(file, args = [], options = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, windowsHide: true, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${(stderr || error.message).trim().slice(0, 500)}`));
      else resolve(stdout);
    });
  });
}

/** stdout of a command, or null when the command is not installed or fails (an absent tool is an answer). */
export async function tryRun(file, args = [], options = {}) {
  try {
    return await run(file, args, options);
  } catch {
    return null;
  }
}

export async function tryRead(path) {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** PowerShell's answer as JSON (Windows PowerShell 5.1 is on every Windows machine). */
export async function powershellJson(script) {
  const out = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', `$ErrorActionPreference='Stop'; ${script} | ConvertTo-Json -Depth 6 -Compress`]);
  return out.trim() === '' ? null : JSON.parse(out);
}
