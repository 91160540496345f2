import type { NetworkData } from '@deskside/shared/inventory';

import { bandFromChannel, bandFromFrequency, channelFromFrequency, normalizeMac, numberFrom, wholeNumber } from './addresses.js';

export type Wifi = NetworkData['wifi'][number];

/** `iw dev`: the wireless interfaces of each phy with their type, SSID and channel. */
export interface IwDevice {
  readonly name: string;
  readonly type: string | null;
  readonly ssid: string | null;
  readonly channel: number | null;
  readonly frequencyMhz: number | null;
}

export function parseIwDev(text: string): IwDevice[] {
  const devices: IwDevice[] = [];
  let current: { name: string; type: string | null; ssid: string | null; channel: number | null; frequencyMhz: number | null } | null = null;
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    const iface = /^Interface\s+(\S+)$/u.exec(line);
    if (iface?.[1] !== undefined) {
      if (current !== null) devices.push(current);
      current = { name: iface[1], type: null, ssid: null, channel: null, frequencyMhz: null };
      continue;
    }
    if (current === null) continue;
    if (line.startsWith('type ')) current.type = line.slice(5).trim();
    else if (line.startsWith('ssid ')) current.ssid = line.slice(5);
    else if (line.startsWith('channel ')) {
      const m = /^channel\s+(\d+)\s+\((\d+)\s*MHz\)/u.exec(line);
      current.channel = m?.[1] !== undefined ? Number(m[1]) : null;
      current.frequencyMhz = m?.[2] !== undefined ? Number(m[2]) : null;
    } else if (/^phy#/u.test(line)) {
      devices.push(current);
      current = null;
    }
  }
  if (current !== null) devices.push(current);
  return devices;
}

/** `iw dev <if> link`: the association (BSSID, SSID, frequency, signal, tx bitrate), or null when "Not connected.". */
export function parseIwLink(text: string, iface: string): Wifi | null {
  const bssid = /Connected to\s+([0-9a-f:]{17})/iu.exec(text)?.[1];
  if (bssid === undefined) return null;
  const field = (label: string): string | null => new RegExp(`^\\s*${label}:\\s*(.*)$`, 'mu').exec(text)?.[1]?.trim() ?? null;
  const freq = numberFrom(field('freq'));
  const channel = channelFromFrequency(freq === null ? null : Math.round(freq));
  return {
    interface: iface,
    ssid: field('SSID'),
    bssid: normalizeMac(bssid),
    signalDbm: numberFrom(field('signal')),
    signalPercent: null,
    channel,
    band: bandFromFrequency(freq) ?? bandFromChannel(channel),
    security: null,
    txRateMbps: numberFrom(field('tx bitrate')),
  };
}

/** The fields Deskside asks nmcli for, in this order. */
export const NMCLI_WIFI_FIELDS = ['IN-USE', 'SSID', 'BSSID', 'CHAN', 'FREQ', 'RATE', 'SIGNAL', 'SECURITY', 'DEVICE'] as const;

/** Splits one line of nmcli's terse output, where ":" inside a value is escaped as "\:". */
export function splitTerse(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      cell += line[i + 1];
      i += 1;
    } else if (c === ':') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/**
 * Parses `nmcli -t -f IN-USE,SSID,BSSID,CHAN,FREQ,RATE,SIGNAL,SECURITY,DEVICE device wifi list
 * --rescan no`: only the rows in use ("*") are the machine's connections; the rest are neighbours.
 */
export function parseNmcliWifi(text: string): Wifi[] {
  const wifi: Wifi[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const cells = splitTerse(line);
    if (cells.length < NMCLI_WIFI_FIELDS.length || cells[0]?.trim() !== '*') continue;
    const [, ssid, bssid, chan, freq, rate, signal, security, device] = cells;
    const channel = wholeNumber(chan);
    const mhz = numberFrom(freq);
    const sec = security?.trim() ?? '';
    wifi.push({
      interface: device?.trim() || 'wifi',
      ssid: ssid === undefined || ssid === '' || ssid === '--' ? null : ssid,
      bssid: normalizeMac(bssid),
      signalDbm: null,
      signalPercent: numberFrom(signal),
      channel,
      band: bandFromFrequency(mhz) ?? bandFromChannel(channel),
      // nmcli prints "--" for an open network: known to have no security.
      security: sec === '--' ? 'none' : sec === '' ? null : sec,
      txRateMbps: numberFrom(rate),
    });
  }
  return wifi;
}

/** nmcli knows the security, iw the signal in dBm: one record per interface with the best of both. */
export function mergeWifi(primary: readonly Wifi[], extra: readonly Wifi[]): Wifi[] {
  const merged = primary.map((w) => {
    const other = extra.find((e) => e.interface === w.interface);
    if (other === undefined) return w;
    return {
      ...w,
      ssid: w.ssid ?? other.ssid,
      bssid: w.bssid ?? other.bssid,
      signalDbm: w.signalDbm ?? other.signalDbm,
      channel: w.channel ?? other.channel,
      band: w.band ?? other.band,
      txRateMbps: other.txRateMbps ?? w.txRateMbps,
    };
  });
  return [...merged, ...extra.filter((e) => !primary.some((w) => w.interface === e.interface))];
}
