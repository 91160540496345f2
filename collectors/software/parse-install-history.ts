import type { SoftwarePackage } from '@deskside/shared/inventory';

import { decodePlist } from './plist-value.js';
import { ParseError, asRecord } from './powershell-json.js';
import { cleanText, dateToIso } from './text.js';

/** One row of /Library/Receipts/InstallHistory.plist. */
export interface InstallRecord {
  readonly name: string;
  readonly version: string | null;
  readonly date: string | null;
  readonly processName: string | null;
  readonly packageIdentifiers: readonly string[];
}

/** Parses InstallHistory.plist (XML or binary) into its records, oldest first as the file keeps them. */
export function parseInstallHistory(input: string | Uint8Array): InstallRecord[] {
  if (input.length === 0) return [];
  const root = decodePlist(input, 'InstallHistory.plist');
  if (!Array.isArray(root)) throw new ParseError('InstallHistory.plist: expected an array of installs');
  const records: InstallRecord[] = [];
  for (const item of root) {
    const rec = asRecord(item);
    const name = cleanText(rec?.['displayName'], 512);
    if (rec === null || name === null) continue;
    const ids = Array.isArray(rec['packageIdentifiers']) ? rec['packageIdentifiers'] : [];
    records.push({
      name,
      version: cleanText(rec['displayVersion']),
      date: dateToIso(rec['date']),
      processName: cleanText(rec['processName']),
      packageIdentifiers: ids.map((id) => cleanText(id)).filter((id): id is string => id !== null),
    });
  }
  return records;
}

/**
 * Install history as packages: one per product name, the latest install winning, because the history
 * also keeps every superseded version of an update.
 */
export function installHistoryToPackages(records: readonly InstallRecord[]): SoftwarePackage[] {
  const latest = new Map<string, InstallRecord>();
  for (const r of records) {
    const seen = latest.get(r.name);
    if (seen === undefined || (r.date ?? '') >= (seen.date ?? '')) latest.set(r.name, r);
  }
  return [...latest.values()].map((r) => ({
    name: r.name,
    version: r.version,
    publisher: r.processName === 'softwareupdated' || r.processName === 'macOS Installer' || r.processName === 'OS X Installer' ? 'Apple' : null,
    installDate: r.date,
    installLocation: null,
    arch: null,
    source: 'pkgutil',
  }));
}

/** `pkgutil --pkgs`: one receipt id per line; used when InstallHistory.plist cannot be read. */
export function parsePkgutilPkgs(output: string): SoftwarePackage[] {
  return output
    .split(/\r?\n/u)
    .map((l) => cleanText(l, 512))
    .filter((id): id is string => id !== null && /^[\w.+-]+$/u.test(id))
    .map((id) => ({
      name: id,
      version: null,
      publisher: id.startsWith('com.apple.') ? 'Apple' : null,
      installDate: null,
      installLocation: null,
      arch: null,
      source: 'pkgutil' as const,
    }));
}
