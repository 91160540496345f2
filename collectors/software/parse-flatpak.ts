import type { SoftwarePackage } from '@deskside/shared/inventory';

import { cleanText } from './text.js';

/** The columns Deskside asks `flatpak list --app --columns=` for, in this order. */
export const FLATPAK_COLUMNS = ['application', 'name', 'version', 'arch', 'origin', 'installation'] as const;

/**
 * Parses `flatpak list --app --columns=application,name,version,arch,origin,installation`: one
 * tab-separated line per app. Older flatpak prints a header line; it is recognised and skipped.
 */
export function parseFlatpakList(output: string): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const line of output.split(/\r?\n/u)) {
    const cells = line.split('\t');
    if (line.trim() === '' || cells.length < 4) continue;
    const [app, name, version, arch, origin, installation] = cells.map((c) => cleanText(c, 512));
    if (app === null || app === undefined || app.toLowerCase() === 'application id') continue;
    packages.push({
      name: name ?? app,
      version: version ?? null,
      publisher: origin ?? null,
      installDate: null,
      installLocation: installation === 'user' ? `~/.local/share/flatpak/app/${app}` : installation === 'system' ? `/var/lib/flatpak/app/${app}` : null,
      arch: arch ?? null,
      source: 'flatpak',
    });
  }
  return packages;
}
