import type { AntivirusProduct } from '@deskside/shared/inventory';

import { clip } from '../protection/text.js';

/**
 * A product we know is installed but whose state its tool would not give us: listed with every state
 * unknown and the reason in `source`, rather than dropped (dropping it would read as "not installed").
 */
export function unknownProduct(name: string, vendor: string | null, source: string): AntivirusProduct {
  return {
    name,
    vendor,
    version: null,
    enabled: null,
    realtimeProtection: null,
    mode: 'unknown',
    signaturesUpToDate: null,
    signatureVersion: null,
    signaturesUpdatedAt: null,
    lastScanAt: null,
    source: clip(source),
  };
}
