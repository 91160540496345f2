import type { SoftwarePackage } from '@deskside/shared/inventory';

import { cleanText } from './text.js';

export type DpkgField = 'Package' | 'binary:Package' | 'Version' | 'Architecture' | 'Maintainer' | 'Installed-Size' | 'Section' | 'Status';

/** What Deskside asks dpkg-query for; an explicit format so a distribution's default cannot change it. */
export const DPKG_FIELDS: readonly DpkgField[] = ['Package', 'Version', 'Architecture', 'Maintainer', 'Status'];

export const dpkgShowFormat = (fields: readonly DpkgField[] = DPKG_FIELDS): string =>
  fields.map((f) => `\${${f}}`).join('\t') + '\n';

/** "Debian X Strike Force <debian-x@lists.debian.org>" → "Debian X Strike Force": a name, not an address. */
export function personName(value: string | null): string | null {
  if (value === null) return null;
  return cleanText(value.replace(/<[^>]*>/gu, '').replace(/\s+/gu, ' '));
}

/**
 * Parses `dpkg-query -W -f <dpkgShowFormat(fields)>` output. Only packages whose status says
 * "installed" are kept: "deinstall ok config-files" and half-installed ones are not on the machine.
 * When a line carries no Status, it counts.
 */
export function parseDpkgQuery(output: string, fields: readonly DpkgField[] = DPKG_FIELDS): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const line of output.split(/\r?\n/u)) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    // Every column must be there, except a trailing Status that older formats (and captures) lack.
    const required = fields[fields.length - 1] === 'Status' ? fields.length - 1 : fields.length;
    if (cells.length < required) continue;
    const get = (f: DpkgField): string | null => {
      const i = fields.indexOf(f);
      return i < 0 ? null : cleanText(cells[i], 512);
    };
    const status = get('Status');
    if (status !== null && status.split(/\s+/u)[2] !== 'installed') continue;
    const name = get('Package') ?? get('binary:Package');
    if (name === null) continue;
    packages.push({
      name,
      version: get('Version'),
      publisher: personName(get('Maintainer')),
      installDate: null,
      installLocation: null,
      arch: get('Architecture'),
      source: 'dpkg',
    });
  }
  return packages;
}
