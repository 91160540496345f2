import type { SoftwarePackage } from '@deskside/shared/inventory';

import { decodePlist } from './plist-value.js';
import { asRecord } from './powershell-json.js';
import { cleanText } from './text.js';

/** "Copyright © 2009-2023 Apple Inc. All rights reserved." → "Apple Inc." (best effort, else null). */
export function publisherFromCopyright(copyright: string | null): string | null {
  if (copyright === null) return null;
  const at = copyright.search(/copyright|©|\(c\)/iu);
  if (at < 0) return null;
  const who = copyright
    .slice(at)
    .replace(/all rights reserved.*$/isu, '')
    .replace(/^(?:\s*(?:copyright|©|\(c\)|\d{4}(?:\s*[-–]\s*\d{4})?|,|by)\s*)+/iu, '')
    .replace(/[\s,;]+$/u, '')
    // "Inc." keeps its full stop; a sentence's closing one goes.
    .replace(/(?<!\b(?:Inc|Ltd|Corp|Co|S\.A))\.+$/u, '')
    .trim();
  return who === '' || /^\d/u.test(who) ? null : cleanText(who, 512);
}

/**
 * Parses one bundle's Contents/Info.plist (XML or binary) into a
 * package: the fallback when system_profiler does not answer. Null when the text is not a plist or
 * names no bundle.
 */
export function parseInfoPlist(input: string | Uint8Array, bundlePath: string): SoftwarePackage | null {
  let root: unknown;
  try {
    root = decodePlist(input, bundlePath);
  } catch {
    return null;
  }
  const rec = asRecord(root);
  if (rec === null) return null;
  const folderName = /([^/]+)\.app\/?$/u.exec(bundlePath)?.[1] ?? null;
  const name = cleanText(rec['CFBundleDisplayName'], 512) ?? cleanText(rec['CFBundleName'], 512) ?? cleanText(folderName, 512);
  if (name === null) return null;
  return {
    name,
    version: cleanText(rec['CFBundleShortVersionString']) ?? cleanText(rec['CFBundleVersion']),
    publisher: publisherFromCopyright(cleanText(rec['NSHumanReadableCopyright'], 1024)),
    installDate: null,
    installLocation: cleanText(bundlePath, 1024),
    arch: null,
    source: 'app-bundle',
  };
}
