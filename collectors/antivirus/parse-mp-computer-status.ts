import type { AntivirusProduct } from '@deskside/shared/inventory';

import { isoFromPowerShell, laterIso } from '../protection/dates.js';
import { parseColonPairs } from '../protection/text.js';
import { looseBool, looseNumber, looseText, lowerKeys, type LooseRecord } from '../protection/values.js';

/**
 * Microsoft Defender Antivirus state from `Get-MpComputerStatus` (MSFT_MpComputerStatus).
 *
 * GLPI/FusionInventory users saw Defender reported as enabled while another antivirus had put it in
 * passive mode: `AntivirusEnabled` and `RealTimeProtectionEnabled` can read True while Defender is not
 * protecting. `AMRunningMode` is the truth, so it decides the mode and, outside "Normal", enabled and
 * real-time protection are false (Microsoft: passive and EDR block mode give no real-time protection).
 */

/** UInt32.MaxValue (and UInt16.MaxValue on old builds) means "never" for ages, not 11,930 years. */
const AGE_SENTINELS = new Set([4_294_967_295, 65_535, -1]);
/** Defender's own default for "signatures out of date" (AVSignatureDue / ASSignatureDue policy). */
export const DEFENDER_SIGNATURE_DUE_DAYS = 7;

export const DEFENDER_NAME = 'Microsoft Defender Antivirus';

/** `Get-MpComputerStatus | Format-List` text into the same loose record the JSON path produces. */
export function parseMpComputerStatusText(text: string): LooseRecord {
  const out: Record<string, unknown> = {};
  for (const [key, value] of parseColonPairs(text)) out[key.replace(/ /g, '')] = value;
  return out;
}

export type DefenderMode = AntivirusProduct['mode'];

export function defenderModeFrom(status: LooseRecord): DefenderMode {
  const running = looseText(status['amrunningmode']);
  if (running != null) {
    const word = running.toLowerCase();
    if (word === 'normal') return 'active';
    if (word.includes('edr block')) return 'edr-block';
    if (word.includes('passive')) return 'passive';
    if (word.includes('not running')) return 'disabled';
    return 'unknown';
  }
  // Builds before AMRunningMode existed (pre-2020) only have the service and engine switches.
  const service = looseBool(status['amserviceenabled']);
  const antivirus = looseBool(status['antivirusenabled']);
  if (service === false || antivirus === false) return 'disabled';
  if (service === true && antivirus === true) return 'active';
  return 'unknown';
}

function age(value: unknown): number | null {
  const n = looseNumber(value);
  if (n == null || AGE_SENTINELS.has(n) || n < 0) return null;
  return n;
}

export function mpStatusToProduct(raw: unknown, source = 'Get-MpComputerStatus'): AntivirusProduct {
  const status = lowerKeys(raw);
  const mode = defenderModeFrom(status);
  const antivirusEnabled = looseBool(status['antivirusenabled']);
  const serviceEnabled = looseBool(status['amserviceenabled']);
  const realtime = looseBool(status['realtimeprotectionenabled']);

  let enabled: boolean | null;
  let realtimeProtection: boolean | null;
  switch (mode) {
    case 'active':
      enabled = serviceEnabled === false ? false : antivirusEnabled;
      realtimeProtection = enabled === false ? false : realtime;
      break;
    case 'passive':
    case 'edr-block':
    case 'disabled':
      enabled = false;
      realtimeProtection = false;
      break;
    case 'snoozed':
    case 'expired':
    case 'unknown':
      enabled = antivirusEnabled;
      realtimeProtection = realtime;
      break;
  }

  const outOfDate = looseBool(status['defendersignaturesoutofdate']);
  const signatureAge = age(status['antivirussignatureage']);
  const signaturesUpToDate =
    outOfDate != null ? !outOfDate : signatureAge != null ? signatureAge <= DEFENDER_SIGNATURE_DUE_DAYS : null;

  return {
    name: DEFENDER_NAME,
    vendor: 'Microsoft',
    version: looseText(status['amproductversion']),
    enabled,
    realtimeProtection,
    mode,
    signaturesUpToDate,
    signatureVersion: looseText(status['antivirussignatureversion']),
    signaturesUpdatedAt: isoFromPowerShell(status['antivirussignaturelastupdated']),
    lastScanAt: laterIso(isoFromPowerShell(status['quickscanendtime']), isoFromPowerShell(status['fullscanendtime'])),
    source,
  };
}
