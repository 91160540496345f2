import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode copies the log back into the database (a checkpoint, with fsync) every 1,000
 * pages by default, inside whichever commit crosses the mark: with inventories of 100+ KB that puts
 * a disk flush in the middle of a request every dozen uploads. The server instead checkpoints from
 * a worker thread with its own connection, PASSIVE so it never blocks writers, and the request
 * path never waits for the disk.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    // PASSIVE only: the blocking modes (FULL, RESTART, TRUNCATE) would make writers wait, and a
    // waiting writer blocks the server's event loop. The WAL is reused from the start once copied back,
    // and journal_size_limit trims the file then.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopped = true;
    try { db.pragma('wal_checkpoint(PASSIVE)'); db.close(); } catch {}
    parentPort.postMessage({ stopped: true });
  }
});
tick();
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, onError: (message: string) => void, intervalMs = 500): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error !== undefined) onError(m.error);
  });
  worker.on('error', (err) => onError(err.message));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        const timer = setTimeout(done, 2_000);
        worker.once('message', () => {
          clearTimeout(timer);
          done();
        });
        worker.postMessage('stop');
      }),
  };
}
