import type { BlobStore } from './attachments/blob-store.js';
import { FsBlobStore } from './attachments/fs-blob-store.js';
import { S3BlobStore, s3ClientFromEnvironment } from './attachments/s3-blob-store.js';
import { parseS3Url } from './attachments/s3-location.js';
import type { ServerConfig } from './config.js';
import { systemClock, type Clock } from './storage/clock.js';
import { migrate, openDatabase, type DatabaseHandle } from './storage/database.js';
import { Store } from './storage/store.js';

export interface Runtime {
  readonly handle: DatabaseHandle;
  readonly store: Store;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}

/** Opens the database (migrating it) and the attachment store named by the configuration. */
export async function openRuntime(
  config: Pick<ServerConfig, 'databaseUrl' | 'attachments' | 'smtp' | 'publicUrl'>,
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
  let blobs: BlobStore;
  try {
    await migrate(handle);
    blobs = await openBlobStore(config.attachments, options.serving === true);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return {
    handle,
    store: new Store(handle, clock, { smtpFromEnvironment: config.smtp ?? null, publicUrl: config.publicUrl?.replace(/\/+$/, '') ?? null }),
    blobs,
    close: () => handle.close(),
  };
}

/** A folder, or an S3-compatible bucket (checked reachable before a server starts serving). */
async function openBlobStore(location: string, serving: boolean): Promise<BlobStore> {
  if (!location.startsWith('s3://')) return new FsBlobStore(location);
  const store = new S3BlobStore(s3ClientFromEnvironment(), parseS3Url(location));
  if (serving) await store.check();
  return store;
}
