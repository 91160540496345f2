import type { AntivirusProduct } from '@deskside/shared/inventory';

import { isoFromMs } from '../protection/dates.js';
import { blankToNull, onOff, parseColonPairs } from '../protection/text.js';

/** "2023-08-24 at 11:44:37 GMT+2" as bduitool writes times. */
export function parseBduitoolDate(value: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})\s+at\s+(\d{2}):(\d{2}):(\d{2})\s*(?:GMT|UTC)?([+-]\d{1,2})?(?::?(\d{2}))?$/i.exec((value ?? '').trim());
  if (!match) return null;
  const offsetHours = Number(match[7] ?? 0);
  const offsetMinutes = Math.sign(offsetHours || 1) * Number(match[8] ?? 0);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
  return isoFromMs(utc - (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** Bitdefender Endpoint Security Tools for Linux: `bduitool get ps`. */
export function parseBduitool(text: string, source = 'bduitool get ps'): AntivirusProduct {
  const pairs = parseColonPairs(text.replace(/^\s*-\s*/gm, ''));
  const version = blankToNull(pairs.get('product version'));
  const antimalware = onOff(pairs.get('antimalware status'));
  if (version == null && antimalware == null) throw new Error('bduitool output has neither a product version nor an antimalware status');
  const newContent = onOff(pairs.get('new security content available'));
  return {
    name: 'Bitdefender Endpoint Security Tools',
    vendor: 'Bitdefender',
    version,
    enabled: antimalware,
    realtimeProtection: antimalware,
    mode: antimalware === true ? 'active' : antimalware === false ? 'disabled' : 'unknown',
    signaturesUpToDate: newContent == null ? null : !newContent,
    signatureVersion: blankToNull(pairs.get('engines version')),
    signaturesUpdatedAt: parseBduitoolDate(pairs.get('last security content update')),
    lastScanAt: null,
    source,
  };
}
