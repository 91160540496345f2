import type { SoftwareData } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';
import { gatherSoftware, requireSuccess, SourceAbsentError, type PackageSource } from './gather.js';
import { cachedPackageList } from './package-cache.js';
import { dpkgShowFormat, parseDpkgQuery } from './parse-dpkg.js';
import { FLATPAK_COLUMNS, parseFlatpakList } from './parse-flatpak.js';
import { parseRpmQuery, rpmQueryFormat } from './parse-rpm.js';
import { parseSnapList } from './parse-snap.js';

/**
 * What `dpkg-query -W` reads: the status file, rewritten on every change to the package set, and the
 * journal of changes not yet folded into it.
 */
export const DPKG_DATABASE: readonly string[] = ['/var/lib/dpkg/status', '/var/lib/dpkg/updates'];

/** Linux: every package manager present answers for its own packages (dpkg, rpm, flatpak, snap). */
export function linuxSoftwareSources(ctx: CollectContext): PackageSource[] {
  const run = (file: string, args: readonly string[]) => ctx.system.run(file, args, { signal: ctx.signal, timeoutMs: 30_000 });
  return [
    {
      name: 'dpkg',
      fetch: () =>
        cachedPackageList(ctx, 'dpkg', DPKG_DATABASE, async () => parseDpkgQuery(requireSuccess('dpkg-query', await run('dpkg-query', ['-W', '-f', dpkgShowFormat()])))),
    },
    {
      name: 'rpm',
      fetch: async () => {
        const result = await run('rpm', ['-qa', '--queryformat', rpmQueryFormat()]);
        // rpm installed on a Debian machine (for alien, say) has no database: that is "no rpm", not a failure.
        if (result.exitCode !== 0 && /database|rpmdb/iu.test(result.stderr)) throw new SourceAbsentError('rpm has no package database');
        return parseRpmQuery(requireSuccess('rpm', result));
      },
    },
    {
      name: 'flatpak',
      fetch: async () => parseFlatpakList(requireSuccess('flatpak', await run('flatpak', ['list', '--app', `--columns=${FLATPAK_COLUMNS.join(',')}`]))),
    },
    {
      name: 'snap',
      fetch: async () => {
        const result = await run('snap', ['list']);
        // snap is installed but snapd is not running (containers, WSL): nothing to report.
        if (result.exitCode !== 0 && /snapd|socket|connection refused/iu.test(result.stderr)) throw new SourceAbsentError('snapd is not running');
        return parseSnapList(requireSuccess('snap', result));
      },
    },
  ];
}

export const collectLinuxSoftware = (ctx: CollectContext): Promise<SoftwareData> => gatherSoftware(linuxSoftwareSources(ctx));
