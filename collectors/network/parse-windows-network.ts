import type { NetworkInterface } from '@deskside/shared/inventory';

import { isIpv4, isIpv6, normalizeMac, numberFrom, stripZone } from './addresses.js';
import type { Gateway } from './gateway.js';
import { VIRTUAL_DESCRIPTION, VPN_DESCRIPTION, type InterfaceKind } from './interface-kind.js';
import { ParseError } from './parse-error.js';
import type { DnsSettings } from './parse-resolv.js';

type Rec = Readonly<Record<string, unknown>>;

const asRecord = (v: unknown): Rec | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : null);
const records = (v: unknown): Rec[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).map(asRecord).filter((r): r is Rec => r !== null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/u.test(v) ? Number(v) : null);

// CIM enums arrive as names when the script stringified them, as numbers when it did not.
const family = (v: unknown): 'ipv4' | 'ipv6' | null => (v === 'IPv4' || v === 2 ? 'ipv4' : v === 'IPv6' || v === 23 ? 'ipv6' : null);
const enabled = (v: unknown): boolean | null => (v === 'Enabled' || v === 1 || v === true ? true : v === 'Disabled' || v === 0 || v === false ? false : null);

/** IANA ifType values Get-NetAdapter reports in InterfaceType. */
const IF_TYPE = { ethernet: 6, ppp: 23, loopback: 24, wifi: 71, tunnel: 131, wwanPp: 243, wwanPp2: 244 } as const;

function kindOf(a: Rec): InterfaceKind {
  const description = `${str(a['InterfaceDescription']) ?? ''} ${str(a['Name']) ?? ''}`;
  const ifType = int(a['InterfaceType']);
  const medium = `${str(a['PhysicalMediaType']) ?? ''} ${str(a['MediaType']) ?? ''}`;
  if (ifType === IF_TYPE.loopback) return 'loopback';
  if (VPN_DESCRIPTION.test(description) || ifType === IF_TYPE.ppp) return 'vpn';
  if (ifType === IF_TYPE.wifi || /802\.11/u.test(medium) || int(a['NdisPhysicalMedium']) === 9) return 'wireless';
  if (ifType === IF_TYPE.wwanPp || ifType === IF_TYPE.wwanPp2 || /wireless wan|mobile broadband/iu.test(medium)) return 'cellular';
  if (/network bridge|mac bridge/iu.test(description)) return 'bridge';
  if (/bluetooth/iu.test(`${medium} ${description}`)) return 'other';
  if (a['Virtual'] === true || a['HardwareInterface'] === false || VIRTUAL_DESCRIPTION.test(description) || ifType === IF_TYPE.tunnel) return 'virtual';
  if (ifType === IF_TYPE.ethernet || /802\.3/u.test(medium)) return 'wired';
  return 'other';
}

/** The JSON our network script prints; each part is an array of projected CIM objects. */
export interface WindowsNetworkJson {
  readonly Adapters?: unknown;
  readonly Addresses?: unknown;
  readonly IpInterfaces?: unknown;
  readonly Routes?: unknown;
  readonly DnsServers?: unknown;
  readonly DnsGlobal?: unknown;
  readonly DnsClients?: unknown;
}

export interface WindowsNetwork {
  readonly interfaces: NetworkInterface[];
  readonly defaultGateways: Gateway[];
  readonly dns: DnsSettings;
}

/** Reads the script's output; throws ParseError for anything that is not its JSON object. */
export function readWindowsNetworkJson(text: string): WindowsNetworkJson {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch {
    throw new ParseError(`network script: output is not JSON (starts with ${JSON.stringify(text.trim().slice(0, 40))})`);
  }
  const root = asRecord(value);
  if (root === null) throw new ParseError('network script: expected one JSON object');
  return root;
}

/**
 * Builds interfaces, default gateways and DNS from Get-NetAdapter, Get-NetIPAddress, Get-NetIPInterface,
 * Get-NetRoute, Get-DnsClientServerAddress, Get-DnsClient and Get-DnsClientGlobalSetting, joined on
 * the interface index. The route metric reported is the effective one (route + interface metric).
 */
