import type { CollectContext } from '../types.js';
import { cachedByFiles } from './file-cache.js';

/** The kernel's id for this boot (Linux); '' where it cannot be read (a container without it). */
export async function linuxBootId(ctx: CollectContext): Promise<string> {
  return ctx.system.readFile('/proc/sys/kernel/random/boot_id').then(
    (text) => text.trim(),
    () => '',
  );
}

/**
 * A value that only changes across a reboot (firmware, installed CPU and memory, whether this is a
 * virtual machine), derived once per boot and kept in the cache folder. Without a boot id it is
 * derived every time; `compute` returning null (could not tell) is not kept.
 */
export async function cachedPerBoot<T>(ctx: CollectContext, name: string, accept: (value: unknown) => T | null, compute: () => Promise<T | null>): Promise<T | null> {
  const bootId = await linuxBootId(ctx);
  if (bootId === '') return compute();
  const cached = await cachedByFiles({ cacheDir: ctx.cacheDir, name, key: `boot ${bootId}`, watch: [], accept, compute });
  return cached.value;
}
