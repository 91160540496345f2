import { bandFromChannel, normalizeMac, numberFrom, wholeNumber } from './addresses.js';
import type { Wifi } from './parse-linux-wifi.js';

/**
 * `netsh wlan show interfaces` speaks the display language and no option changes that, so fields are
 * found by the labels of the languages below and, where labels differ too much (the French BSSID label
 * is a sentence), by the shape of the value: the second MAC address of a block is the BSSID, the
 * percentage is the signal, the "802.11…" value the radio type, the first and second "(Mbps)" lines
 * receive and transmit rates.
 */
const LABELS = {
  name: ['name', 'nom', 'nombre', 'nome', '名称', '名稱'],
  state: ['state', 'état', 'etat', 'status', 'estado', 'stato', '状态', '狀態'],
  ssid: ['ssid'],
  band: ['band', 'bande', 'bereich', 'banda', '频带', '頻帶'],
  channel: ['channel', 'canal', 'kanal', 'canale', '信道', '通道'],
  authentication: ['authentication', 'authentification', 'authentifizierung', 'autenticación', 'autenticacion', 'autenticazione', '身份验证', '驗證'],
} as const;

const CONNECTED = /^(connected|connecté|connectée|verbunden|conectado|connesso|connessa|已连接|已連線)$/iu;
const RATE_LABEL = /\((mbps|mbit\/s|mbits\/s|mb\/s)\)/iu;

interface Line {
  readonly key: string;
  readonly value: string;
}

function blocks(text: string): Line[][] {
  const result: Line[][] = [];
  for (const raw of text.split(/\r?\n/u)) {
    // Labels are padded with spaces before the colon; values (MACs) contain colons of their own.
    const m = /^\s+([^:：]+?)\s*[:：]\s?(.*)$/u.exec(raw);
    if (m?.[1] === undefined || m[2] === undefined) continue;
    const line = { key: m[1].trim().toLowerCase(), value: m[2].trim() };
    if ((LABELS.name as readonly string[]).includes(line.key) || result.length === 0) result.push([]);
    result[result.length - 1]?.push(line);
  }
  return result;
}

/** One record per connected wireless interface; a disconnected one has no connection to describe. */
export function parseNetshWlanInterfaces(text: string): Wifi[] {
  const wifi: Wifi[] = [];
  for (const block of blocks(text)) {
    const by = (labels: readonly string[]): string | null => block.find((l) => labels.includes(l.key))?.value ?? null;
    const name = by(LABELS.name);
    const ssid = by(LABELS.ssid);
    const state = by(LABELS.state);
    if (name === null || ssid === null || ssid === '' || (state !== null && !CONNECTED.test(state))) continue;
    const macs = block.map((l) => normalizeMac(l.value)).filter((m): m is string => m !== null);
    const percent = block.find((l) => /^\d{1,3}\s?%$/u.test(l.value));
    const rates = block.filter((l) => RATE_LABEL.test(l.key)).map((l) => numberFrom(l.value));
    const channel = wholeNumber(by(LABELS.channel));
    const bandText = by(LABELS.band);
    const ghz = bandText === null ? null : numberFrom(bandText);
    const signalPercent = percent === undefined ? null : numberFrom(percent.value);
    wifi.push({
      interface: name,
      ssid,
      bssid: macs[1] ?? null,
      // WLAN_ASSOCIATION_ATTRIBUTES documents the quality as linear between -100 dBm (0) and -50 dBm (100).
      signalDbm: signalPercent === null ? null : Math.round(-100 + signalPercent / 2),
      signalPercent,
      channel,
      band: ghz === null ? bandFromChannel(channel) : ghz < 3 ? '2.4GHz' : ghz < 5.9 ? '5GHz' : '6GHz',
      security: by(LABELS.authentication),
      txRateMbps: rates[1] ?? null,
    });
  }
  return wifi;
}