export function parseWindowsNetwork(json: WindowsNetworkJson): WindowsNetwork {
  const addresses = records(json.Addresses);
  const ipInterfaces = records(json.IpInterfaces);
  const ipIf = (index: number | null, fam: 'ipv4' | 'ipv6'): Rec | undefined =>
    ipInterfaces.find((i) => int(i['InterfaceIndex']) === index && family(i['AddressFamily']) === fam);

  const interfaces: NetworkInterface[] = [];
  for (const a of records(json.Adapters)) {
    const name = str(a['Name']);
    if (name === null) continue;
    const index = int(a['ifIndex']) ?? int(a['InterfaceIndex']);
    const status = str(a['Status']);
    const up = status === null ? null : status === 'Up';
    const own = addresses.filter((x) => int(x['InterfaceIndex']) === index);
    const list = (fam: 'ipv4' | 'ipv6') =>
      own
        .filter((x) => family(x['AddressFamily']) === fam)
        .map((x) => ({ address: stripZone(str(x['IPAddress']) ?? ''), prefixLength: int(x['PrefixLength']) }))
        .filter((x) => (fam === 'ipv4' ? isIpv4(x.address) : isIpv6(x.address)));
    const bps = numberFrom(a['Speed']) ?? numberFrom(a['ReceiveLinkSpeed']);
    const v4 = ipIf(index, 'ipv4');
    interfaces.push({
      name,
      displayName: str(a['InterfaceDescription']),
      kind: kindOf(a),
      mac: normalizeMac(a['MacAddress']),
      up,
      dhcp: v4 === undefined ? null : enabled(v4['Dhcp']),
      speedMbps: up === true && bps !== null && bps > 0 ? Math.round(bps / 1e4) / 100 : null,
      mtu: int(v4?.['NlMtu']) ?? int(a['MtuSize']),
      ipv4: list('ipv4'),
      ipv6: list('ipv6'),
    });
  }

  const defaultGateways: Gateway[] = [];
  for (const r of records(json.Routes)) {
    const fam = family(r['AddressFamily']) ?? (str(r['DestinationPrefix']) === '::/0' ? 'ipv6' : 'ipv4');
    const hop = stripZone(str(r['NextHop']) ?? '');
    // 0.0.0.0 / :: as next hop means on-link (VPN adapters): no router to report.
    if (hop === '0.0.0.0' || hop === '::' || !(fam === 'ipv4' ? isIpv4(hop) : isIpv6(hop))) continue;
    const index = int(r['InterfaceIndex']);
    const routeMetric = int(r['RouteMetric']);
    const ifMetric = int(ipIf(index, fam)?.['InterfaceMetric']);
    defaultGateways.push({
      address: hop,
      interface: str(r['InterfaceAlias']) ?? str(records(json.Adapters).find((a) => int(a['ifIndex']) === index)?.['Name']),
      family: fam,
      metric: routeMetric === null ? null : routeMetric + (ifMetric ?? 0),
    });
  }
  defaultGateways.sort((x, y) => (x.metric ?? Number.MAX_SAFE_INTEGER) - (y.metric ?? Number.MAX_SAFE_INTEGER));

  // DNS of the adapters that are up, in gateway order: what name resolution actually uses.
  const upIndexes = records(json.Adapters)
    .filter((a) => str(a['Status']) === 'Up')
    .map((a) => int(a['ifIndex']) ?? int(a['InterfaceIndex']));
  const servers: string[] = [];
  for (const d of records(json.DnsServers)) {
    if (!upIndexes.includes(int(d['InterfaceIndex']))) continue;
    const list = Array.isArray(d['ServerAddresses']) ? d['ServerAddresses'] : [d['ServerAddresses']];
    for (const s of list) {
      const address = str(s);
      // fec0:0:0:ffff::1..3 are the deprecated site-local placeholders Windows shows when IPv6 DNS is unset.
      if (address !== null && (isIpv4(address) || isIpv6(address)) && !/^fec0:0:0:ffff::[123](%\d+)?$/iu.test(address)) servers.push(address);
    }
  }
  const globalSearch = records(json.DnsGlobal).flatMap((g) => (Array.isArray(g['SuffixSearchList']) ? g['SuffixSearchList'] : [g['SuffixSearchList']]));
  const suffixes = records(json.DnsClients)
    .filter((c) => upIndexes.includes(int(c['InterfaceIndex'])))
    .map((c) => c['ConnectionSpecificSuffix']);
  const searchDomains = [...globalSearch, ...suffixes].map(str).filter((s): s is string => s !== null);
  return { interfaces, defaultGateways, dns: { servers: [...new Set(servers)], searchDomains: [...new Set(searchDomains)] } };
}
