import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One row of node-disk-info, as plain data (its Drive class does not cross threads). */
export interface DiskInfoDrive {
  /** Device (/dev/sda1) on Linux and macOS; the drive's description ("Local Fixed Disk") on Windows. */
  readonly filesystem: string;
  /** df's blocks (1024 bytes with GNU df, 512 with macOS df); bytes on Windows. */
  readonly blocks: number;
  readonly used: number;
  readonly available: number;
  /** "25%". */
  readonly capacity: string;
  /** Mount point, or the drive letter ("C:") on Windows. */
  readonly mounted: string;
}

/**
 * node-disk-info runs `df` (or wmic) with execSync and no timeout: on the main thread a hung network
 * mount would freeze the whole agent. It runs in a worker instead, which the caller abandons and
 * terminates on timeout or abort. The worker is CommonJS source evaluated in place, so the same code
 * runs from the TypeScript sources in tests and from dist/ in the product.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getDiskInfoSync } = require(workerData.modulePath);
const drives = getDiskInfoSync().map((d) => ({
  filesystem: d.filesystem, blocks: d.blocks, used: d.used, available: d.available, capacity: d.capacity, mounted: d.mounted,
}));
parentPort.postMessage(drives);
`;

export const DEFAULT_DISK_INFO_TIMEOUT_MS = 10_000;

export interface ReadDiskInfoOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Tests substitute a worker body (e.g. one that never answers); it receives workerData.modulePath too. */
  readonly workerSource?: string;
}

export class DiskInfoTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`node-disk-info did not answer within ${timeoutMs} ms`);
    this.name = 'DiskInfoTimeoutError';
  }
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Keeps only rows of the documented shape; anything else from the worker is dropped, not trusted. */
export function toDiskInfoDrives(message: unknown): DiskInfoDrive[] {
  if (!Array.isArray(message)) throw new Error('node-disk-info answered something other than a list');
  return message.filter(
    (d): d is DiskInfoDrive =>
      typeof d === 'object' && d !== null && isText(d.filesystem) && isText(d.mounted) && d.mounted !== '' && isCount(d.blocks) && isCount(d.used) && isCount(d.available) && isText(d.capacity),
  );
}

/** Volumes as node-disk-info sees them, read off the main thread; rejects on error, timeout or abort. */
export function readDiskInfo(options: ReadDiskInfoOptions = {}): Promise<DiskInfoDrive[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DISK_INFO_TIMEOUT_MS;
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(new Error('node-disk-info was not started: the collector was cancelled'));
  const modulePath = createRequire(import.meta.url).resolve('node-disk-info');
  return new Promise<DiskInfoDrive[]>((resolve, reject) => {
    const worker = new Worker(options.workerSource ?? WORKER_SOURCE, { eval: true, workerData: { modulePath }, stdout: true, stderr: true });
    // A worker stuck in execSync must not keep the agent alive once everything else is done.
    worker.unref();
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new DiskInfoTimeoutError(timeoutMs))), timeoutMs);
    const onAbort = (): void => finish(() => reject(new Error('node-disk-info was stopped: the collector was cancelled')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: unknown) =>
      finish(() => {
        try {
          resolve(toDiskInfoDrives(message));
        } catch (error) {
          reject(error as Error);
        }
      }),
    );
    worker.once('error', (error) => finish(() => reject(new Error(`node-disk-info failed: ${error.message.slice(0, 300)}`))));
    worker.once('exit', (code) => finish(() => reject(new Error(`node-disk-info's worker exited (${code}) without an answer`))));
  });
}
