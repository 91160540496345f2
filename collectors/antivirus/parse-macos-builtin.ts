import type { AntivirusProduct } from '@deskside/shared/inventory';
import type { PlistValue } from 'plist';

import { ageInDays, isoFromEpochSeconds } from '../protection/dates.js';
import { dictOf, stringOf } from '../protection/plist-value.js';
import { unknownProduct } from './unknown-product.js';

/**
 * macOS's own protection: XProtect (signature-based malware detection, which users cannot switch off)
 * and Gatekeeper (`spctl --status`). Apple ships XProtect data every few weeks; Deskside calls it out of
 * date after 30 days without an update, which in practice means background security updates are off.
 */
export const XPROTECT_DUE_DAYS = 30;

export function parseXProtectInfo(value: PlistValue): string | null {
  const info = dictOf(value);
  return stringOf(info?.['CFBundleShortVersionString']) ?? stringOf(info?.['CFBundleVersion']) ?? null;
}

export function xprotectProduct(version: string | null, updatedAt: string | null, now: Date, source: string): AntivirusProduct {
  const age = ageInDays(updatedAt, now);
  return {
    name: 'XProtect',
    vendor: 'Apple',
    version,
    enabled: version == null ? null : true,
    realtimeProtection: null,
    mode: version == null ? 'unknown' : 'active',
    signaturesUpToDate: age == null ? null : age <= XPROTECT_DUE_DAYS,
    signatureVersion: version,
    signaturesUpdatedAt: updatedAt,
    lastScanAt: null,
    source,
  };
}

/** `stat -f %m <file>` on macOS: the modification time in epoch seconds. */
export function parseStatEpoch(text: string): string | null {
  const seconds = /^\s*(\d{9,11})\s*$/.exec(text)?.[1];
  return seconds == null ? null : isoFromEpochSeconds(Number(seconds));
}

/** `spctl --status`: "assessments enabled" / "assessments disabled". */
export function parseSpctlStatus(text: string): boolean | null {
  if (/assessments\s+enabled/i.test(text)) return true;
  if (/assessments\s+disabled/i.test(text)) return false;
  return null;
}

export function gatekeeperProduct(enabled: boolean | null): AntivirusProduct {
  return {
    name: 'Gatekeeper',
    vendor: 'Apple',
    version: null,
    enabled,
    realtimeProtection: null,
    mode: enabled === true ? 'active' : enabled === false ? 'disabled' : 'unknown',
    signaturesUpToDate: null,
    signatureVersion: null,
    signaturesUpdatedAt: null,
    lastScanAt: null,
    source: 'spctl --status',
  };
}

/** Products recognised only by their app bundle: installed, state not readable without their tool. */
export const MACOS_AV_BUNDLES: readonly { readonly path: string; readonly name: string; readonly vendor: string }[] = [
  { path: '/Applications/Sophos/Sophos Endpoint.app', name: 'Sophos Endpoint', vendor: 'Sophos' },
  { path: '/Applications/Malwarebytes.app', name: 'Malwarebytes', vendor: 'Malwarebytes' },
  { path: '/Applications/ESET Endpoint Security.app', name: 'ESET Endpoint Security', vendor: 'ESET' },
  { path: '/Applications/ESET Endpoint Antivirus.app', name: 'ESET Endpoint Antivirus', vendor: 'ESET' },
  { path: '/Applications/Endpoint Security for Mac.app', name: 'Bitdefender Endpoint Security for Mac', vendor: 'Bitdefender' },
  { path: '/Applications/Norton 360.app', name: 'Norton 360', vendor: 'Gen Digital' },
  { path: '/Applications/Avast.app', name: 'Avast Security', vendor: 'Gen Digital' },
  { path: '/Applications/Trend Micro Security.app', name: 'Trend Micro Security', vendor: 'Trend Micro' },
  { path: '/Applications/Kaspersky Endpoint Security for Mac.app', name: 'Kaspersky Endpoint Security', vendor: 'Kaspersky' },
];

export function bundleProduct(entry: (typeof MACOS_AV_BUNDLES)[number]): AntivirusProduct {
  return unknownProduct(entry.name, entry.vendor, `app bundle ${entry.path}`);
}
