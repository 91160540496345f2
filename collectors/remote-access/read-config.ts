import { probeReadBinary, probeReadFile, type Probe } from '../protection/probe.js';
import type { CollectContext } from '../types.js';

export interface ConfigRead<T> {
  readonly path: string;
  readonly probe: Probe<T>;
}

/** The first of `paths` that exists (read, or present but unreadable); null when none does. */
export async function readFirst(ctx: CollectContext, paths: readonly string[]): Promise<ConfigRead<string> | null> {
  for (const path of paths) {
    const probe = await probeReadFile(ctx, path);
    if (probe.kind !== 'missing') return { path, probe };
  }
  return null;
}

export async function readFirstBinary(ctx: CollectContext, paths: readonly string[]): Promise<ConfigRead<Buffer> | null> {
  for (const path of paths) {
    const probe = await probeReadBinary(ctx, path);
    if (probe.kind !== 'missing') return { path, probe };
  }
  return null;
}

/** The text of a file, or null for absent/unreadable (for optional companions such as RustDesk2.toml). */
export async function readText(ctx: CollectContext, path: string): Promise<string | null> {
  const probe = await probeReadFile(ctx, path);
  return probe.kind === 'ok' ? probe.value : null;
}

export async function listOrEmpty(ctx: CollectContext, path: string): Promise<string[]> {
  try {
    return await ctx.system.listDirectory(path);
  } catch {
    return [];
  }
}
