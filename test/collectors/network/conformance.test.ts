import { describe, expect, it } from 'vitest';

import { netmaskFromPrefix, normalizeMac } from '../../../collectors/network/addresses.js';
import { macInterfaces, parseHardwarePorts, parseIfconfig } from '../../../collectors/network/parse-ifconfig.js';
import { parseIpconfigAll } from '../../../collectors/network/parse-ipconfig.js';
import { parseAirportInfo, parseSpAirport } from '../../../collectors/network/parse-mac-wifi.js';
import { parseNetshWlanInterfaces } from '../../../collectors/network/parse-netsh-wlan.js';
import { parseNetstatRoutes } from '../../../collectors/network/parse-netstat-routes.js';
import { readExpected, readShared, sharedExists, sharedFixturesPresent } from '../software/shared-fixtures.js';

/*
 * Conformance over real captures (../shared/fixtures/*\/network), compared with what their source
 * projects' tests assert, on the fields Deskside produces. Not read here because Deskside does not read
 * those formats: `route print`, `netsh wlan show networks`, wmic .wmi tables (CIM comes through
 * PowerShell JSON), `airport -s` (neighbouring networks are not inventory), the airport preferences
 * plist, and captures without an expected file.
 */

interface GlpiNetwork {
  readonly DESCRIPTION: string;
  readonly MACADDR?: string;
  readonly MTU?: number;
  readonly STATUS?: string;
  readonly IPADDRESS?: string;
  readonly IPMASK?: string;
  readonly IPADDRESS6?: string;
}

const MAC_SAMPLES = ['imac-27-intel-2019-macos-10.14.6', 'macbook-m1-pro-2021-macos-14.5', 'macbook-pro-16-intel-2019-catalina'];

