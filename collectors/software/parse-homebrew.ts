import type { SoftwarePackage } from '@deskside/shared/inventory';

import { cleanText } from './text.js';

/** One installed formula or cask as Homebrew's own directories show it: <prefix>/<Cellar|Caskroom>/<name>/<version>. */
export interface HomebrewKeg {
  readonly name: string;
  readonly versions: readonly string[];
  readonly kind: 'formula' | 'cask';
}

const compareVersions = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * Homebrew packages from the Cellar/Caskroom listing. Homebrew refuses to run as root (the agent's
 * usual account), and the directory layout is its documented on-disk contract, so it is read rather
 * than run. Several kept versions report the newest; ".metadata" and dot entries are not versions.
 */
export function homebrewToPackages(kegs: readonly HomebrewKeg[], prefix: string): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const keg of kegs) {
    const name = cleanText(keg.name, 512);
    const versions = keg.versions.filter((v) => !v.startsWith('.')).sort(compareVersions);
    if (name === null || name.startsWith('.') || versions.length === 0) continue;
    const version = versions[versions.length - 1] ?? null;
    packages.push({
      name,
      version,
      publisher: null,
      installDate: null,
      installLocation: `${prefix}/${keg.kind === 'cask' ? 'Caskroom' : 'Cellar'}/${name}/${version}`,
      arch: null,
      source: 'homebrew',
    });
  }
  return packages;
}
