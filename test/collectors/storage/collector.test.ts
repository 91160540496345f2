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

/** node-disk-info's view of the same laptop: mounts cut at spaces, and /home that df -l did not print. */
const DISK_INFO = [
  row('/dev', 'udev', 16282500, 0, 16282500),
  row('/', '/dev/nvme0n1p2', 982862268, 412345678, 520519922),
  row('/media/rené/Clé', '/dev/sda1', 61427712, 10485760, 50941952),
  row('/home', '/dev/nvme0n1p3', 1000, 100, 900),
  row('/mnt/nfs', 'nas:/export', 1000, 100, 900),
];

function fake(lsblk: { fixture?: string; exitCode?: number; stderr?: string }, diskInfo?: () => Promise<DiskInfoDrive[]>): SystemAccess {
  const base = createFakeSystem({ commands: { [LSBLK]: lsblk, 'df -kPT -l': 'linux/storage/df-kPT-l-laptop.txt' } });
  return diskInfo ? Object.assign(base, { diskInfo }) : base;
}

describe('storage collector: df and node-disk-info together', () => {
  it('adds the local volume only node-disk-info listed and nothing it got wrong', async () => {
    const data = await storageCollector.collect(context(fake({ fixture: 'linux/storage/lsblk-J-nvme-usb.json' }, async () => DISK_INFO)));
    expect(data.volumes.map((v) => v.mount)).toEqual(['/', '/boot/efi', '/media/rené/Clé USB', '/srv/archive', '/home']);
    expect(data.volumes.at(-1)).toMatchObject({ device: '/dev/nvme0n1p3', sizeBytes: 1000 * 1024, freePercent: 90, system: false });
    expect(data.volumes[0]).toMatchObject({ mount: '/', filesystem: 'ext4', system: true });
  });

  it('keeps df\'s volumes when node-disk-info fails or the access has none', async () => {
    const failing = await storageCollector.collect(context(fake({ fixture: 'linux/storage/lsblk-J-nvme-usb.json' }, () => Promise.reject(new Error('df hung')))));
    const absent = await storageCollector.collect(context(fake({ fixture: 'linux/storage/lsblk-J-nvme-usb.json' })));
    expect(failing.volumes.map((v) => v.mount)).toEqual(['/', '/boot/efi', '/media/rené/Clé USB', '/srv/archive']);
    expect(absent).toEqual(failing);
  });

  it('keeps both sources\' volumes in the partial data when the disk list fails', async () => {
    const failure = await storageCollector.collect(context(fake({ exitCode: 1, stderr: 'lsblk: failed' }, async () => DISK_INFO))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SectionError);
    const partial = (failure as SectionError).partialData as { volumes: { mount: string }[] };
    expect(partial.volumes.map((v) => v.mount)).toContain('/home');
  });
});

describe('storage collector: a hung node-disk-info', () => {
  it('is stopped shortly after df answered, and the section keeps df\'s volumes', async () => {
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
      const pending = storageCollector.collect(context(fake({ fixture: 'linux/storage/lsblk-J-nvme-usb.json' }, hung)));
      await vi.advanceTimersByTimeAsync(DISK_INFO_GRACE_MS + 1);
      const data = await pending;
      expect(stopped).toBe(true);
      expect(data.volumes.map((v) => v.mount)).toEqual(['/', '/boot/efi', '/media/rené/Clé USB', '/srv/archive']);
    } finally {
      vi.useRealTimers();
    }
  });
});