describe.skipIf(!sharedFixturesPresent)('network conformance on real captures', () => {
  it.each(MAC_SAMPLES)('ifconfig + networksetup (%s): names, MACs, MTU, addresses, link up', (sample) => {
    const ifconfig = parseIfconfig(readShared(`macos/network/ifconfig-${sample}.txt`));
    const ports = parseHardwarePorts(readShared(`macos/network/networksetup-listallhardwareports-${sample}.txt`));
    const ours = macInterfaces(ifconfig, ports);
    const expected = readExpected<GlpiNetwork[]>(`macos/network/ifconfig-${sample}.expected.json`);
    let compared = 0;
    for (const e of expected) {
      const mine = ours.find((i) => (i.displayName ?? i.name) === e.DESCRIPTION);
      if (mine === undefined) {
        // The peer also lists hardware ports whose device is absent (an unplugged adapter); Deskside
        // reports the interfaces that exist.
        const device = [...ports].find(([, port]) => port === e.DESCRIPTION)?.[0];
        expect(device, e.DESCRIPTION).toBeDefined();
        expect(ifconfig.some((i) => i.name === device)).toBe(false);
        continue;
      }
      compared += 1;
      expect(mine.mac, e.DESCRIPTION).toBe(normalizeMac(e.MACADDR));
      expect(mine.mtu, e.DESCRIPTION).toBe(e.MTU ?? null);
      if (e.IPADDRESS !== undefined) {
        const v4 = mine.ipv4.find((a) => a.address === e.IPADDRESS);
        expect(v4, e.DESCRIPTION).toBeDefined();
        if (e.IPMASK !== undefined) expect(netmaskFromPrefix(v4?.prefixLength ?? -1)).toBe(e.IPMASK);
      }
      if (e.IPADDRESS6 !== undefined) expect(mine.ipv6.map((a) => a.address), e.DESCRIPTION).toContain(e.IPADDRESS6);
      // The peer calls a link up only from "status: active"; Deskside also from UP+RUNNING where the
      // driver prints no status (loopback, tunnels), so only the peer's "Up" is binding.
      if (e.STATUS === 'Up') expect(mine.up, e.DESCRIPTION).toBe(true);
    }
    expect(compared).toBeGreaterThan(expected.length / 2);
  });

  it('airport -I (macOS 10.14.6)', () => {
    const e = readExpected<Record<string, string | number>>('macos/network/airport-I-osx-10.14.6.expected.json');
    expect(parseAirportInfo(readShared('macos/network/airport-I-osx-10.14.6.txt'), 'en0')).toEqual({
      interface: 'en0',
      ssid: e['ssid'],
      bssid: e['bssid'],
      signalDbm: e['agrctlrssi'],
      signalPercent: null,
      channel: Number(String(e['channel']).split(',')[0]),
      band: '5GHz',
      security: e['link_auth'],
      txRateMbps: e['lasttxrate'],
    });
  });

  it.each(['10.15.7', '15.5'])('system_profiler SPAirPortDataType (macOS %s): the current network', (version) => {
    const file = `macos/network/system_profiler-SPAirPortDataType-json-macos-${version}`;
    const e = readExpected<{ interface: string; 'current[0]': Record<string, string | number> }>(`${file}.expected.json`);
    const current = e['current[0]'];
    const wifi = parseSpAirport(readShared(`${file}.json`));
    expect(wifi.map((w) => w.interface)).toEqual([e.interface]);
    expect(wifi[0]).toEqual({
      interface: e.interface,
      ssid: current['ssid'],
      bssid: current['bssid'] === '' ? null : current['bssid'],
      signalDbm: current['rssi'],
      signalPercent: null,
      channel: current['channel'],
      band: current['band'] === 2.4 ? '2.4GHz' : current['band'] === 5 ? '5GHz' : '6GHz',
      security: String(current['security']).toLowerCase(),
      txRateMbps: current['txRate'],
    });
  });

  it.each(['en', 'de', 'es', 'fr', 'it'])('netsh wlan show interfaces (%s)', (lang) => {
    const file = `windows/network/netsh-wlan-show-interfaces-${lang}`;
    const e = readExpected<Record<string, string | number>>(`${file}.expected.json`);
    const wifi = parseNetshWlanInterfaces(readShared(`${file}.txt`));
    expect(wifi).toHaveLength(1);
    // The peer derives its rssi with its own formula; Deskside uses the documented WLAN quality scale.
    expect({ ...wifi[0], signalDbm: undefined, bssid: wifi[0]?.bssid?.replaceAll(':', '') }).toEqual({
      interface: e['name'],
      ssid: e['ssid'],
      bssid: e['bssid'],
      signalDbm: undefined,
      signalPercent: e['signalStrength'],
      channel: e['channel'],
      band: e['band'] === 2.4 ? '2.4GHz' : e['band'] === 5 ? '5GHz' : '6GHz',
      security: e['security'],
      txRateMbps: e['txRate'],
    });
  });

  interface JcAdapter {
    readonly name: string;
    readonly description: string | null;
    readonly physical_address: string | null;
    readonly media_state: string | null;
    readonly dhcp_enabled: boolean | null;
    readonly ipv4: readonly string[];
    readonly ipv6: readonly string[];
    readonly link_local_ipv6: readonly { readonly address: string }[];
    readonly default_gateways: readonly string[];
    readonly dns_servers: readonly string[];
  }
  const IPCONFIG = ['windows-xp', 'windows-7', 'windows-2016', 'windows-10-tailscale', 'windows-11'].filter((s) => sharedExists(`windows/network/ipconfig-all-${s}.txt`));

  it.each(IPCONFIG)('ipconfig /all (%s): adapters, addresses, gateways, DNS', (sample) => {
    const net = parseIpconfigAll(readShared(`windows/network/ipconfig-all-${sample}.txt`));
    const e = readExpected<{ dns_suffix_search_list: string[]; adapters: JcAdapter[] }>(`windows/network/ipconfig-all-${sample}.expected.json`);
    expect(net.interfaces.map((i) => i.name)).toEqual(e.adapters.map((a) => a.name));
    e.adapters.forEach((a, n) => {
      const mine = net.interfaces[n];
      expect(mine?.displayName ?? null, a.name).toBe(a.description);
      expect(mine?.mac, a.name).toBe(normalizeMac(a.physical_address));
      expect(mine?.up, a.name).toBe(a.media_state === null);
      expect(mine?.dhcp, a.name).toBe(a.dhcp_enabled);
      expect(mine?.ipv4.map((x) => `${x.address}/${x.prefixLength === null ? '' : netmaskFromPrefix(x.prefixLength)}`), a.name).toEqual(a.ipv4);
      // The transcription keeps a subset of jc's keys (no temporary addresses), which Deskside also lists.
      const v6 = mine?.ipv6.map((x) => x.address) ?? [];
      for (const address of [...a.ipv6, ...a.link_local_ipv6.map((l) => l.address)]) expect(v6, a.name).toContain(address);
      expect(net.defaultGateways.filter((g) => g.interface === a.name).map((g) => g.address), a.name).toEqual(a.default_gateways);
    });
    // Deskside reports the DNS servers of connected adapters, without Windows' fec0::/10 placeholders.
    const servers = e.adapters
      .filter((a) => a.media_state === null)
      .flatMap((a) => a.dns_servers)
      .filter((s) => !/^fec0:0:0:ffff::[123](%\d+)?$/iu.test(s));
    expect(net.dns.servers).toEqual([...new Set(servers)]);
    for (const domain of e.dns_suffix_search_list) expect(net.dns.searchDomains).toContain(domain);
  });

  // Captures without an expected file: nothing in them may be lost or misread as something else.
  it.each(['ifconfig-a-macos-26.6.2-vm.txt', 'ifconfig-macbook-m1-pro-2021-macos-14.5.txt'])('%s: one interface per header', (file) => {
    const text = readShared(`macos/network/${file}`);
    const headers = text.split(/\r?\n/u).filter((l) => /^[a-z][\w.-]*: flags=/iu.test(l)).length;
    expect(parseIfconfig(text)).toHaveLength(headers);
  });

  it.each(['netstat-rn-macos-10.12.6.txt', 'netstat-rn-macos-26.6.2-vm.txt'])('%s: every default route through an address', (file) => {
    const text = readShared(`macos/network/${file}`);
    // Column positions differ between macOS versions (10.12 adds Refs and Use): read them per table.
    let netif = 3;
    const rows: string[][] = [];
    for (const line of text.split(/\r?\n/u)) {
      const cells = line.trim().split(/\s+/u);
      if (cells[0] === 'Destination') netif = cells.indexOf('Netif');
      else if (cells[0] === 'default' && /^[0-9a-f.:]+(%\S+)?$/iu.test(cells[1] ?? '') && (cells[2] ?? '').includes('G')) rows.push([cells[netif] ?? '']);
    }
    const gateways = parseNetstatRoutes(text);
    expect(gateways.length).toBe(rows.length);
    expect(gateways.length).toBeGreaterThan(0);
    expect(gateways.map((g) => g.interface)).toEqual(rows.map((r) => r[0]));
  });
});
