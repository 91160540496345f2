import type { SoftwarePackage } from '@deskside/shared/inventory';

import { asRecord, parsePowerShellList } from './powershell-json.js';
import { cleanText } from './text.js';

// Windows.System.ProcessorArchitecture, which ConvertTo-Json writes as a number unless the script
// turned it into its name first.
const ARCH_BY_NUMBER: Readonly<Record<number, string>> = { 0: 'x86', 5: 'arm', 9: 'x64', 11: 'neutral', 12: 'arm64', 14: 'x86a64' };

const archOf = (value: unknown): string | null =>
  typeof value === 'number' ? (ARCH_BY_NUMBER[value] ?? null) : (cleanText(value)?.toLowerCase() ?? null);

/** "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, ..." → the organisation, else the CN. */
export function publisherFromDistinguishedName(dn: string | null): string | null {
  if (dn === null) return null;
  const attr = (key: string): string | null => {
    const m = new RegExp(`(?:^|,)\\s*${key}=("(?:[^"]|"")*"|[^,]*)`, 'iu').exec(dn);
    return m?.[1] === undefined ? null : cleanText(m[1].replace(/^"(.*)"$/u, '$1').replace(/""/gu, '"'));
  };
  return attr('O') ?? attr('CN') ?? dn;
}

const truthy = (v: unknown): boolean => v === true || v === 'True' || v === 1;

/**
 * Parses Get-AppxPackage output (ConvertTo-Json). Framework and resource packages are dependencies,
 * not applications a user installed or can remove, so they are left out as the Settings app does.
 */
export function parseAppxPackages(output: string): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const item of parsePowerShellList(output, 'Get-AppxPackage')) {
    const rec = asRecord(item);
    if (rec === null || truthy(rec['IsFramework']) || truthy(rec['IsResourcePackage'])) continue;
    const name = cleanText(rec['DisplayName'], 512) ?? cleanText(rec['Name'], 512);
    if (name === null) continue;
    packages.push({
      name,
      version: cleanText(rec['Version']),
      publisher: publisherFromDistinguishedName(cleanText(rec['PublisherDisplayName'], 512) ?? cleanText(rec['Publisher'], 1024)),
      installDate: null,
      installLocation: cleanText(rec['InstallLocation'], 1024),
      arch: archOf(rec['Architecture']),
      source: 'appx',
    });
  }
  return packages;
}
