import type { StorageData } from '@deskside/shared/inventory';

import { asArray, asObject, count, num, positive, str } from '../common/values.js';
import { classifyDisk, freePercent } from './classify.js';

type Disk = StorageData['disks'][number];

/** MSFT_PhysicalDisk.BusType (Storage Management API). */
export const BUS_TYPES: Readonly<Record<number, string>> = {
  1: 'SCSI',
  2: 'ATAPI',
  3: 'ATA',
  4: '1394',
  5: 'SSA',
  6: 'Fibre Channel',
  7: 'USB',
  8: 'RAID',
  9: 'iSCSI',
  10: 'SAS',
  11: 'SATA',
  12: 'SD',
  13: 'MMC',
  14: 'Virtual',
  15: 'File Backed Virtual',
  16: 'Storage Spaces',
  17: 'NVMe',
  18: 'SCM',
  19: 'UFS',
};

function smartFromHealth(code: number | null): Disk['smartStatus'] {
  switch (code) {
    case 0:
      return 'ok';
    case 1:
      return 'warning';
    case 2:
      return 'failing';
    default:
      return 'unknown';
  }
}

/** Physical disks from MSFT_PhysicalDisk (Windows 8+), the source that knows SSD/HDD and NVMe. */
export function parseMsftPhysicalDisks(value: unknown): Disk[] {
  return asArray(value)
    .slice(0, 64)
    .map((d) => {
      const bus = BUS_TYPES[num(d.BusType) ?? -1] ?? null;
      const media = num(d.MediaType);
      const model = str(d.FriendlyName) ?? str(d.Model);
      const removable = bus === 'USB' || bus === 'SD' || bus === 'MMC' ? true : bus === null ? null : false;
      return {
        device: d.DeviceId !== undefined && d.DeviceId !== null && d.DeviceId !== '' ? `\\\\.\\PHYSICALDRIVE${String(d.DeviceId)}` : null,
        model,
        serial: str(d.SerialNumber),
        sizeBytes: positive(d.Size),
        type: classifyDisk({ model, bus, rotational: media === 3 ? true : media === 4 || media === 5 ? false : null, removable }),
        interface: bus,
        smartStatus: smartFromHealth(num(d.HealthStatus)),
        removable,
      };
    });
}

/**
 * Windows 7's Win32_DiskDrive returns ATA serials as hex of the raw identify data, whose characters
 * come in swapped pairs ("4256…" → "BV…" → "VB…"). Anything else is returned as given.
 */
export function decodeDiskSerial(serial: string | null): string | null {
  if (serial === null || serial.length % 4 !== 0 || !/^[0-9a-f]{8,}$/i.test(serial)) return serial;
  const bytes = Buffer.from(serial, 'hex');
  if (![...bytes].every((b) => b >= 0x20 && b < 0x7f)) return serial;
  const chars = bytes.toString('latin1').split('');
  for (let i = 0; i + 1 < chars.length; i += 2) [chars[i], chars[i + 1]] = [chars[i + 1] as string, chars[i] as string];
  return chars.join('').trim() || null;
}

/** Win32_DiskDrive, for Windows 7 and when the Storage namespace is unavailable. */
export function parseWin32DiskDrives(value: unknown): Disk[] {
  return asArray(value)
    .slice(0, 64)
    .map((d) => {
      const model = str(d.Model) ?? str(d.Caption);
      const iface = str(d.InterfaceType, 64);
      const removable = /removable|amovible|wechsel/i.test(String(d.MediaType ?? '')) || iface === 'USB' ? true : iface === null ? null : false;
      const status = str(d.Status)?.toLowerCase();
      return {
        device: str(d.DeviceID) ?? (d.Index !== undefined ? `\\\\.\\PHYSICALDRIVE${String(d.Index)}` : null),
        model,
        serial: decodeDiskSerial(str(d.SerialNumber)),
        sizeBytes: positive(d.Size),
        type: classifyDisk({ model, bus: iface, rotational: null, removable }),
        interface: iface,
        // Win32_DiskDrive.Status is "OK" or "Pred Fail" (SMART predicted failure), whatever the language.
        smartStatus: status === 'ok' ? 'ok' : status === 'pred fail' ? 'failing' : status === 'degraded' ? 'warning' : 'unknown',
        removable,
      };
    });
}

/** Win32_LogicalDisk.DriveType: 2 removable, 3 local, 4 network, 5 optical, 6 RAM disk. */
export function parseWin32LogicalDisks(value: unknown, systemDrive: string | null): StorageData['volumes'] {
  return asArray(value)
    .filter((v) => {
      const type = num(v.DriveType);
      return type === 2 || type === 3 || type === 6 || (type === 5 && positive(v.Size) !== null);
    })
    .slice(0, 256)
    .flatMap((v) => {
      const mount = str(v.DeviceID);
      if (mount === null) return [];
      const size = count(v.Size);
      const free = count(v.FreeSpace);
      const type = num(v.DriveType);
      return [
        {
          mount,
          device: null,
          label: str(v.VolumeName),
          filesystem: str(v.FileSystem, 64),
          sizeBytes: size,
          usedBytes: size !== null && free !== null ? size - free : null,
          freeBytes: free,
          freePercent: freePercent(size, free),
          system: systemDrive !== null && mount.toUpperCase() === systemDrive.toUpperCase(),
          removable: type === 2 || type === 5,
        },
      ];
    });
}

export function parseWindowsStorage(parts: Readonly<Record<string, unknown>>): StorageData {
  const msft = parseMsftPhysicalDisks(parts.disks);
  const env = asObject(parts.env) ?? {};
  return {
    disks: msft.length > 0 ? msft : parseWin32DiskDrives(parts.diskDrives),
    volumes: parseWin32LogicalDisks(parts.volumes, str(env.systemDrive)),
  };
}
