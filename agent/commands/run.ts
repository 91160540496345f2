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

interface RunOptions {
  readonly socket?: string;
  /** commander's negation of --no-endpoint */
  readonly endpoint: boolean;
}

/** A worker nobody called for this long stops; its memory goes back to the OS. */
const WORKER_IDLE_MS = 120_000;

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
    .description('Run the agent: scheduled inventory, check-ins and deliveries until stopped (SIGHUP: sync now), serving the users of this machine')
    .option('--socket <path>', 'local endpoint for the tray and the CLI (default: /run/deskside/agent.sock, /var/run/deskside/agent.sock, \\\\.\\pipe\\deskside-agent, or DESKSIDE_AGENT_SOCKET)')
    .option('--no-endpoint', 'serve no local endpoint (a per-user agent that no one else talks to)')
    .action(async (options: RunOptions, command: Command) => {
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
      const log = (line: string) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: line })}\n`);
      const globals = ['--data-dir', dataDir, ...(opts.config ? ['--config', resolve(opts.config)] : []), ...(opts.verbose ? ['--verbose'] : [])];
      const endpoint = options.endpoint ? await import('../endpoint/service-endpoint.js') : null;
      const supervisorRef: { current: Supervisor | null } = { current: null };
      // Without its endpoint the agent still does its job (schedule, uploads); the users' clients then say so.
      const served = endpoint
        ? await endpoint
            .startServiceEndpoint({
              dataDir,
              ...(options.socket ? { socket: resolve(options.socket) } : {}),
              command: [...launcher(), ...globals],
              idleMs: WORKER_IDLE_MS,
              roundFinished: () => supervisorRef.current?.roundFinished() ?? Promise.resolve(),
              log,
            })
            .catch((e: unknown) => {
              log(`no local endpoint for the users of this machine: ${(e as Error).message}`);
              return null;
            })
        : null;
      const supervisor = new Supervisor({
        dataDir,
        ...(opts.config ? { configFile: resolve(opts.config) } : {}),
        ...(opts.verbose ? { verbose: true } : {}),
        launcher: launcher(),
        log,
        ...(served ? { worker: served.worker, onRoundMessage: served.onRoundMessage } : {}),
      });
      supervisorRef.current = supervisor;
      const stop = () => void supervisor.stop();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      if (process.platform !== 'win32') process.on('SIGHUP', () => supervisor.trigger('signal'));
      supervisor.start();
      await supervisor.stopped;
      await served?.close();
      await release();
      process.exitCode = 0;
    });
}
