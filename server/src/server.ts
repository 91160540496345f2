import type { FastifyInstance } from 'fastify';

import { buildApp, loggerOptions } from './app.js';
import type { ServerConfig } from './config.js';
import { Housekeeper } from './housekeeping/housekeeper.js';
import { SmtpSender } from './mail/smtp-sender.js';
import { bootstrapAdmin } from './ops/bootstrap-admin.js';
import { buildOutboundHandlers } from './outbound/handlers.js';
import { OutboundWorker } from './outbound/worker.js';
import { openRuntime } from './runtime.js';
import { DEFAULT_HISTORY_RETENTION } from './storage/history-retention.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * What this process does besides serving requests. A single process does everything; in a cluster the
 * first worker does (it starts alone, so migrations and the first administrator are never raced) and
 * the others only serve. Housekeeping is no part of the role: every process competes for its lease
 * (housekeeping/housekeeper.ts), so it goes on when the process running it dies.
 */
export interface ServerRole {
  /** Create the first administrator from the environment, and print where the server listens. */
  readonly bootstrap: boolean;
  /** SQLite's background checkpoints. */
  readonly backgroundJobs: boolean;
}

export const SOLE_PROCESS: ServerRole = { bootstrap: true, backgroundJobs: true };

/** Opens storage, builds the app, listens; `stop()` drains requests and then closes the database. */
export async function startServer(config: ServerConfig, print: (line: string) => void = console.log, role: ServerRole = SOLE_PROCESS): Promise<RunningServer> {
  const runtime = await openRuntime(config, { serving: true, checkpoints: role.backgroundJobs });
  const app = await buildApp({
    store: runtime.store,
    blobs: runtime.blobs,
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    consoleDir: config.consoleDir,
    rateLimits: config.rateLimits,
    limits: config.limits,
    ...(config.inflate ? { inflate: config.inflate } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const admin = role.bootstrap ? await bootstrapAdmin(runtime.store, process.env, 'deskside-server') : ({ kind: 'exists' } as const);
  switch (admin.kind) {
    case 'exists':
      break;
    case 'created':
      print(`Created administrator "${admin.username}" from DESKSIDE_ADMIN_PASSWORD.`);
      break;
    case 'missing':
      print(admin.hint);
      break;
    case 'invalid':
      print(`Not creating the first administrator: ${admin.reason}`);
      break;
    default: {
      const unreachable: never = admin;
      throw new Error(`unhandled bootstrap outcome ${String(unreachable)}`);
    }
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close();
    await runtime.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  if (role.bootstrap) announce(config, runtime.handle.description, url, print);
  const housekeeper = new Housekeeper(
    { store: runtime.store, blobs: runtime.blobs, retention: config.historyRetention ?? DEFAULT_HISTORY_RETENTION, imap: config.imap ?? null, log: app.log },
    { log: app.log },
  );
  housekeeper.start();
  const smtpSender = new SmtpSender();
  // Every process sends outbound jobs; the claim in the database keeps each job to one of them.
  const outbound = new OutboundWorker(runtime.store.outbound, buildOutboundHandlers({ store: runtime.store, smtp: smtpSender }), { log: app.log });
  outbound.start();
  // A request that enqueued webhook or connector deliveries has committed by the time it answers: send now.
  const stopWaking = runtime.store.webhooks.onCommitted(() => void outbound.tick());
  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
    stop: () => {
      stopping ??= (async () => {
        await housekeeper.stop();
        stopWaking();
        await outbound.stop();
        smtpSender.close();
        await app.close();
        await runtime.close();
      })();
      return stopping;
    },
  };
}

function announce(config: ServerConfig, database: string, url: string, print: (line: string) => void): void {
  const workers = config.workers > 1 ? `, ${config.workers} worker processes` : '';
  print(`Deskside server ${config.consoleDir ? 'and console ' : ''}listening on ${url} (database ${database}, attachments in ${config.attachments}${workers})`);
  print(config.consoleDir ? `Console: ${url}/` : `Console: not built (API only); build it to serve it at ${url}/`);
}

/** SIGINT/SIGTERM stop gracefully; a second signal or a stuck drain exits anyway. */
export function stopOnSignals(server: RunningServer, graceMs = 10_000): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    server.app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), graceMs);
    timer.unref();
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
