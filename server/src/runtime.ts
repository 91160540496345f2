import { join } from 'node:path';

import { FsBlobStore } from './attachments/fs-blob-store.js';
import type { ServerConfig } from './config.js';
import { systemClock, type Clock } from './storage/clock.js';
import { migrate, openDatabase, type DatabaseHandle } from './storage/database.js';
import { Store } from './storage/store.js';

export interface Runtime {
  readonly handle: DatabaseHandle;
  readonly store: Store;
  readonly blobs: FsBlobStore;
  close(): Promise<void>;
}

/** Opens the database (migrating it) and the attachment store named by the configuration. */
export async function openRuntime(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
  options: {
    readonly serving?: boolean;
    /** With several server processes, one runs the background checkpoints for all. */
    readonly checkpoints?: boolean;
    readonly clock?: Clock;
  } = {},
): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const handle = openDatabase(config.databaseUrl, {
    // A long-running server checkpoints in the background; one-shot CLI commands need not.
    backgroundCheckpoints: options.serving === true ? (options.checkpoints === false ? 'elsewhere' : true) : false,
    onBackgroundError: (message) => process.emitWarning(`SQLite background checkpoint failed: ${message}`),
  });
  try {
    await migrate(handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return {
    handle,
    store: new Store(handle, clock),
    blobs: new FsBlobStore(join(config.dataDir, 'attachments')),
    close: () => handle.close(),
  };
}
