import type { NetworkInterface } from '@deskside/shared/inventory';

import { isIpv4, isIpv6, normalizeMac, prefixFromNetmask, stripZone } from './addresses.js';
import { kindFromName } from './interface-kind.js';

/** One interface as BSD `ifconfig -a` (macOS) shows it, before the hardware-port names are applied. */
export interface IfconfigInterface {
  readonly name: string;
  readonly flags: readonly string[];
  readonly mtu: number | null;
  readonly mac: string | null;
  readonly status: 'active' | 'inactive' | null;
  readonly mediaSpeedMbps: number | null;
  readonly ipv4: readonly { readonly address: string; readonly prefixLength: number | null }[];
  readonly ipv6: readonly { readonly address: string; readonly prefixLength: number | null }[];
  readonly bridge: boolean;
}

const HEADER = /^([A-Za-z][\w.-]*):\s+flags=[0-9a-f]+<([^>]*)>(?:.*?\bmtu\s+(\d+))?/u;

/** "autoselect (1000baseT <full-duplex>)" → 1000; "10Gbase-T" → 10000. */
function mediaSpeed(media: string): number | null {
  const m = /\((\d+(?:\.\d+)?)(G|M)?base/iu.exec(media) ?? /(\d+(?:\.\d+)?)(G|M)base/iu.exec(media);
  if (m?.[1] === undefined) return null;
  return Number(m[1]) * (m[2]?.toUpperCase() === 'G' ? 1000 : 1);
}

/**
 * Parses `ifconfig -a` on macOS (and other BSDs): a header line per interface, indented detail lines.
 * Tolerates "mtu N" wrapped onto its own line and IPv6 zone suffixes ("%en0").
 */
export function parseIfconfig(text: string): IfconfigInterface[] {
  const result: IfconfigInterface[] = [];
  type Mutable = { -readonly [K in keyof IfconfigInterface]: IfconfigInterface[K] } & {
    ipv4: { address: string; prefixLength: number | null }[];
    ipv6: { address: string; prefixLength: number | null }[];
  };
  let cur: Mutable | null = null;
  for (const raw of text.split(/\r?\n/u)) {
    const header = HEADER.exec(raw);
    if (header?.[1] !== undefined) {
      if (cur !== null) result.push(cur);
      cur = {
        name: header[1],
        flags: (header[2] ?? '').split(',').filter((f) => f !== ''),
        mtu: header[3] !== undefined ? Number(header[3]) : null,
        mac: null,
        status: null,
        mediaSpeedMbps: null,
        ipv4: [],
        ipv6: [],
        bridge: false,
      };
      continue;
    }
    if (cur === null) continue;
    const line = raw.trim();
    const words = line.split(/\s+/u);
    if (/^mtu\s+\d+$/u.test(line)) cur.mtu = Number(words[1]);
    else if (words[0] === 'ether' && words[1] !== undefined) cur.mac = normalizeMac(words[1]);
    else if (words[0] === 'inet' && words[1] !== undefined) {
      const mask = words[words.indexOf('netmask') + 1];
      if (isIpv4(words[1])) cur.ipv4.push({ address: words[1], prefixLength: words.includes('netmask') && mask !== undefined ? prefixFromNetmask(mask) : null });
    } else if (words[0] === 'inet6' && words[1] !== undefined) {
      const address = stripZone(words[1]);
      const prefix = words.includes('prefixlen') ? Number(words[words.indexOf('prefixlen') + 1]) : NaN;
      if (isIpv6(address)) cur.ipv6.push({ address, prefixLength: Number.isInteger(prefix) ? prefix : null });
    } else if (words[0] === 'status:') cur.status = words[1] === 'active' ? 'active' : 'inactive';
    else if (words[0] === 'media:') cur.mediaSpeedMbps = mediaSpeed(line);
    else if (words[0] === 'member:' || words[0] === 'Configuration:') cur.bridge = true;
  }
  if (cur !== null) result.push(cur);
  return result;
}

/** `networksetup -listallhardwareports`: BSD device → the port name System Settings shows. */
export function parseHardwarePorts(text: string): Map<string, string> {
  const ports = new Map<string, string>();
  let port: string | null = null;
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (line.startsWith('Hardware Port:')) port = line.slice('Hardware Port:'.length).trim();
    else if (line.startsWith('Device:') && port !== null) {
      const device = line.slice('Device:'.length).trim();
      if (device !== '') ports.set(device, port);
      port = null;
    }
  }
  return ports;
}

function kindOf(iface: IfconfigInterface, port: string | undefined): NetworkInterface['kind'] {
  if (iface.flags.includes('LOOPBACK')) return 'loopback';
  if (port !== undefined) {
    if (/wi-?fi|airport/iu.test(port)) return 'wireless';
    if (/bridge/iu.test(port)) return 'bridge';
    if (/iphone|ipad|modem|wwan|cellular/iu.test(port)) return 'cellular';
    if (/vpn/iu.test(port)) return 'vpn';
    if (/ethernet|lan|thunderbolt|usb/iu.test(port)) return 'wired';
  }
  if (iface.bridge) return 'bridge';
  const guess = kindFromName(iface.name);
  // en* without a hardware port are Apple's internal links (anpi, the T2's NCM), not sockets.
  return guess === 'wired' && port === undefined ? 'virtual' : guess;
}

/** ifconfig interfaces named and typed by their hardware ports. */
export function macInterfaces(ifaces: readonly IfconfigInterface[], ports: ReadonlyMap<string, string>): NetworkInterface[] {
  return ifaces.map((i) => {
    const port = ports.get(i.name);
    const kind = kindOf(i, port);
    const running = i.flags.includes('UP') && i.flags.includes('RUNNING');
    return {
      name: i.name,
      displayName: port ?? null,
      kind,
      mac: i.mac,
      // "status:" is the link state where the driver reports one; otherwise UP+RUNNING says it.
      up: i.status !== null ? i.status === 'active' && running : running,
      dhcp: null,
      speedMbps: i.status === 'active' ? i.mediaSpeedMbps : null,
      mtu: i.mtu,
      ipv4: [...i.ipv4],
      ipv6: [...i.ipv6],
    };
  });
}

/** `networksetup -getinfo <port>`: whether the service's IPv4 address comes from DHCP (or BOOTP). */
export function parseNetworksetupInfo(text: string): boolean | null {
  if (/^(DHCP|BOOTP) Configuration/mu.test(text)) return true;
  // "Manually Using DHCP Router Configuration" still sets the address by hand.
  if (/^Manual(ly)?\b.*Configuration/mu.test(text)) return false;
  return null;
}
