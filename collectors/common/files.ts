import type { SystemAccess } from '../types.js';

/** Reads a file that may legitimately be absent or root-only: both are "unknown", not failures. */
export async function readOptional(system: SystemAccess, path: string): Promise<string | null> {
  try {
    return await system.readFile(path);
  } catch {
    return null;
  }
}
