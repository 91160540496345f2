import type { DiagnosticProbe } from '../probe.js';

const GiB = 1024 ** 3;

export interface VolumeFree {
  readonly mount: string;
  readonly filesystem: string;
  readonly sizeBytes: number;
  readonly freeBytes: number;
  readonly freePercent: number;
}

/** Pseudo and read-only image filesystems say nothing about the user's space. */
const IGNORED_FS = /^(tmpfs|devtmpfs|overlay|squashfs|proc|sysfs|cgroup2?|devfs|autofs|ramfs|nsfs|fuse\.portal|efivarfs)$/i;

export function lowSpace(volumes: readonly VolumeFree[]): VolumeFree[] {
  return volumes.filter((v) => v.freePercent < 10 || v.freeBytes < 5 * GiB);
}

export const disksProbe: DiagnosticProbe = {
  id: 'disks',
  timeoutMs: 2500,
  async run() {
    const si = await import('systeminformation');
    const volumes: VolumeFree[] = (await si.fsSize())
      .filter((v) => v.size > 0 && !IGNORED_FS.test(v.type) && !v.mount.startsWith('/snap/'))
      .map((v) => ({
        mount: v.mount,
        filesystem: v.type,
        sizeBytes: v.size,
        freeBytes: Math.max(0, v.available ?? v.size - v.used),
        freePercent: Math.round(((v.available ?? v.size - v.used) / v.size) * 1000) / 10,
      }))
      .sort((a, b) => a.freePercent - b.freePercent);
    const low = lowSpace(volumes);
    const summary =
      volumes.length === 0
        ? 'No volumes found'
        : low.length > 0
          ? `Low space on ${low.map((v) => `${v.mount} (${(v.freeBytes / GiB).toFixed(1)} GiB, ${v.freePercent}% free)`).join(', ')}`
          : `All ${volumes.length} volume(s) have at least 10% free`;
    return { summary, data: { volumes } };
  },
};
