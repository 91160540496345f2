import type { AntivirusProduct } from '@deskside/shared/inventory';

import { blankToNull, onOff, parseColonPairs } from '../protection/text.js';

const base = (version: string | null, operational: boolean | null, source: string): AntivirusProduct => ({
  name: 'CrowdStrike Falcon',
  vendor: 'CrowdStrike',
  version,
  enabled: operational,
  realtimeProtection: operational,
  mode: operational === true ? 'active' : operational === false ? 'disabled' : 'unknown',
  signaturesUpToDate: null,
  signatureVersion: null,
  signaturesUpdatedAt: null,
  lastScanAt: null,
  source,
});

/** macOS: `falconctl stats agent_info` prints "version: 7.x" and "Sensor operational: true|false". */
export function parseFalconctlStats(text: string): AntivirusProduct {
  const pairs = parseColonPairs(text);
  const version = blankToNull(pairs.get('version'));
  const operational = onOff(pairs.get('sensor operational'));
  if (version == null && operational == null) throw new Error('falconctl stats output has neither a version nor "Sensor operational"');
  return base(version, operational, 'falconctl stats agent_info');
}

/**
 * Linux: `falconctl -g --version` ("version = 7.x") and `-g --rfm-state` ("rfm-state=false."); reduced
 * functionality mode means the kernel is unsupported and the sensor does not protect. `serviceActive`
 * is falcon-sensor's systemd state.
 */
export function parseFalconctlLinux(versionText: string, rfmText: string, serviceActive: boolean | null): AntivirusProduct {
  const version = /version\s*=\s*([\w.]+)/i.exec(versionText)?.[1] ?? null;
  const rfm = onOff(/rfm-state\s*=\s*(\w+)/i.exec(rfmText)?.[1] ?? null);
  if (version == null && rfm == null && serviceActive == null) throw new Error('falconctl output has neither a version nor an RFM state');
  const operational = serviceActive === false || rfm === true ? false : serviceActive === true && rfm === false ? true : null;
  return base(version, operational, 'falconctl -g --version --rfm-state');
}
