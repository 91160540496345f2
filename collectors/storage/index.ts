import type { Platform, StorageData, Volume } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';
import { SectionError } from '../types.js';
import type { DiskInfoDrive } from './disk-info.js';

const byPlatform = (platform: Platform, ctx: CollectContext): Promise<StorageData> => {
  // Each OS's code is loaded on demand: a Windows agent never loads systeminformation or the macOS parsers.
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsStorage(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacStorage(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxStorage(ctx));
  }
};

/** How long node-disk-info may still take once the OS's own source has answered. */
export const DISK_INFO_GRACE_MS = 2_000;

function systemMount(platform: Platform): string | null {
  return platform === 'win32' ? (process.env.SystemDrive ?? null) : '/';
}

const isStorageData = (v: unknown): v is StorageData =>
  typeof v === 'object' && v !== null && Array.isArray((v as StorageData).disks) && Array.isArray((v as StorageData).volumes);

/**
 * Volumes come from two sources: the OS's own (df -l, CIM, system_profiler) and node-disk-info in a
 * worker thread. On Windows and macOS both are read at the same time and merged. On Linux
 * node-disk-info runs `df -P`, the same source as the section's own `df -kPT -l` (which adds file
 * system types and leaves out network mounts that can hang), so it is asked only when that gave no
 * volume: a second df and a worker thread per run would add nothing. node-disk-info failing or
 * hanging costs nothing but its share.
 */
export const storageCollector: Collector<'storage'> = {
  category: 'storage',
  platforms: ['win32', 'darwin', 'linux'],
  collect: async (ctx) => {
    const stopDiskInfo = new AbortController();
    const startDiskInfo = (): Promise<DiskInfoDrive[]> =>
      ctx.system.diskInfo ? ctx.system.diskInfo({ signal: AbortSignal.any([ctx.signal, stopDiskInfo.signal]) }).catch(() => []) : Promise.resolve([]);
    let diskInfo: Promise<DiskInfoDrive[]> | null = ctx.platform === 'linux' ? null : startDiskInfo();
    // Its `df` is not limited to local mounts: a hung network share must not hold the section long
    // after the OS's own source has answered.
    const diskInfoSoon = async (primary: readonly Volume[]): Promise<DiskInfoDrive[]> => {
      if (diskInfo === null) {
        if (primary.length > 0) return [];
        diskInfo = startDiskInfo();
      }
      const grace = setTimeout(() => stopDiskInfo.abort(), DISK_INFO_GRACE_MS);
      try {
        return await diskInfo;
      } finally {
        clearTimeout(grace);
      }
    };
    const { mergeVolumes } = await import('./merge-volumes.js');
    const options = { platform: ctx.platform, systemMount: systemMount(ctx.platform) };
    try {
      const data = await byPlatform(ctx.platform, ctx);
      return { ...data, volumes: mergeVolumes(data.volumes, await diskInfoSoon(data.volumes), options) };
    } catch (error) {
      // A failed disk list still keeps the volumes both sources gave.
      if (error instanceof SectionError && (error.partialData === undefined || isStorageData(error.partialData))) {
        const partial = error.partialData ?? { disks: [], volumes: [] };
        throw new SectionError(error.status, error.message, error.missingPermission, { ...partial, volumes: mergeVolumes(partial.volumes, await diskInfoSoon(partial.volumes), options) });
      }
      stopDiskInfo.abort();
      throw error;
    }
  },
};
