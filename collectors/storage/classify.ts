import type { StorageData } from '@deskside/shared/inventory';

type DiskType = StorageData['disks'][number]['type'];

const VIRTUAL_MODELS = /vbox|virtual|vmware|qemu|msft virtual|xen|red hat virtio|google persistent|amazon elastic/i;

/** The disk kind a technician cares about, from whatever each OS tells. */
export function classifyDisk(facts: {
  readonly model: string | null;
  readonly bus: string | null;
  readonly rotational: boolean | null;
  readonly removable: boolean | null;
}): DiskType {
  const bus = facts.bus?.toLowerCase() ?? '';
  if (facts.model !== null && VIRTUAL_MODELS.test(facts.model)) return 'virtual';
  if (bus === 'virtual' || bus === 'file backed virtual' || bus === 'virtio') return 'virtual';
  if (bus === 'nvme' || (facts.model !== null && /nvme/i.test(facts.model))) return 'nvme';
  if (facts.removable === true || bus === 'usb' || bus === 'sd' || bus === 'mmc') return 'removable';
  if (facts.rotational === false) return 'ssd';
  if (facts.rotational === true) return 'hdd';
  return 'unknown';
}

export function freePercent(size: number | null, free: number | null): number | null {
  if (size === null || free === null || size === 0) return null;
  return Math.round((free / size) * 1000) / 10;
}
