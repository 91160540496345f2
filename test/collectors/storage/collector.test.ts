import { describe, expect, it, vi } from 'vitest';

import { LSBLK_ARGS } from '../../../collectors/common/lsblk.js';
import type { DiskInfoDrive } from '../../../collectors/storage/disk-info.js';
import { DISK_INFO_GRACE_MS, storageCollector } from '../../../collectors/storage/index.js';
import type { CollectContext, SystemAccess } from '../../../collectors/types.js';
import { SectionError } from '../../../collectors/types.js';
import { createFakeSystem } from '../fake-system.js';

const LSBLK = `lsblk ${LSBLK_ARGS.join(' ')}`;

function context(system: SystemAccess): CollectContext {
  return { platform: 'linux', system, signal: new AbortController().signal, now: () => new Date('2026-11-29T10:00:00Z'), backupStaleDays: 7 };
}

const row = (mounted: string, filesystem: string, blocks: number, used: number, available: number): DiskInfoDrive => ({ filesystem, blocks, used, available, capacity: '0%', mounted });

/** node-disk-info's view of the same laptop: mounts cut at spaces, pseudo and network file systems. */
const DISK_INFO = [
  row('/dev', 'udev', 16282500, 0, 16282500),
  row('/', '/dev/nvme0n1p2', 982862268, 412345678, 520519922),
  row('/media/rené/Clé', '/dev/sda1', 61427712, 10485760, 50941952),
  row('/home', '/dev/nvme0n1p3', 1000, 100, 900),
  row('/mnt/nfs', 'nas:/export', 1000, 100, 900),
];

function fake(lsblk: { fixture?: string; exitCode?: number; stderr?: string }, diskInfo?: (options?: { readonly signal?: AbortSignal }) => Promise<DiskInfoDrive[]>, df: { fixture?: string; stdout?: string; exitCode?: number } = { fixture: 'linux/storage/df-kPT-l-laptop.txt' }): SystemAccess {
  const base = createFakeSystem({ commands: { [LSBLK]: lsblk, 'df -kPT -l': df } });
  return diskInfo ? Object.assign(base, { diskInfo }) : base;
}

const LAPTOP_LSBLK = { fixture: 'linux/storage/lsblk-J-nvme-usb.json' };
const NO_DF_ROWS = { stdout: 'Filesystem Type 1024-blocks Used Available Capacity Mounted on\n', exitCode: 1 };

describe('storage collector on Linux: df first, node-disk-info when df gave nothing', () => {
  it('does not start node-disk-info (the same df again, in a worker) when df listed volumes', async () => {
    let asked = 0;
    const data = await storageCollector.collect(
      context(
        fake(LAPTOP_LSBLK, async () => {
          asked += 1;
          return DISK_INFO;
        }),
      ),
    );
    expect(asked).toBe(0);
    expect(data.volumes.map((v) => v.mount)).toEqual(['/', '/boot/efi', '/media/rené/Clé USB', '/srv/archive']);
    expect(data.volumes[0]).toMatchObject({ mount: '/', filesystem: 'ext4', system: true });
  });

  it('takes node-disk-info\'s local volumes when df listed none (pseudo and network file systems left out)', async () => {
    const data = await storageCollector.collect(context(fake(LAPTOP_LSBLK, async () => DISK_INFO, NO_DF_ROWS)));
    expect(data.volumes.map((v) => v.mount)).toEqual(['/', '/media/rené/Clé', '/home']);
    expect(data.volumes.find((v) => v.mount === '/home')).toMatchObject({ device: '/dev/nvme0n1p3', sizeBytes: 1000 * 1024, freePercent: 90, system: false });
    expect(data.volumes[0]).toMatchObject({ mount: '/', system: true });
  });

  it('keeps df\'s volumes when node-disk-info would fail or the access has none', async () => {
    const failing = await storageCollector.collect(context(fake(LAPTOP_LSBLK, () => Promise.reject(new Error('df hung')))));
    const absent = await storageCollector.collect(context(fake(LAPTOP_LSBLK)));
    expect(failing.volumes.map((v) => v.mount)).toEqual(['/', '/boot/efi', '/media/rené/Clé USB', '/srv/archive']);
    expect(absent).toEqual(failing);
    expect((await storageCollector.collect(context(fake(LAPTOP_LSBLK, () => Promise.reject(new Error('df hung')), NO_DF_ROWS)))).volumes).toEqual([]);
  });

  it('keeps the volumes in the partial data when the disk list fails', async () => {
    const failure = await storageCollector.collect(context(fake({ exitCode: 1, stderr: 'lsblk: failed' }, async () => DISK_INFO))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SectionError);
    const partial = (failure as SectionError).partialData as { volumes: { mount: string }[] };
    expect(partial.volumes.map((v) => v.mount)).toEqual(['/', '/boot/efi', '/media/rené/Clé USB', '/srv/archive']);
  });
});

describe('storage collector: a hung node-disk-info', () => {
  it('is stopped shortly after the OS source answered, and the section keeps what that gave', async () => {
    vi.useFakeTimers();
    try {
      let stopped = false;
      const hung = (options?: { readonly signal?: AbortSignal }) =>
        new Promise<DiskInfoDrive[]>((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => {
            stopped = true;
            reject(new Error('stopped'));
          });
        });
      const pending = storageCollector.collect(context(fake(LAPTOP_LSBLK, hung, NO_DF_ROWS)));
      await vi.advanceTimersByTimeAsync(DISK_INFO_GRACE_MS + 1);
      const data = await pending;
      expect(stopped).toBe(true);
      expect(data.volumes).toEqual([]);
      expect(data.disks.length).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
