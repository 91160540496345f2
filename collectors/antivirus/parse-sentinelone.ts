import type { AntivirusProduct } from '@deskside/shared/inventory';

import { blankToNull, onOff, parseColonPairs, parseSpacedPairs } from '../protection/text.js';

/**
 * SentinelOne by `sentinelctl`. macOS: `sentinelctl version` ("SentinelOne 24.1.2.7444") and
 * `sentinelctl status` (indented "Key: value"). Linux: `sentinelctl version`, `engines status`,
 * `control status` ("Agent version: …", then space-aligned "Agent state      Enabled"). The texts may be
 * passed joined; both layouts are read.
 */
export function parseSentinelCtl(text: string, source = 'sentinelctl'): AntivirusProduct {
  const colon = parseColonPairs(text);
  const spaced = parseSpacedPairs(text);
  const bannerVersion = /^\s*SentinelOne\s+(\d[\w.]*)\s*$/m.exec(text)?.[1] ?? null;
  const version = blankToNull(colon.get('agent version')) ?? bannerVersion ?? blankToNull(colon.get('version'));
  const protection =
    onOff(colon.get('protection')) ?? onOff(colon.get('agent operational state')) ?? onOff(spaced.get('agent state'));
  if (version == null && protection == null) throw new Error('sentinelctl output has neither an agent version nor a protection state');
  return {
    name: 'SentinelOne',
    vendor: 'SentinelOne',
    version,
    enabled: protection,
    // The agent's protection is its real-time engine; there is no separate on-access switch to read.
    realtimeProtection: protection,
    mode: protection === true ? 'active' : protection === false ? 'disabled' : 'unknown',
    signaturesUpToDate: null,
    signatureVersion: blankToNull(spaced.get('dfi library version')),
    signaturesUpdatedAt: null,
    lastScanAt: null,
    source,
  };
}
