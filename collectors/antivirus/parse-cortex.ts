import type { AntivirusProduct } from '@deskside/shared/inventory';

import { blankToNull, parseColonPairs } from '../protection/text.js';

/**
 * Palo Alto Cortex XDR by `cytool`: `cytool info` (banner with the version), `cytool info query`
 * ("Content Version: …") and `cytool runtime query` (a process table with a Status column).
 */
export function parseCytool(info: string, infoQuery: string, runtimeQuery: string, source = 'cytool'): AntivirusProduct {
  const version = /supervisor tool\s+(\d[\w.]*)/i.exec(info)?.[1] ?? null;
  const content = blankToNull(parseColonPairs(infoQuery).get('content version'));
  const statuses: string[] = [];
  for (const line of runtimeQuery.split(/\r?\n/).slice(1)) {
    const match = /\s(Running|Stopped|Loaded|Unloaded|Not running)\s/i.exec(line);
    if (match?.[1]) statuses.push(match[1].toLowerCase());
  }
  if (version == null && statuses.length === 0) throw new Error('cytool output has neither a version nor a process table');
  const running = statuses.length === 0 ? null : statuses.some((s) => s === 'running') && !statuses.some((s) => s === 'stopped' || s === 'not running');
  return {
    name: 'Cortex XDR',
    vendor: 'Palo Alto Networks',
    version,
    enabled: running,
    realtimeProtection: running,
    mode: running === true ? 'active' : running === false ? 'disabled' : 'unknown',
    signaturesUpToDate: null,
    signatureVersion: content,
    signaturesUpdatedAt: null,
    lastScanAt: null,
    source,
  };
}
