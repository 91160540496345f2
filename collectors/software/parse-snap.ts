import type { SoftwarePackage } from '@deskside/shared/inventory';

import { cleanText } from './text.js';

/**
 * Parses `snap list`: a header "Name Version Rev Tracking Publisher Notes" and space-aligned rows.
 * Values carry no spaces, so splitting on runs of blanks is exact. The publisher's verification mark
 * (✓ or ** / * in ASCII terminals) is dropped; "-" means no value.
 */
export function parseSnapList(output: string): SoftwarePackage[] {
  const lines = output.split(/\r?\n/u).filter((l) => l.trim() !== '');
  const header = lines[0]?.trim().split(/\s+/u).map((h) => h.toLowerCase()) ?? [];
  const col = (name: string): number => header.indexOf(name);
  if (col('name') < 0 || col('version') < 0) return [];
  const packages: SoftwarePackage[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.trim().split(/\s+/u);
    const at = (name: string): string | null => {
      const v = col(name) < 0 ? null : cleanText(cells[col(name)]);
      return v === '-' ? null : v;
    };
    const name = at('name');
    if (name === null) continue;
    const publisher = at('publisher')?.replace(/(✓|✪|\*{1,2})$/u, '') ?? null;
    packages.push({
      name,
      version: at('version'),
      publisher: publisher === '' ? null : publisher,
      installDate: null,
      installLocation: `/snap/${name}/current`,
      arch: null,
      source: 'snap',
    });
  }
  return packages;
}
