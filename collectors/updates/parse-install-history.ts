import type { PlistValue } from 'plist';

import { arrayOf, dateOf, dictOf, stringOf } from '../protection/plist-value.js';

/**
 * /Library/Receipts/InstallHistory.plist: an array of { date, displayName, displayVersion,
 * processName, packageIdentifiers, contentType? }. Background security data (XProtect, MRT, Gatekeeper
 * and other "config-data") lands here too; it is split out so "last OS update" means an OS update.
 */
export interface InstallRecord {
  readonly at: string;
  readonly name: string;
  readonly version: string | null;
  readonly process: string | null;
  readonly configData: boolean;
}

const CONFIG_DATA_NAMES = /ConfigData|XProtect|MRT|Gatekeeper|Compatibility|Chinese Word List|Incompatible Kernel|Payloads|CoreLSKD|BridgeOS|Rosetta/i;
const UPDATE_PROCESSES = /^(?:softwareupdated|Software Update|System Preferences|System Settings|storedownloadd|installer|macOS Installer)$/i;

export function parseInstallHistory(value: PlistValue): readonly InstallRecord[] {
  if (!Array.isArray(value)) throw new Error('InstallHistory.plist is not an array of installs');
  const records: InstallRecord[] = [];
  for (const item of arrayOf(value)) {
    const entry = dictOf(item);
    const date = dateOf(entry?.['date']);
    const name = stringOf(entry?.['displayName']);
    if (!entry || !date || !name) continue;
    records.push({
      at: date.toISOString(),
      name,
      version: stringOf(entry['displayVersion']) || null,
      process: stringOf(entry['processName']),
      configData: stringOf(entry['contentType']) === 'config-data' || CONFIG_DATA_NAMES.test(name),
    });
  }
  return records.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The newest install of an Apple OS update (not config data, not an App Store app). */
export function lastOsUpdate(records: readonly InstallRecord[]): InstallRecord | null {
  const updates = records.filter((r) => !r.configData && r.process != null && UPDATE_PROCESSES.test(r.process) && r.process !== 'storedownloadd');
  return updates.at(-1) ?? null;
}

/** The newest XProtect data install: when macOS last refreshed its malware definitions. */
export function lastXProtectUpdate(records: readonly InstallRecord[]): InstallRecord | null {
  return records.filter((r) => /XProtect/i.test(r.name)).at(-1) ?? null;
}
