import type { SoftwarePackage } from '@deskside/shared/inventory';

import { personName } from './parse-dpkg.js';
import { cleanText, epochSecondsToIso } from './text.js';

export type RpmTag = 'NAME' | 'EPOCH' | 'VERSION' | 'RELEASE' | 'VERSION-RELEASE' | 'ARCH' | 'VENDOR' | 'PACKAGER' | 'INSTALLTIME' | 'SIZE' | 'SUMMARY' | 'GROUP';

export const RPM_TAGS: readonly RpmTag[] = ['NAME', 'EPOCH', 'VERSION-RELEASE', 'ARCH', 'VENDOR', 'INSTALLTIME'];

export const rpmQueryFormat = (tags: readonly RpmTag[] = RPM_TAGS): string =>
  tags.map((t) => (t === 'VERSION-RELEASE' ? '%{VERSION}-%{RELEASE}' : `%{${t}}`)).join('\t') + '\n';

/** rpm prints "(none)" for an unset tag. */
const unset = (v: string | null): string | null => (v === null || v === '(none)' ? null : v);

/**
 * Parses `rpm -qa --queryformat <rpmQueryFormat(tags)>`. The gpg-pubkey pseudo-packages are signing
 * keys rpm keeps in its database, not software, and are left out.
 */
export function parseRpmQuery(output: string, tags: readonly RpmTag[] = RPM_TAGS): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const line of output.split(/\r?\n/u)) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (cells.length < tags.length) continue;
    const get = (t: RpmTag): string | null => {
      const i = tags.indexOf(t);
      return i < 0 ? null : unset(cleanText(cells[i], 512));
    };
    const name = get('NAME');
    if (name === null || name === 'gpg-pubkey') continue;
    const epoch = get('EPOCH');
    const bare = get('VERSION-RELEASE') ?? [get('VERSION'), get('RELEASE')].filter((v) => v !== null).join('-');
    const version = bare === '' ? null : epoch !== null && epoch !== '0' ? `${epoch}:${bare}` : bare;
    packages.push({
      name,
      version,
      publisher: get('VENDOR') ?? personName(get('PACKAGER')),
      installDate: epochSecondsToIso(get('INSTALLTIME')),
      installLocation: null,
      arch: get('ARCH'),
      source: 'rpm',
    });
  }
  return packages;
}
