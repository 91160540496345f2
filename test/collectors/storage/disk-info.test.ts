import { describe, expect, it } from 'vitest';

import { DiskInfoTimeoutError, readDiskInfo, toDiskInfoDrives } from '../../../collectors/storage/disk-info.js';

describe('readDiskInfo (node-disk-info in a worker thread)', () => {
  it.runIf(process.platform === 'linux')('reads this machine\'s volumes, the root among them', async () => {
    const drives = await readDiskInfo({ timeoutMs: 20_000 });
    const root = drives.find((d) => d.mounted === '/');
    expect(root).toBeDefined();
    expect(root?.blocks).toBeGreaterThan(0);
  });

  it('gives up on a worker that never answers, with a timeout error', async () => {
    const hung = 'const { parentPort } = require("node:worker_threads"); setInterval(() => {}, 1000);';
    await expect(readDiskInfo({ timeoutMs: 200, workerSource: hung })).rejects.toBeInstanceOf(DiskInfoTimeoutError);
  });

  it('stops when its collector is cancelled', async () => {
    const hung = 'setInterval(() => {}, 1000);';
    const controller = new AbortController();
    const pending = readDiskInfo({ timeoutMs: 60_000, workerSource: hung, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/cancelled/);
  });

  it('reports a failing node-disk-info as an error, not a crash', async () => {
    await expect(readDiskInfo({ workerSource: 'throw new Error("df: not found")' })).rejects.toThrow(/node-disk-info failed: df: not found/);
    await expect(readDiskInfo({ workerSource: 'process.exit(3)' })).rejects.toThrow(/exited \(3\)/);
  });
});

describe('toDiskInfoDrives', () => {
  it('keeps well-formed rows and drops the rest', () => {
    const good = { filesystem: '/dev/sda1', blocks: 10, used: 1, available: 9, capacity: '10%', mounted: '/' };
    expect(toDiskInfoDrives([good, { ...good, blocks: -1 }, { ...good, mounted: '' }, null, 'x', { ...good, used: Number.NaN }])).toEqual([good]);
    expect(() => toDiskInfoDrives({ drives: [] })).toThrow(/list/);
  });
});
