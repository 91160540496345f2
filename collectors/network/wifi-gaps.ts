import type { NetworkInterface } from '@deskside/shared/inventory';

import type { Wifi } from './parse-linux-wifi.js';

/**
 * A connected Wi-Fi adapter whose connection could not be read (tool missing, Windows 11 withholding
 * WLAN details without location permission, macOS redaction) still gets a record, every detail null:
 * "connected, details unknown" must not read as "no Wi-Fi".
 */
export function fillWifiGaps(interfaces: readonly NetworkInterface[], wifi: readonly Wifi[]): Wifi[] {
  const missing = interfaces.filter(
    (i) => i.kind === 'wireless' && i.up === true && (i.ipv4.length > 0 || i.ipv6.some((a) => !a.address.startsWith('fe80:'))) && !wifi.some((w) => w.interface === i.name),
  );
  return [
    ...wifi,
    ...missing.map((i) => ({
      interface: i.name,
      ssid: null,
      bssid: null,
      signalDbm: null,
      signalPercent: null,
      channel: null,
      band: null,
      security: null,
      txRateMbps: null,
    })),
  ];
}
