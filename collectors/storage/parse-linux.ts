import type { StorageData } from '@deskside/shared/inventory';

import { parseJsonOutput } from '../common/json.js';
import { asArray, bool, positive, str, type JsonObject } from '../common/values.js';
import { classifyDisk, freePercent } from './classify.js';

/** Block devices that are not disks a technician would replace: RAM-backed, loop and ROM devices. */
const NOT_DISKS = /^(loop|ram|zram|sr|fd|nbd)\d*/;

/** `lsblk -J -b -o NAME,KNAME,TYPE,SIZE,MODEL,SERIAL,ROTA,RM,TRAN,VENDOR,LABEL,…` (util-linux 2.27+; see LSBLK_ARGS). */
export function parseLsblk(text: string): StorageData['disks'] {
  const root = parseJsonOutput(text, 'lsblk') as JsonObject;
  return asArray(root.blockdevices)
    .filter((d) => str(d.type) === 'disk' && !NOT_DISKS.test(str(d.name) ?? ''))
    .slice(0, 64)
    .map((d) => {
      const name = str(d.kname) ?? str(d.name);
      const vendor = str(d.vendor);
      const rawModel = str(d.model);
      const model = vendor && rawModel && !rawModel.toLowerCase().startsWith(vendor.toLowerCase()) && !/^ata$/i.test(vendor) ? `${vendor} ${rawModel}` : rawModel;
      const tran = str(d.tran, 64);
      const removable = bool(d.rm) ?? bool(d.hotplug);
      // virtio disks (vdX) claim to be rotational; they are virtual whatever backs them.
      const virtio = name !== null && /^vd[a-z]+$/.test(name) ? 'virtio' : null;
      return {
        device: name ? `/dev/${name}` : null,
        model,
        serial: str(d.serial),
        sizeBytes: positive(d.size),
        type: classifyDisk({ model, bus: tran ?? virtio, rotational: bool(d.rota), removable }),
        interface: tran ? tran.toUpperCase() : virtio,
        // SMART needs root (smartctl); unknown is the honest answer without it.
        smartStatus: 'unknown' as const,
        removable,
      };
    });
}

const PSEUDO_FS = new Set(['tmpfs', 'devtmpfs', 'squashfs', 'overlay', 'efivarfs', 'ramfs', 'proc', 'sysfs', 'cgroup', 'cgroup2', 'fuse.snapfuse', 'fuse.lxcfs', 'nsfs']);
export const HIDDEN_MOUNTS = /^\/(snap|run|dev|sys|proc|var\/lib\/docker|var\/lib\/containers|var\/snap)(\/|$)/;

/**
 * `df -kPT -l` (GNU): Filesystem, Type, 1024-blocks, Used, Available, Capacity, Mounted on.
 * Mount points may contain spaces, so the line is read from the left and the rest is the mount.
 */
export function parseDfPosix(text: string, removableDevices: ReadonlySet<string> = new Set<string>()): StorageData['volumes'] {
  const volumes: StorageData['volumes'] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+|-)%?\s+(\/.*)$/.exec(line.trim());
    if (!m) continue;
    const [, device = '', type = '', blocks, used, available, , mount = ''] = m;
    if (PSEUDO_FS.has(type) || HIDDEN_MOUNTS.test(mount) || !device.startsWith('/')) continue;
    const size = Number(blocks) * 1024;
    const free = Number(available) * 1024;
    volumes.push({
      mount: mount.slice(0, 1024),
      device: device.slice(0, 1024),
      label: null,
      filesystem: type.slice(0, 64),
      sizeBytes: size,
      usedBytes: Number(used) * 1024,
      freeBytes: free,
      freePercent: freePercent(size, free),
      system: mount === '/',
      // Partitions (/dev/sdb1, /dev/mmcblk0p1) inherit removability from their disk.
      removable: [...removableDevices].some((d) => device.startsWith(d)),
    });
    if (volumes.length >= 256) break;
  }
  return volumes;
}

/** File-system labels of every block device in lsblk's tree (partitions are `children`), by /dev path. */
export function lsblkLabels(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (nodes: unknown): void => {
    for (const node of asArray(nodes)) {
      const name = str(node.kname) ?? str(node.name);
      const label = str(node.label);
      if (name !== null && label !== null) labels.set(`/dev/${name}`, label);
      walk(node.children);
    }
  };
  walk((parseJsonOutput(text, 'lsblk') as JsonObject).blockdevices);
  return labels;
}
