import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { Command } from 'commander';

import { Supervisor } from '../daemon/supervisor.js';
import { defaultDataDir } from '../support/platform.js';
import { tryLock } from '../support/process-lock.js';

interface GlobalOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly verbose?: boolean;
}

/** How to start this program again: the same Node, flags and script (tests set a loader). */
export function launcher(): string[] {
  const custom = process.env.DESKSIDE_AGENT_LAUNCHER;
  if (custom) return [process.execPath, ...(JSON.parse(custom) as string[]), process.argv[1] ?? ''];
  return [process.execPath, ...process.execArgv, process.argv[1] ?? ''];
}

/** Registers `run` with nothing heavy imported: the daemon process stays small (see Supervisor). */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run the agent: scheduled inventory, check-ins and deliveries until stopped (SIGHUP: sync now)')
    .action(async (_options: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const dataDir = resolve(opts.dataDir ?? process.env.DESKSIDE_DATA_DIR ?? defaultDataDir());
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      // Two daemons on one data folder would run every round twice and race on state.json.
      const release = await tryLock(join(dataDir, 'daemon.lock'));
      if (!release) {
        process.stderr.write(`deskside-agent: another "deskside-agent run" is already running for ${dataDir}\n`);
        process.exitCode = 75;
        return;
      }
      const supervisor = new Supervisor({
        dataDir,
        ...(opts.config ? { configFile: resolve(opts.config) } : {}),
        ...(opts.verbose ? { verbose: true } : {}),
        launcher: launcher(),
        log: (line) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: line })}\n`),
      });
      const stop = () => void supervisor.stop();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      if (process.platform !== 'win32') process.on('SIGHUP', () => supervisor.trigger('signal'));
      supervisor.start();
      await supervisor.stopped;
      await release();
      process.exitCode = 0;
    });
}
