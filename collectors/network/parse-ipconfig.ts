import type { NetworkInterface } from '@deskside/shared/inventory';

import { isIpv4, isIpv6, normalizeMac, prefixFromNetmask, stripZone } from './addresses.js';
import type { Gateway } from './gateway.js';
import { VIRTUAL_DESCRIPTION, VPN_DESCRIPTION } from './interface-kind.js';
import type { WindowsNetwork } from './parse-windows-network.js';

/**
 * `ipconfig /all`: the fallback where the NetTCPIP PowerShell module does not exist (Windows 7,
 * Server 2008 R2). It is localized; labels are matched in English, French and German, and addresses
 * are recognised by their shape, so other languages still yield addresses, masks and MACs.
 */
const KEYS = {
  description: ['description', 'beschreibung'],
  mac: ['physical address', 'adresse physique', 'physische adresse'],
  dhcp: ['dhcp enabled', 'dhcp activé', 'dhcp aktiviert'],
  mask: ['subnet mask', 'masque de sous-réseau', 'subnetzmaske'],
  gateway: ['default gateway', 'passerelle par défaut', 'standardgateway'],
  dns: ['dns servers', 'serveurs dns', 'dns-server'],
  media: ['media state', 'statut du média', 'medienstatus'],
  search: ['dns suffix search list', 'liste de recherche du suffixe dns', 'dns-suffixsuchliste'],
  suffix: ['connection-specific dns suffix', 'suffixe dns propre à la connexion', 'verbindungsspezifisches dns-suffix'],
} as const;

const YES = /^(yes|oui|ja|sí|si|是)$/iu;

interface Entry {
  readonly key: string;
  readonly values: string[];
}
interface Block {
  readonly header: string;
  readonly entries: Entry[];
}

function blocks(text: string): Block[] {
  const result: Block[] = [{ header: '', entries: [] }];
  for (const raw of text.split(/\r?\n/u)) {
    if (raw.trim() === '') continue;
    const current = result[result.length - 1];
    if (!/^\s/u.test(raw)) {
      result.push({ header: raw.trim().replace(/\s*:$/u, ''), entries: [] });
      continue;
    }
    // Labels sit three spaces in; continuation values (more DNS servers, search domains) far deeper.
    const indent = raw.length - raw.trimStart().length;
    const kv = indent < 10 ? /^\s+(.+?)[\s.]*:\s?(.*)$/u.exec(raw) : null;
    if (kv?.[1] !== undefined && kv[2] !== undefined) {
      current?.entries.push({ key: kv[1].trim().toLowerCase(), values: kv[2].trim() === '' ? [] : [kv[2].trim()] });
    } else current?.entries[current.entries.length - 1]?.values.push(raw.trim());
  }
  return result;
}

/** "fe80::1%8(Preferred)" → "fe80::1"; "10.0.0.5(Préféré)" → "10.0.0.5". */
const bare = (v: string): string => stripZone(v.replace(/\(.*\)\s*$/u, '').trim());

function adapterName(header: string): string {
  const en = /\badapter\s+(.+)$/iu.exec(header);
  if (en?.[1] !== undefined) return en[1];
  const de = /-Adapter\s+(.+)$/u.exec(header);
  if (de?.[1] !== undefined) return de[1];
  const fr = /^Carte\s+(?:Ethernet|réseau sans fil|Tunnel|inconnue|PPP)\s+(.+)$/iu.exec(header);
  return fr?.[1] ?? header;
}

function kindOf(header: string, description: string): NetworkInterface['kind'] {
  if (VPN_DESCRIPTION.test(description) || /^PPP/iu.test(header)) return 'vpn';
  if (/wireless|sans fil|drahtlos|wlan/iu.test(header)) return 'wireless';
  if (/tunnel/iu.test(header)) return 'virtual';
  if (/bluetooth/iu.test(description)) return 'other';
  if (VIRTUAL_DESCRIPTION.test(description)) return 'virtual';
  if (/ethernet/iu.test(header)) return 'wired';
  return 'other';
}

export function parseIpconfigAll(text: string): WindowsNetwork {
  const all = blocks(text);
  const globalEntries = all.filter((b) => !/adapter|carte|-adapter/iu.test(b.header)).flatMap((b) => b.entries);
  const find = (entries: readonly Entry[], keys: readonly string[]): Entry | undefined => entries.find((e) => keys.includes(e.key));
  const interfaces: NetworkInterface[] = [];
  const defaultGateways: Gateway[] = [];
  const servers: string[] = [];
  const search = [...(find(globalEntries, KEYS.search)?.values ?? [])];
  for (const block of all.filter((b) => /adapter|carte/iu.test(b.header))) {
    const e = block.entries;
    const name = adapterName(block.header);
    const description = find(e, KEYS.description)?.values[0] ?? '';
    const up = find(e, KEYS.media) === undefined;
    const masks = (find(e, KEYS.mask)?.values ?? []).map(bare);
    const ipv4Values = e.filter((x) => /ipv4|^ip address$|^adresse ip$|^ip-adresse$/u.test(x.key) && !/ipv6/u.test(x.key)).flatMap((x) => x.values.map(bare)).filter(isIpv4);
    const ipv6Values = e.filter((x) => /ipv6/u.test(x.key) && !/dhcp|duid|iaid/u.test(x.key)).flatMap((x) => x.values.map(bare)).filter(isIpv6);
    const dhcp = find(e, KEYS.dhcp)?.values[0];
    interfaces.push({
      name,
      displayName: description === '' ? null : description,
      kind: kindOf(block.header, description),
      mac: normalizeMac(find(e, KEYS.mac)?.values[0]),
      up,
      dhcp: dhcp === undefined ? null : YES.test(dhcp),
      speedMbps: null,
      mtu: null,
      ipv4: ipv4Values.map((address, i) => ({ address, prefixLength: masks[i] === undefined ? null : prefixFromNetmask(masks[i] ?? '') })),
      ipv6: ipv6Values.map((address) => ({ address, prefixLength: null })),
    });
    for (const g of find(e, KEYS.gateway)?.values.map(bare) ?? []) {
      if (isIpv4(g)) defaultGateways.push({ address: g, interface: name, family: 'ipv4', metric: null });
      else if (isIpv6(g)) defaultGateways.push({ address: g, interface: name, family: 'ipv6', metric: null });
    }
    if (up) {
      servers.push(...(find(e, KEYS.dns)?.values.map((v) => v.trim()) ?? []).filter((v) => (isIpv4(v) || isIpv6(stripZone(v))) && !/^fec0:0:0:ffff::[123](%\d+)?$/iu.test(v)));
      const suffix = find(e, KEYS.suffix)?.values[0];
      if (suffix !== undefined && suffix !== '') search.push(suffix);
    }
  }
  return { interfaces, defaultGateways, dns: { servers: [...new Set(servers)], searchDomains: [...new Set(search)] } };
}
