import type { AntivirusProduct } from '@deskside/shared/inventory';

import { isoFromEpochMsValue } from '../protection/dates.js';
import { looseBool, looseText, lowerKeys, parseJsonText } from '../protection/values.js';

/**
 * Microsoft Defender for Endpoint on macOS and Linux: `mdatp health --output json`. Newer builds wrap
 * settings as `{ value, isManaged, displayValue }`, older ones print the bare value: both are read.
 */

function setting(record: Readonly<Record<string, unknown>>, key: string): unknown {
  const value = record[key];
  if (value != null && typeof value === 'object' && !Array.isArray(value) && 'value' in value) return (value as { value: unknown }).value;
  return value;
}

function definitionsUpToDate(value: unknown): boolean | null {
  const raw = value != null && typeof value === 'object' ? (value as Record<string, unknown>)['$type'] : value;
  if (typeof raw !== 'string') return null;
  const word = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (word === 'uptodate') return true;
  if (word === 'outdated' || word === 'outofdate' || word === 'noupdates' || word === 'unavailable') return false;
  return null;
}

export function parseMdatpHealth(text: string, source = 'mdatp health --output json'): AntivirusProduct {
  const health = lowerKeys(parseJsonText(text, 'mdatp health'));
  if (looseText(health['appversion']) == null && health['healthy'] === undefined) {
    throw new Error('mdatp health output has neither appVersion nor healthy: not a health report');
  }
  const passive = looseBool(setting(health, 'passivemodeenabled'));
  const realtime = looseBool(setting(health, 'realtimeprotectionenabled'));
  const licensed = looseBool(health['licensed']);
  const mode: AntivirusProduct['mode'] = passive === true ? 'passive' : licensed === false ? 'expired' : passive === false ? 'active' : 'unknown';
  const enabled = passive === true || licensed === false ? false : passive === false ? true : null;
  return {
    name: 'Microsoft Defender for Endpoint',
    vendor: 'Microsoft',
    version: looseText(health['appversion']),
    enabled,
    realtimeProtection: enabled === false ? false : realtime,
    mode,
    signaturesUpToDate: definitionsUpToDate(health['definitionsstatus']),
    signatureVersion: looseText(health['definitionsversion']),
    signaturesUpdatedAt: isoFromEpochMsValue(health['definitionsupdated']),
    lastScanAt: null,
    source,
  };
}
