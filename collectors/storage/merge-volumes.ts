import type { Platform, Volume } from '@deskside/shared/inventory';

import { freePercent } from './classify.js';
import type { DiskInfoDrive } from './disk-info.js';
import { HIDDEN_MOUNTS } from './parse-linux.js';

/** Bytes per block in node-disk-info's numbers: GNU df -P counts KiB, macOS df -P 512-byte blocks, wmic bytes. */
export function diskInfoBlockBytes(platform: Platform): number {
  switch (platform) {
    case 'linux':
      return 1024;
    case 'darwin':
      return 512;
    case 'win32':
      return 1;
  }
}

/** Drive letters compare without case or a trailing backslash ("c:\\" is "C:"); POSIX mounts exactly. */
function mountKey(mount: string, platform: Platform): string {
  return platform === 'win32' ? mount.replace(/\\+$/, '').toUpperCase() : mount;
}

const MAC_HIDDEN = /^\/(System\/Volumes\/(?!Data$)|private\/var\/vm(\/|$)|dev(\/|$))/;

/**
 * Whether a row only node-disk-info saw is this machine's own storage. Its `df -P` is not limited to
 * local file systems and gives no type, so network shares and pseudo file systems are told apart by
 * their device; on Windows by wmic's description.
 */
function isLocalVolume(drive: DiskInfoDrive, platform: Platform): boolean {
  switch (platform) {
    case 'linux':
      return drive.filesystem.startsWith('/dev/') && drive.mounted.startsWith('/') && !HIDDEN_MOUNTS.test(drive.mounted);
    case 'darwin':
      return drive.filesystem.startsWith('/dev/disk') && drive.mounted.startsWith('/') && !MAC_HIDDEN.test(drive.mounted);
    case 'win32':
      return /^[A-Za-z]:\\?$/.test(drive.mounted) && drive.filesystem !== 'Network Connection' && drive.blocks > 0;
  }
}

function removableOnWindows(description: string): boolean | null {
  if (description === 'Removable Disk') return true;
  if (description === 'Local Fixed Disk') return false;
  return null;
}

/** A node-disk-info row in the inventory's terms; what it cannot know (label, file system) stays null. */
export function volumeFromDiskInfo(drive: DiskInfoDrive, platform: Platform, systemMount: string | null): Volume {
  const unit = diskInfoBlockBytes(platform);
  const sizeBytes = Math.round(drive.blocks * unit);
  const freeBytes = Math.round(drive.available * unit);
  const mount = platform === 'win32' ? mountKey(drive.mounted, platform) : drive.mounted;
  return {
    mount: mount.slice(0, 1024),
    device: platform === 'win32' ? null : drive.filesystem.slice(0, 1024),
    label: null,
    filesystem: null,
    sizeBytes,
    usedBytes: Math.round(drive.used * unit),
    freeBytes,
    freePercent: freePercent(sizeBytes, freeBytes),
    system: systemMount !== null && mountKey(mount, platform) === mountKey(systemMount, platform),
    removable: platform === 'win32' ? removableOnWindows(drive.filesystem) : null,
  };
}

/** node-disk-info splits df's line on spaces: "/media/usb stick" arrives as "/media/usb". */
function isTruncatedMount(mount: string, known: readonly Volume[]): boolean {
  return known.some((v) => v.mount.startsWith(`${mount} `));
}

export interface MergeVolumesOptions {
  readonly platform: Platform;
  /** The boot volume ("/", or %SystemDrive%), for rows only node-disk-info saw; null when unknown. */
  readonly systemMount: string | null;
}

/**
 * Volumes from the section's own source (df -l, CIM, system_profiler) and from node-disk-info, merged
 * by mount point so that each fills the other's gaps: a value one source left null is taken from the
 * other, and a local volume only one of them listed is kept. The section's own source wins where both
 * have a value (it knows labels, file systems and removability); its order comes first.
 */
export function mergeVolumes(primary: readonly Volume[], drives: readonly DiskInfoDrive[], options: MergeVolumesOptions): Volume[] {
  const { platform } = options;
  const byMount = new Map<string, DiskInfoDrive>();
  for (const drive of drives) {
    const key = mountKey(drive.mounted, platform);
    if (!byMount.has(key)) byMount.set(key, drive);
  }
  const merged: Volume[] = primary.map((volume) => {
    const drive = byMount.get(mountKey(volume.mount, platform));
    if (drive === undefined) return volume;
    const other = volumeFromDiskInfo(drive, platform, null);
    const sizeBytes = volume.sizeBytes ?? other.sizeBytes;
    const freeBytes = volume.freeBytes ?? other.freeBytes;
    return {
      ...volume,
      device: volume.device ?? other.device,
      sizeBytes,
      usedBytes: volume.usedBytes ?? other.usedBytes,
      freeBytes,
      freePercent: volume.freePercent ?? freePercent(sizeBytes, freeBytes),
      removable: volume.removable ?? other.removable,
    };
  });
  const seen = new Set(primary.map((v) => mountKey(v.mount, platform)));
  const hasSystem = primary.some((v) => v.system);
  for (const [key, drive] of byMount) {
    if (merged.length >= 256) break;
    if (seen.has(key) || !isLocalVolume(drive, platform) || isTruncatedMount(drive.mounted, primary)) continue;
    merged.push(volumeFromDiskInfo(drive, platform, hasSystem ? null : options.systemMount));
  }
  return merged;
}
