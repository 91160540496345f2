import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const JITI = `${REPO}node_modules/jiti/lib/jiti-cli.mjs`;

export const canRunTs = existsSync(JITI);

/**
 * The environment a child running this repository's TypeScript needs: the loader's aliases, the same
 * loader for the rounds `run` starts, and an endpoint of its own (never the machine's real one).
 */
export function tsEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JITI_ALIAS: JSON.stringify({ '@deskside/shared/inventory': `${REPO}shared/src/inventory-contract.ts`, '@deskside/shared/glpi': `${REPO}shared/src/glpi/glpi-inventory.ts`, '@deskside/shared': `${REPO}shared/src/index.ts` }),
    DESKSIDE_AGENT_LAUNCHER: JSON.stringify([JITI]),
    DESKSIDE_AGENT_SOCKET: join(tmpdir(), `deskside-test-${process.pid}-${randomUUID()}`, 'agent.sock'),
    ...env,
  };
}

/** Run a TypeScript file of this repository in a child Node process (real sources, no build step). */
export function spawnTs(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [JITI, file, ...args], { cwd: REPO, env: tsEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolve with the child's output lines once `until` matches a line (or the child exits). */
export function waitForLine(child: ChildProcessWithoutNullStreams, until: (line: string, all: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl = buffer.indexOf('\n');
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (until(line, lines)) {
          resolve(lines);
          return;
        }
        nl = buffer.indexOf('\n');
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}
