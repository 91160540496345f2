import type { Volume } from '@deskside/shared';
import { VolumeSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import type { DiskInfoDrive } from '../../../collectors/storage/disk-info.js';
import { mergeVolumes, volumeFromDiskInfo } from '../../../collectors/storage/merge-volumes.js';

const drive = (mounted: string, filesystem: string, blocks: number, used: number, available: number): DiskInfoDrive => ({
  filesystem,
  blocks,
  used,
  available,
  capacity: `${Math.round((used / Math.max(blocks, 1)) * 100)}%`,
  mounted,
});

const volume = (over: Partial<Volume> & { mount: string }): Volume => ({
  device: null,
  label: null,
  filesystem: null,
  sizeBytes: null,
  usedBytes: null,
  freeBytes: null,
  freePercent: null,
  system: false,
  removable: null,
  ...over,
});

const linux = { platform: 'linux', systemMount: '/' } as const;

describe('mergeVolumes (Linux: df -kPT -l and node-disk-info)', () => {
  it('keeps the primary values where both have one and fills only its nulls', () => {
    const primary = [volume({ mount: '/', device: '/dev/sda2', filesystem: 'ext4', sizeBytes: 100 * 1024, usedBytes: 40 * 1024, freeBytes: 60 * 1024, freePercent: 60, system: true, removable: false }), volume({ mount: '/data', filesystem: 'xfs' })];
    const merged = mergeVolumes(primary, [drive('/', '/dev/sda2', 999, 1, 998), drive('/data', '/dev/sdb1', 1000, 250, 750)], linux);
    expect(merged[0]).toEqual(primary[0]);
    expect(merged[1]).toEqual(volume({ mount: '/data', device: '/dev/sdb1', filesystem: 'xfs', sizeBytes: 1000 * 1024, usedBytes: 250 * 1024, freeBytes: 750 * 1024, freePercent: 75 }));
  });

  it('adds local volumes only node-disk-info saw, and leaves out pseudo file systems, network shares and hidden mounts', () => {
    const merged = mergeVolumes(
      [],
      [
        drive('/dev', 'devtmpfs', 100, 0, 100),
        drive('/run', 'tmpfs', 100, 1, 99),
        drive('/', '/dev/vda1', 2000, 500, 1500),
        drive('/mnt/share', 'fileserver:/export/home', 5000, 10, 4990),
        drive('/srv/smb', '//nas/public', 5000, 10, 4990),
        drive('/snap/core22/1380', '/dev/loop3', 100, 100, 0),
        drive('/home', '/dev/vda2', 4000, 1000, 3000),
      ],
      linux,
    );
    expect(merged.map((v) => [v.mount, v.device, v.system])).toEqual([
      ['/', '/dev/vda1', true],
      ['/home', '/dev/vda2', false],
    ]);
    expect(merged[0]).toMatchObject({ sizeBytes: 2000 * 1024, usedBytes: 500 * 1024, freeBytes: 1500 * 1024, freePercent: 75, filesystem: null, label: null, removable: null });
    for (const v of merged) expect(VolumeSchema.safeParse(v).success).toBe(true);
  });

  it('does not mark a second system volume when the primary already has one', () => {
    const merged = mergeVolumes([volume({ mount: '/', system: true })], [drive('/', '/dev/sda1', 10, 5, 5), drive('/boot', '/dev/sda0', 10, 1, 9)], linux);
    expect(merged.filter((v) => v.system)).toHaveLength(1);
  });

  it('drops a mount node-disk-info cut at a space ("/media/usb stick" arrives as "/media/usb")', () => {
    const merged = mergeVolumes([volume({ mount: '/media/usb stick', device: '/dev/sdc1' })], [drive('/media/usb', '/dev/sdc1', 10, 1, 9)], linux);
    expect(merged.map((v) => v.mount)).toEqual(['/media/usb stick']);
  });

  it('gives the primary unchanged when node-disk-info had nothing (failed or timed out)', () => {
    const primary = [volume({ mount: '/', sizeBytes: 1, freeBytes: 1, freePercent: 100 })];
    expect(mergeVolumes(primary, [], linux)).toEqual(primary);
  });

  it('lists a mount node-disk-info repeats once', () => {
    expect(mergeVolumes([], [drive('/x', '/dev/sdb1', 10, 1, 9), drive('/x', '/dev/sdb2', 20, 1, 19)], linux).map((v) => v.device)).toEqual(['/dev/sdb1']);
  });
});

describe('mergeVolumes (macOS: 512-byte blocks)', () => {
  it('converts blocks and keeps the Data volume but not the other system volumes', () => {
    const merged = mergeVolumes(
      [],
      [drive('/', '/dev/disk3s1s1', 1_000_000, 20_000, 500_000), drive('/System/Volumes/VM', '/dev/disk3s6', 1_000_000, 2, 500_000), drive('/System/Volumes/Data', '/dev/disk3s5', 1_000_000, 400_000, 500_000), drive('/Volumes/Backup', '/dev/disk5s2', 8, 4, 4), drive('/Volumes/share', '//user@nas/share', 8, 4, 4)],
      { platform: 'darwin', systemMount: '/' },
    );
    expect(merged.map((v) => v.mount)).toEqual(['/', '/System/Volumes/Data', '/Volumes/Backup']);
    expect(merged[0]).toMatchObject({ sizeBytes: 512_000_000, freeBytes: 256_000_000, usedBytes: 10_240_000, system: true });
  });
});

describe('mergeVolumes (Windows: wmic logicaldisk, bytes)', () => {
  const win = { platform: 'win32', systemMount: 'C:' } as const;

  it('matches drive letters without case and fills sizes the primary lacked', () => {
    const primary = [volume({ mount: 'C:', label: 'Windows', filesystem: 'NTFS', system: true, removable: false }), volume({ mount: 'e:', filesystem: 'FAT32' })];
    const merged = mergeVolumes(primary, [drive('C:', 'Local Fixed Disk', 512e9, 200e9, 312e9), drive('E:', 'Removable Disk', 32e9, 1e9, 31e9)], win);
    expect(merged[0]).toMatchObject({ mount: 'C:', label: 'Windows', sizeBytes: 512e9, usedBytes: 200e9, freeBytes: 312e9, freePercent: 60.9, system: true, removable: false });
    expect(merged[1]).toMatchObject({ mount: 'e:', sizeBytes: 32e9, removable: true, device: null });
  });

  it('adds fixed and removable drives CIM missed, not network drives or empty optical drives', () => {
    const merged = mergeVolumes([], [drive('C:', 'Local Fixed Disk', 512e9, 200e9, 312e9), drive('D:', 'CD-ROM Disc', 0, 0, 0), drive('Z:', 'Network Connection', 1e12, 1, 1e12), drive('F:', 'Removable Disk', 8e9, 1e9, 7e9)], win);
    expect(merged.map((v) => [v.mount, v.system, v.removable])).toEqual([
      ['C:', true, false],
      ['F:', false, true],
    ]);
  });
});

describe('volumeFromDiskInfo', () => {
  it('leaves free % unknown for a zero-sized volume', () => {
    expect(volumeFromDiskInfo(drive('/x', '/dev/sdz', 0, 0, 0), 'linux', null).freePercent).toBeNull();
  });
});
