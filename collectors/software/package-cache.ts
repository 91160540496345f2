import { packageListCheck, SoftwareDataSchema, type SoftwarePackage, type SoftwareSource } from '@deskside/shared/inventory';

import { AGENT_VERSION } from '../../agent/version.js';
import { cachedByFiles } from '../common/file-cache.js';
import type { CollectContext } from '../types.js';

/**
 * Takes a cached list back only if every entry is a package as the shared schema defines it (checked
 * by the same rules the server applies to uploads, or by zod where those do not apply) and of the
 * expected source; unknown values left out come back as null.
 */
export function acceptPackageList(source: SoftwareSource): (value: unknown) => SoftwarePackage[] | null {
  return (value) => {
    if (!Array.isArray(value)) return null;
    const packages = packageListCheck?.(value) ?? SoftwareDataSchema.shape.packages.safeParse(value).data ?? null;
    return packages !== null && packages.every((p) => p.source === source) ? packages : null;
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
