import type { SoftwarePackage } from '@deskside/shared/inventory';

import { asRecord, parsePowerShellList, powershellDate } from './powershell-json.js';
import { calendarDate, cleanText } from './text.js';

/**
 * Win32_QuickFixEngineering.InstalledOn: our script formats a DateTime as yyyy-MM-dd and passes the raw
 * WMI string otherwise ("11/15/2023"); PowerShell dates ("/Date(…)/", ISO) and the hex FILETIME very old
 * systems store ("01cb0e4a7f2a0c00") are decoded too.
 */
export function parseHotfixDate(value: unknown): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  // The calendar day as written: an offset ("…T00:00:00+08:00") must not move it to the day before.
  const iso = /^(\d{4})-(\d{2})-(\d{2})/u.exec(text);
  if (iso !== null) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // The raw WMI value is written by the servicing stack in the invariant (US) month/day/year order,
  // whatever the display language, so this form is not ambiguous.
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(text);
  if (us !== null) return calendarDate(Number(us[3]), Number(us[1]), Number(us[2]));
  if (/^[0-9a-f]{16}$/iu.test(text)) {
    const ms = Number(BigInt(`0x${text}`) / 10_000n) - 11_644_473_600_000;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const date = powershellDate(text);
  return date === null ? null : calendarDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Parses `Get-CimInstance Win32_QuickFixEngineering` (ConvertTo-Json) into 'hotfix' packages. */
export function parseHotfixes(output: string): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const item of parsePowerShellList(output, 'Win32_QuickFixEngineering')) {
    const rec = asRecord(item);
    const id = cleanText(rec?.['HotFixID']);
    // Entries without an id ("File 1") are per-file records of pre-Vista updates, not updates.
    if (rec === null || id === null || /^file \d+$/iu.test(id)) continue;
    packages.push({
      name: id,
      version: null,
      // Win32_QuickFixEngineering lists only Windows' own component updates.
      publisher: 'Microsoft Corporation',
      installDate: parseHotfixDate(rec['InstalledOn']),
      installLocation: null,
      arch: null,
      source: 'hotfix',
    });
  }
  return packages;
}
