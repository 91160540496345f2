import { StorageDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { lsblkLabels, parseDfPosix, parseLsblk } from '../../../collectors/storage/parse-linux.js';
import { normalizeProfilerPlist, parseMacStorage } from '../../../collectors/storage/parse-macos.js';
import { parseWindowsStorage } from '../../../collectors/storage/parse-windows.js';
import { readFixture, readJsonFixture } from '../fake-system.js';

describe('Windows storage', () => {
  it('reads NVMe, USB and SATA disks from MSFT_PhysicalDisk and local volumes only', () => {
    const data = parseWindowsStorage(readJsonFixture('windows/storage/cim-storage-nvme-usb.json'));
    expect(data.disks).toEqual([
      { device: '\\\\.\\PHYSICALDRIVE0', model: 'KIOXIA KXG80ZNV512G', serial: '8E3A_1234_5678_9ABC.', sizeBytes: 512110190592, type: 'nvme', interface: 'NVMe', smartStatus: 'ok', removable: false },
      { device: '\\\\.\\PHYSICALDRIVE1', model: 'SanDisk Extreme 55AE', serial: '32343133464E343032343738', sizeBytes: 1000170586112, type: 'removable', interface: 'USB', smartStatus: 'warning', removable: true },
      { device: '\\\\.\\PHYSICALDRIVE2', model: 'ST2000DM008-2FR102', serial: 'ZFL1ABCD', sizeBytes: 2000398934016, type: 'hdd', interface: 'SATA', smartStatus: 'failing', removable: false },
    ]);
    expect(data.volumes).toEqual([
      { mount: 'C:', device: null, label: 'Windows', filesystem: 'NTFS', sizeBytes: 510770802688, usedBytes: 480706031616, freeBytes: 30064771072, freePercent: 5.9, system: true, removable: false },
      { mount: 'D:', device: null, label: 'Données', filesystem: 'exFAT', sizeBytes: 1000169537536, usedBytes: 100169537536, freeBytes: 900000000000, freePercent: 90, system: false, removable: true },
    ]);
    expect(StorageDataSchema.safeParse(data).success).toBe(true);
  });

  it('falls back to Win32_DiskDrive on Windows 7 (French) and reads SMART "Pred Fail"', () => {
    const data = parseWindowsStorage(readJsonFixture('windows/storage/cim-storage-win7-fr-diskdrive.json'));
    expect(data.disks.map((d) => [d.model, d.type, d.interface, d.smartStatus, d.removable, d.sizeBytes])).toEqual([
      ['VBOX HARDDISK ATA Device', 'virtual', 'IDE', 'ok', false, 53686402560],
      ['Kingston DataTraveler 3.0 USB Device', 'removable', 'USB', 'failing', true, 30943995904],
    ]);
    expect(data.volumes[0]).toMatchObject({ mount: 'C:', label: null, system: true, freePercent: 40.1 });
    expect(StorageDataSchema.safeParse(data).success).toBe(true);
  });

  it('gives empty lists for empty output', () => {
    expect(parseWindowsStorage({})).toEqual({ disks: [], volumes: [] });
  });
});

describe('macOS storage', () => {
  it('reads APFS volumes and the Apple Fabric SSD that only appears as a physical drive', () => {
    const data = parseMacStorage(readJsonFixture('macos/storage/system_profiler-storage-m1.json'));
    expect(data.disks).toEqual([
      { device: null, model: 'APPLE SSD AP0512Q', serial: null, sizeBytes: null, type: 'ssd', interface: 'Apple Fabric', smartStatus: 'ok', removable: false },
      { device: null, model: 'WD My Passport 260D', serial: null, sizeBytes: null, type: 'removable', interface: 'USB', smartStatus: 'unknown', removable: true },
    ]);
    expect(data.volumes.map((v) => [v.mount, v.label, v.filesystem, v.system, v.removable, v.freePercent])).toEqual([
      ['/System/Volumes/Data', 'Macintosh HD - Données', 'APFS', true, false, 36.5],
      ['/', 'Macintosh HD', 'APFS', true, false, 36.5],
      ['/Volumes/Sauvegarde', 'Sauvegarde', 'HFS+', false, true, 60],
    ]);
    expect(StorageDataSchema.safeParse(data).success).toBe(true);
  });

  it('accepts the -xml plist shape ([{_dataType, _items}])', () => {
    expect(normalizeProfilerPlist([{ _dataType: 'SPNVMeDataType', _items: [{ _name: 'x' }] }])).toEqual({ SPNVMeDataType: [{ _name: 'x' }] });
  });
});

describe('Linux storage', () => {
  it('lists real disks from lsblk and leaves out loop, zram and ROM devices', () => {
    expect(parseLsblk(readFixture('linux/storage/lsblk-J-nvme-usb.json'))).toEqual([
      { device: '/dev/sda', model: 'SanDisk Ultra Fit', serial: '4C530001230918110153', sizeBytes: 62914560000, type: 'removable', interface: 'USB', smartStatus: 'unknown', removable: true },
      { device: '/dev/nvme0n1', model: 'SAMSUNG MZVL21T0HCLR-00BL7', serial: 'S64PNF0T123456', sizeBytes: 1024209543168, type: 'nvme', interface: 'NVME', smartStatus: 'unknown', removable: false },
      { device: '/dev/sdb', model: 'WDC WD40EFRX-68N32N0', serial: 'WD-WCC7K1234567', sizeBytes: 4000787030016, type: 'hdd', interface: 'SATA', smartStatus: 'unknown', removable: false },
    ]);
  });

  it('collects file-system labels from the partition tree', () => {
    expect([...lsblkLabels(readFixture('linux/storage/lsblk-J-nvme-usb.json'))]).toEqual([
      ['/dev/sda1', 'Clé USB'],
      ['/dev/nvme0n1p1', 'EFI'],
      ['/dev/sdb1', 'archive'],
    ]);
  });

  it('reads old lsblk string values and calls virtio disks virtual', () => {
    expect(parseLsblk(readFixture('linux/storage/lsblk-J-util-linux-2.27-strings.json'))).toEqual([
      { device: '/dev/vda', model: null, serial: null, sizeBytes: 274877906944, type: 'virtual', interface: 'virtio', smartStatus: 'unknown', removable: false },
    ]);
  });

  it('rejects empty and non-JSON lsblk output with a clear error', () => {
    expect(() => parseLsblk('')).toThrow(/lsblk printed nothing/);
    expect(() => parseLsblk('lsblk: unknown column: PATH')).toThrow(/not JSON/);
  });

  it('keeps local volumes (with spaces in mount points) and drops pseudo and container file systems', () => {
    const volumes = parseDfPosix(readFixture('linux/storage/df-kPT-l-laptop.txt'), new Set(['/dev/sda']));
    expect(volumes.map((v) => [v.mount, v.device, v.filesystem, v.system, v.removable])).toEqual([
      ['/', '/dev/nvme0n1p2', 'ext4', true, false],
      ['/boot/efi', '/dev/nvme0n1p1', 'vfat', false, false],
      ['/media/rené/Clé USB', '/dev/sda1', 'exfat', false, true],
      ['/srv/archive', '/dev/sdb1', 'ext4', false, false],
    ]);
    expect(volumes[0]).toMatchObject({ sizeBytes: 982862268 * 1024, usedBytes: 412345678 * 1024, freeBytes: 520519922 * 1024, freePercent: 53 });
    expect(parseDfPosix('')).toEqual([]);
  });
});
