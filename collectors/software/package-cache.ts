import type { SoftwarePackage, SoftwareSource } from '@deskside/shared/inventory';

import { AGENT_VERSION } from '../../agent/version.js';
import { cachedByFiles } from '../common/file-cache.js';
import type { CollectContext } from '../types.js';

const TEXT_FIELDS = ['version', 'publisher', 'installDate', 'installLocation', 'arch'] as const;
const textOrNull = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';

/**
 * Takes a cached list back only if every entry has a package's shape and the expected source. The
 * section's schema validates every package again on its way out, so this is a shape check, not a
 * second full validation; unknown values left out come back as null.
 */
export function acceptPackageList(source: SoftwareSource): (value: unknown) => SoftwarePackage[] | null {
  return (value) => {
    if (!Array.isArray(value)) return null;
    const packages: SoftwarePackage[] = [];
    for (const item of value as unknown[]) {
      if (typeof item !== 'object' || item === null) return null;
      const p = item as Record<string, unknown>;
      if (typeof p.name !== 'string' || p.source !== source || !TEXT_FIELDS.every((f) => textOrNull(p[f]))) return null;
      packages.push({
        name: p.name,
        version: (p.version as string | null | undefined) ?? null,
        publisher: (p.publisher as string | null | undefined) ?? null,
        installDate: (p.installDate as string | null | undefined) ?? null,
        installLocation: (p.installLocation as string | null | undefined) ?? null,
        arch: (p.arch as string | null | undefined) ?? null,
        source,
      });
    }
    return packages;
  };
}

/**
 * A package manager's list, read again only when its database changed (dpkg rewrites its status file
 * on every install, removal and upgrade). The agent version is part of the key, so an upgraded agent,
 * which may read the list differently, starts afresh.
 */
export async function cachedPackageList(
  ctx: CollectContext,
  source: SoftwareSource,
  database: readonly string[],
  read: () => Promise<SoftwarePackage[]>,
): Promise<SoftwarePackage[]> {
  const cached = await cachedByFiles({ cacheDir: ctx.cacheDir, name: `software-${source}`, key: `agent ${AGENT_VERSION}`, watch: database, accept: acceptPackageList(source), compute: read });
  return cached.value ?? read();
}
