import { bandFromChannel, normalizeMac, numberFrom, wholeNumber } from './addresses.js';
import { ParseError } from './parse-error.js';
import type { Wifi } from './parse-linux-wifi.js';

const asRecord = (v: unknown): Readonly<Record<string, unknown>> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** "spairport_security_mode_wpa2_personal" → "WPA2 Personal"; "..._none" → "none". */
export function securityFromMode(mode: unknown): string | null {
  if (typeof mode !== 'string' || mode === '') return null;
  const bare = mode.replace(/^spairport_security_mode_/u, '');
  if (bare === 'none') return 'none';
  return bare
    .split('_')
    .map((w) => (/^(wpa\d?|wep|owe|sae)$/iu.test(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** "6 (2GHz, 20MHz)" / "149 (5GHz, 80MHz)" / 6 → channel and band. */
function channelAndBand(value: unknown): { readonly channel: number | null; readonly band: Wifi['band'] } {
  const channel = wholeNumber(typeof value === 'string' ? value.split(/\s/u)[0] : value);
  const ghz = typeof value === 'string' ? /\((\d+(?:\.\d+)?)\s*GHz/iu.exec(value)?.[1] : undefined;
  const band = ghz === '2' || ghz === '2.4' ? '2.4GHz' : ghz === '5' ? '5GHz' : ghz === '6' ? '6GHz' : bandFromChannel(channel);
  return { channel, band };
}

/**
 * The current connection of each Wi-Fi interface from `system_profiler -json SPAirPortDataType` (the
 * source that remains on macOS 14.4+, where `airport` is gone). macOS redacts the BSSID, and from 14
 * on the SSID too, unless the caller has Location Services access: then they are null, not guessed.
 */
export function parseSpAirport(text: string): Wifi[] {
  if (text.trim() === '') return [];
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw new ParseError('system_profiler SPAirPortDataType: output is not JSON');
  }
  const sections = asRecord(root)?.['SPAirPortDataType'];
  if (!Array.isArray(sections)) throw new ParseError('system_profiler SPAirPortDataType: no SPAirPortDataType list');
  const wifi: Wifi[] = [];
  for (const section of sections) {
    const ifaces = asRecord(section)?.['spairport_airport_interfaces'];
    for (const item of Array.isArray(ifaces) ? ifaces : []) {
      const iface = asRecord(item);
      const current = asRecord(iface?.['spairport_current_network_information']);
      const name = iface?.['_name'];
      if (iface === null || current === null || typeof name !== 'string') continue;
      if (iface['spairport_status_information'] !== undefined && iface['spairport_status_information'] !== 'spairport_status_connected') continue;
      const ssid = typeof current['_name'] === 'string' && current['_name'] !== '' && current['_name'] !== '<redacted>' ? current['_name'] : null;
      if (ssid === null && current['spairport_network_channel'] === undefined) continue;
      const { channel, band } = channelAndBand(current['spairport_network_channel']);
      const signal = typeof current['spairport_signal_noise'] === 'string' ? numberFrom(current['spairport_signal_noise']) : null;
      wifi.push({
        interface: name,
        ssid,
        bssid: normalizeMac(current['spairport_network_bssid']),
        signalDbm: signal,
        signalPercent: null,
        channel,
        band,
        security: securityFromMode(current['spairport_security_mode']),
        txRateMbps: numberFrom(current['spairport_network_rate']),
      });
    }
  }
  return wifi;
}

/**
 * Parses `airport -I` (macOS up to 14.3): "key: value" lines. The channel reads "48,80" (channel,
 * width) or "36,+1". Null when the card is off or not associated.
 */
export function parseAirportInfo(text: string, iface: string): Wifi | null {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/u)) {
    const m = /^\s*([^:]+?):\s?(.*)$/u.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) values.set(m[1].trim().toLowerCase(), m[2].trim());
  }
  if (values.get('airport') === 'Off' || values.get('state') !== 'running' || !values.has('ssid')) return null;
  const channel = wholeNumber(values.get('channel')?.split(',')[0]);
  const auth = values.get('link auth') ?? null;
  return {
    interface: iface,
    ssid: values.get('ssid') || null,
    bssid: normalizeMac(values.get('bssid')),
    signalDbm: numberFrom(values.get('agrctlrssi')),
    signalPercent: null,
    channel,
    band: bandFromChannel(channel),
    security: auth === null || auth === '' ? null : auth,
    txRateMbps: numberFrom(values.get('lasttxrate')),
  };
}
