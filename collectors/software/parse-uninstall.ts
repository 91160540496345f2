import type { SoftwarePackage, SoftwareSource } from '@deskside/shared/inventory';

import { asRecord } from './powershell-json.js';
import { calendarDate, cleanCount, cleanText } from './text.js';

/** One Uninstall subkey's values, as PowerShell's Get-ItemProperty or a .reg export presents them. */
export interface UninstallEntry {
  readonly keyName: string | null;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Which registry view an entry came from, which decides its architecture and source. */
export type UninstallView = 'machine-64' | 'machine-32' | 'user';

const UPDATE_RELEASE_TYPES = new Set(['security update', 'update rollup', 'hotfix', 'update', 'service pack']);

/**
 * Programs and Features' own rules: an entry is shown only when it has a DisplayName, is not a
 * SystemComponent, is not an update hanging under a parent product (ParentKeyName) and is not an
 * update/hotfix release. Returning false is a decision, not an error.
 */
export function isListedProgram(values: Readonly<Record<string, unknown>>): boolean {
  if (cleanText(values['DisplayName']) === null) return false;
  if (cleanCount(values['SystemComponent']) === 1) return false;
  if (cleanText(values['ParentKeyName']) !== null) return false;
  const releaseType = cleanText(values['ReleaseType'])?.toLowerCase();
  return releaseType === undefined || !UPDATE_RELEASE_TYPES.has(releaseType);
}

/**
 * InstallDate is documented as yyyymmdd; some installers write yyyy-mm-dd or yyyy/mm/dd instead.
 * Locale-dependent forms (07/24/2021 vs 24/07/2021) are ambiguous and left unknown rather than guessed.
 */
export function parseInstallDate(value: unknown): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/u.exec(text);
  return m === null ? null : calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const archOf = (view: UninstallView, os64: boolean): string | null => {
  switch (view) {
    case 'machine-64':
      return os64 ? 'x64' : 'x86';
    case 'machine-32':
      return 'x86';
    case 'user':
      return null;
  }
};

/** Turns Uninstall entries of one view into packages, applying Programs and Features' filter. */
export function uninstallToPackages(entries: readonly UninstallEntry[], view: UninstallView, os64: boolean): SoftwarePackage[] {
  const source: SoftwareSource = view === 'user' ? 'registry-user' : 'registry';
  const packages: SoftwarePackage[] = [];
  for (const { values } of entries) {
    if (!isListedProgram(values)) continue;
    const name = cleanText(values['DisplayName'], 512);
    if (name === null) continue;
    packages.push({
      name,
      version: cleanText(values['DisplayVersion']),
      publisher: cleanText(values['Publisher'], 512),
      installDate: parseInstallDate(values['InstallDate']),
      installLocation: cleanText(values['InstallLocation'], 1024)?.replace(/^"(.*)"$/u, '$1') ?? null,
      arch: archOf(view, os64),
      source,
    });
  }
  return packages;
}

const viewOf = (v: unknown): UninstallView | null => (v === 'machine-64' || v === 'machine-32' || v === 'user' ? v : null);

/**
 * Parses the JSON our Uninstall script prints: `{ "Is64BitOS": bool, "Entries": [ { "View": ...,
 * "KeyName": ..., <value name>: <data> } ] }`.
 */
export function parseUninstallJson(value: unknown): SoftwarePackage[] {
  const root = asRecord(value);
  if (root === null) return [];
  const os64 = root['Is64BitOS'] === true;
  const raw = root['Entries'];
  const list = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
  const byView = new Map<UninstallView, UninstallEntry[]>();
  for (const item of list) {
    const rec = asRecord(item);
    const view = viewOf(rec?.['View']);
    if (rec === null || view === null) continue;
    byView.set(view, [...(byView.get(view) ?? []), { keyName: cleanText(rec['KeyName']), values: rec }]);
  }
  return [...byView].flatMap(([view, entries]) => uninstallToPackages(entries, view, os64));
}
