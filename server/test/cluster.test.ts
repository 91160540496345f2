import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The workers are real processes forked from the built command; CI builds before it tests.
const CLI = join(process.cwd(), 'server/dist/cli.js');
const built = existsSync(CLI);
if (!built) console.log('note: server/dist/cli.js is missing (run the build); the --workers test is skipped');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Children of a process, from /proc (Linux, where this runs). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}

async function until<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    try {
      const v = await probe();
      if (ok(v)) return v;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!built)('deskside-server start --workers', () => {
  let dataDir: string;
  let child: ChildProcess | null = null;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-cluster-'));
  });
  afterEach(async () => {
    if (child !== null && child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves from several processes, replaces a crashed worker and drains them all on SIGTERM', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const out: string[] = [];
    child = spawn(process.execPath, [CLI, 'start', '--port', String(port), '--workers', '2', '--data-dir', dataDir], {
      env: { ...process.env, DESKSIDE_CONSOLE_DIR: '', DESKSIDE_LOG_LEVEL: 'warn', DESKSIDE_ADMIN_PASSWORD: 'a very long admin password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (b: Buffer) => out.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => out.push(b.toString()));
    const primary = child.pid!;
    const url = `http://127.0.0.1:${port}`;
    await until(() => fetch(`${url}/readyz`).then((r) => r.status), (s) => s === 200, 'readiness');
    const workers = await until(() => childrenOf(primary), (c) => c.length === 2, 'two workers');
    // Only the first worker bootstraps and announces: one administrator, one banner.
    await until(() => out.join(''), (s) => s.includes('2 worker processes'), 'the banner');
    expect(out.join('').match(/Created administrator/g)).toHaveLength(1);

    process.kill(workers[1]!, 'SIGKILL');
    const replaced = await until(() => childrenOf(primary), (c) => c.length === 2 && !c.includes(workers[1]!), 'a replacement worker');
    expect(replaced).toContain(workers[0]);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(replaced.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  });
});
