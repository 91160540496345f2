import type { StorageData } from '@deskside/shared/inventory';

import { asArray, bool, count, positive, str, type JsonObject } from '../common/values.js';
import { classifyDisk, freePercent } from './classify.js';

type Disk = StorageData['disks'][number];

function smart(value: unknown): Disk['smartStatus'] {
  const text = str(value)?.toLowerCase();
  if (text === 'verified') return 'ok';
  if (text === 'failing') return 'failing';
  if (text === 'about to fail') return 'warning';
  return 'unknown';
}

/** A disk from SPNVMeDataType / SPSerialATADataType (controllers whose `_items` are the disks). */
function diskFrom(d: JsonObject, bus: string): Disk {
  const model = str(d.device_model) ?? str(d._name);
  const medium = str(d.spsata_medium_type)?.toLowerCase();
  const removable = bool(d.removable_media) ?? (str(d.detachable_drive) === 'yes' ? true : null);
  return {
    device: str(d.bsd_name) ? `/dev/${str(d.bsd_name)}` : null,
    model,
    serial: str(d.device_serial),
    sizeBytes: positive(d.size_in_bytes),
    type: classifyDisk({
      model,
      bus,
      rotational: medium === 'rotational' ? true : medium === 'solid state' ? false : null,
      removable,
    }),
    interface: bus,
    smartStatus: smart(d.smart_status),
    removable,
  };
}

/**
 * system_profiler's storage types. `-json` gives `{ SPNVMeDataType: [controller…] }`; `-xml` (plist)
 * gives `[{ _dataType, _items: [controller…] }]`: normalizeProfilerPlist turns the second into the first.
 */
export function normalizeProfilerPlist(value: unknown): Record<string, unknown> {
  if (!Array.isArray(value)) return (value ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const entry of asArray(value)) {
    const type = str(entry._dataType);
    if (type) out[type] = entry._items ?? [];
  }
  return out;
}

export function parseMacStorage(profiler: unknown): StorageData {
  const root = normalizeProfilerPlist(profiler);
  const disks: Disk[] = [
    ...asArray(root.SPNVMeDataType).flatMap((c) => asArray(c._items).map((d) => diskFrom(d, 'NVMe'))),
    ...asArray(root.SPSerialATADataType).flatMap((c) => asArray(c._items).map((d) => diskFrom(d, 'SATA'))),
  ];
  const storage = asArray(root.SPStorageDataType);
  // Apple silicon's internal SSD sits on "Apple Fabric" and appears only as a volume's physical drive.
  const seen = new Set(disks.map((d) => d.model));
  for (const v of storage) {
    const drive = (v.physical_drive ?? {}) as JsonObject;
    const model = str(drive.device_name);
    if (model === null || seen.has(model)) continue;
    seen.add(model);
    const internal = bool(drive.is_internal_disk);
    const protocol = str(drive.protocol, 64);
    disks.push({
      device: null,
      model,
      serial: null,
      sizeBytes: null,
      type: classifyDisk({
        model,
        bus: protocol,
        rotational: str(drive.medium_type) === 'ssd' ? false : str(drive.medium_type) === 'rotational' ? true : null,
        removable: internal === null ? null : !internal,
      }),
      interface: protocol,
      smartStatus: smart(drive.smart_status),
      removable: internal === null ? null : !internal,
    });
  }
  const volumes = storage.slice(0, 256).flatMap((v) => {
    const mount = str(v.mount_point, 1024);
    if (mount === null) return [];
    const size = count(v.size_in_bytes);
    const free = count(v.free_space_in_bytes);
    const internal = bool(((v.physical_drive ?? {}) as JsonObject).is_internal_disk);
    return [
      {
        mount,
        device: str(v.bsd_name) ? `/dev/${str(v.bsd_name)}` : null,
        label: str(v._name),
        filesystem: str(v.file_system, 64),
        sizeBytes: size,
        usedBytes: size !== null && free !== null ? size - free : null,
        freeBytes: free,
        freePercent: freePercent(size, free),
        system: mount === '/' || mount === '/System/Volumes/Data',
        removable: internal === null ? null : !internal,
      },
    ];
  });
  return { disks: disks.slice(0, 64), volumes };
}
