import cluster, { type Worker } from 'node:cluster';

import type { ServerConfig } from './config.js';
import { startServer, type RunningServer, type ServerRole } from './server.js';

/** How the primary tells a worker which role it has. */
const ROLE_ENV = 'DESKSIDE_WORKER_ROLE';
/** A crash loop (bad disk, broken config) stops the server instead of forking forever. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

export const isClusterWorker = (): boolean => cluster.isWorker;

/**
 * `start --workers N`: the primary process only supervises; N worker processes share the listening
 * socket (node:cluster hands connections out round-robin) and each runs the whole server. The first
 * worker starts alone and migrates, bootstraps and runs the background jobs; the others start once it
 * listens. A crashed worker is replaced. SIGINT/SIGTERM drain every worker, then the primary exits.
 */
export async function superviseWorkers(config: ServerConfig, print: (line: string) => void = console.log): Promise<void> {
  let stopping = false;
  const restarts: number[] = [];
  const roleOf = new Map<Worker, 'lead' | 'serve'>();

  const fork = (role: 'lead' | 'serve'): Worker => {
    const worker = cluster.fork({ [ROLE_ENV]: role });
    roleOf.set(worker, role);
    return worker;
  };

  const lead = fork('lead');
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the first server worker exited during startup (code ${code ?? 'none'})`));
    lead.once('exit', onExit);
    lead.once('listening', () => {
      lead.off('exit', onExit);
      resolve();
    });
  });
  for (let i = 1; i < config.workers; i++) fork('serve');

  cluster.on('exit', (worker, code, signal) => {
    const role = roleOf.get(worker) ?? 'serve';
    roleOf.delete(worker);
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS) {
      print(`Server workers keep exiting (${restarts.length} in ${RESTART_WINDOW_MS / 1000} s); stopping.`);
      stopAll(1);
      return;
    }
    print(`Server worker ${worker.process.pid ?? '?'} exited (${signal ?? `code ${code}`}); starting another.`);
    setTimeout(() => {
      if (!stopping) fork(role);
    }, RESTART_DELAY_MS).unref();
  });

  const stopAll = (exitCode: number) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const force = setTimeout(() => {
      for (const w of workers) w.process.kill('SIGKILL');
      process.exit(1);
    }, 15_000);
    force.unref();
    let left = workers.length;
    if (left === 0) process.exit(exitCode);
    for (const w of workers) {
      w.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(exitCode);
      });
      w.process.kill('SIGTERM');
    }
  };

  let signalled = false;
  const onSignal = () => {
    // A second Ctrl-C does not wait for the drain.
    if (signalled) process.exit(1);
    signalled = true;
    stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Inside a worker: serve with the role the primary gave, stop when it says so (or when it is gone). */
export async function runWorker(config: ServerConfig, print: (line: string) => void = console.log): Promise<RunningServer> {
  const lead = process.env[ROLE_ENV] === 'lead';
  const role: ServerRole = { bootstrap: lead, backgroundJobs: lead };
  const server = await startServer(config, print, role);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Ctrl-C reaches every process of the terminal's group; the primary decides, and sends SIGTERM.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  return server;
}
