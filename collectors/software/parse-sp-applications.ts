import type { SoftwarePackage } from '@deskside/shared/inventory';

import { publisherFromCopyright } from './parse-info-plist.js';
import { decodePlist } from './plist-value.js';
import { ParseError, asRecord } from './powershell-json.js';
import { cleanText, dateToIso } from './text.js';

const ARCH_KINDS: Readonly<Record<string, string>> = {
  arch_arm_i64: 'universal',
  arch_arm_i64_i32: 'universal',
  arch_i64_i32: 'universal',
  arch_arm: 'arm64',
  arch_i64: 'x86_64',
  arch_i32: 'i386',
  arch_ios: 'arm64',
  arch_ppc: 'ppc',
  arch_other: 'other',
};

const APPLE_SIGNERS = new Set(['Software Signing', 'Apple Mac OS Application Signing', 'Apple iPhone OS Application Signing']);

/**
 * Who signed the app, from its certificate chain: "Developer ID Application: Nucleobytes BV (9JKFY89GFY)"
 * → "Nucleobytes BV"; Apple's own signing identities → "Apple".
 */
export function publisherFromSigners(signedBy: unknown): string | null {
  const leaf = Array.isArray(signedBy) ? cleanText(signedBy[0], 512) : null;
  if (leaf === null) return null;
  if (APPLE_SIGNERS.has(leaf)) return 'Apple';
  const m = /^(?:Developer ID Application|Apple Distribution|Apple Development|Mac Developer|3rd Party Mac Developer Application):\s*(.+?)(?:\s*\([A-Z0-9]{10}\))?$/u.exec(leaf);
  return m?.[1] !== undefined ? cleanText(m[1], 512) : null;
}

/** lastModified → YYYY-MM-DD: the app bundle's change date, the closest thing macOS keeps to an install date. */
const dayOf = (value: unknown): string | null => dateToIso(value)?.slice(0, 10) ?? null;

/** SPApplicationsDataType `_items` entries (from -json or -xml, same keys) → 'app-bundle' packages. */
export function applicationItemsToPackages(items: readonly unknown[]): SoftwarePackage[] {
  const packages: SoftwarePackage[] = [];
  for (const item of items) {
    const rec = asRecord(item);
    const name = cleanText(rec?.['_name'], 512);
    if (rec === null || name === null) continue;
    const kind = cleanText(rec['arch_kind']);
    packages.push({
      name,
      version: cleanText(rec['version']),
      // Unsigned (and ad-hoc signed) apps have no signer; their Info.plist copyright, which
      // system_profiler shows as `info`, usually names the publisher.
      publisher: publisherFromSigners(rec['signed_by']) ?? publisherFromCopyright(cleanText(rec['info'], 1024)),
      installDate: dayOf(rec['lastModified']),
      installLocation: cleanText(rec['path'], 1024),
      arch: kind === null ? null : (ARCH_KINDS[kind] ?? kind),
      source: 'app-bundle',
    });
  }
  return packages;
}

/** Parses `system_profiler -json SPApplicationsDataType` (macOS 10.15+). */
export function parseSpApplicationsJson(output: string): SoftwarePackage[] {
  if (output.trim() === '') return [];
  let root: unknown;
  try {
    root = JSON.parse(output);
  } catch {
    throw new ParseError('system_profiler SPApplicationsDataType: output is not JSON');
  }
  const items = asRecord(root)?.['SPApplicationsDataType'];
  if (!Array.isArray(items)) throw new ParseError('system_profiler SPApplicationsDataType: no SPApplicationsDataType list');
  return applicationItemsToPackages(items);
}

/** Parses `system_profiler -xml SPApplicationsDataType`, the form macOS before 10.15 offers. */
export function parseSpApplicationsXml(output: string): SoftwarePackage[] {
  if (output.trim() === '') return [];
  const root = decodePlist(output, 'system_profiler SPApplicationsDataType');
  const first = Array.isArray(root) ? asRecord(root[0]) : null;
  const items = first?.['_items'];
  if (!Array.isArray(items)) throw new ParseError('system_profiler SPApplicationsDataType: no _items list');
  return applicationItemsToPackages(items);
}
