import { describe, expect, it } from 'vitest';

import { ParseError } from '../../../collectors/network/parse-error.js';
import { macInterfaces, parseHardwarePorts, parseIfconfig, parseNetworksetupInfo } from '../../../collectors/network/parse-ifconfig.js';
import { parseAirportInfo, parseSpAirport, securityFromMode } from '../../../collectors/network/parse-mac-wifi.js';
import { parseNetstatRoutes } from '../../../collectors/network/parse-netstat-routes.js';
import { parseScutilDns, parseScutilProxy } from '../../../collectors/network/parse-scutil.js';
import { readFixture } from '../fake-system.js';

describe('ifconfig and hardware ports', () => {
  const ports = parseHardwarePorts(readFixture('macos/network/networksetup-listallhardwareports-macos-14.txt'));
  const ifaces = macInterfaces(parseIfconfig(readFixture('macos/network/ifconfig-a-macos-14.txt')), ports);
  const get = (name: string) => ifaces.find((i) => i.name === name);

  it('maps devices to hardware port names', () => {
    expect([...ports]).toEqual([
      ['en5', 'USB 10/100/1000 LAN'],
      ['bridge0', 'Thunderbolt Bridge'],
      ['en0', 'Wi-Fi'],
      ['en1', 'Thunderbolt 1'],
    ]);
  });

  it('types every interface', () => {
    expect(ifaces.map((i) => [i.name, i.kind, i.up])).toEqual([
      ['lo0', 'loopback', true],
      ['gif0', 'virtual', false],
      ['stf0', 'virtual', false],
      ['anpi0', 'virtual', false],
      ['en0', 'wireless', true],
      ['en5', 'wired', true],
      ['en1', 'wired', false],
      ['bridge0', 'bridge', false],
      ['awdl0', 'virtual', true],
      ['utun0', 'vpn', true],
      ['utun4', 'vpn', true],
    ]);
  });

  it('reads addresses with prefixes, MACs with dropped zeros, media speed and a wrapped mtu', () => {
    expect(get('en0')).toEqual({
      name: 'en0',
      displayName: 'Wi-Fi',
      kind: 'wireless',
      mac: 'a4:83:e7:01:02:03',
      up: true,
      dhcp: null,
      speedMbps: null,
      mtu: 1500,
      ipv4: [{ address: '192.168.1.23', prefixLength: 24 }],
      ipv6: [
        { address: 'fe80::1c2b:3d4e:5f60:7182', prefixLength: 64 },
        { address: '2a01:e0a:1:2:1c2b:3d4e:5f60:7182', prefixLength: 64 },
      ],
    });
    expect(get('en5')).toMatchObject({ speedMbps: 1000, ipv4: [{ address: '10.20.30.41', prefixLength: 22 }] });
    expect(get('en1')?.mtu).toBe(1500);
    expect(get('utun4')?.ipv4).toEqual([{ address: '10.212.134.7', prefixLength: 32 }]);
    expect(get('lo0')?.mac).toBeNull();
  });

  it('returns nothing for empty output or garbage', () => {
    expect(parseIfconfig('')).toEqual([]);
    expect(parseIfconfig('ifconfig: command not found')).toEqual([]);
    expect(parseHardwarePorts('')).toEqual(new Map());
  });

  it('reads DHCP from the service configuration', () => {
    expect(parseNetworksetupInfo(readFixture('macos/network/networksetup-getinfo-wifi.txt'))).toBe(true);
    expect(parseNetworksetupInfo(readFixture('macos/network/networksetup-getinfo-manual.txt'))).toBe(false);
    expect(parseNetworksetupInfo('Manually Using DHCP Router Configuration\nIP address: 10.0.0.2')).toBe(false);
    expect(parseNetworksetupInfo('** Error: The parameters were not valid.')).toBeNull();
  });
});

describe('parseNetstatRoutes', () => {
  it('keeps default routes through a router', () => {
    expect(parseNetstatRoutes(readFixture('macos/network/netstat-rn-macos-14.txt'))).toEqual([
      { address: '192.168.1.1', interface: 'en0', family: 'ipv4', metric: null },
      { address: '10.20.28.1', interface: 'en5', family: 'ipv4', metric: null },
      { address: 'fe80::a2b1:c2ff:fed3:e4f5', interface: 'en0', family: 'ipv6', metric: null },
      { address: 'fe80::', interface: 'utun0', family: 'ipv6', metric: null },
    ]);
    expect(parseNetstatRoutes('')).toEqual([]);
  });
});

describe('scutil', () => {
  it('reads the general resolvers, not the domain-scoped ones', () => {
    expect(parseScutilDns(readFixture('macos/network/scutil-dns-macos-14.txt'))).toEqual({
      servers: ['192.168.1.1', 'fd00::1'],
      searchDomains: ['home.arpa', 'corp.example.com'],
    });
    expect(parseScutilDns('No DNS configuration available')).toEqual({ servers: [], searchDomains: [] });
  });

  it('reads manual, PAC and no proxy', () => {
    expect(parseScutilProxy(readFixture('macos/network/scutil-proxy-manual.txt'))).toEqual({
      mode: 'manual',
      server: 'http=proxy.corp.example.com:3128;https=proxy.corp.example.com:3128',
      pacUrl: null,
      bypass: ['*.local', '169.254/16', '*.corp.example.com'],
      winHttp: null,
      source: 'scutil --proxy',
    });
    expect(parseScutilProxy(readFixture('macos/network/scutil-proxy-pac.txt'))).toMatchObject({ mode: 'pac', pacUrl: 'http://wpad.corp.example.com/wpad.dat', server: null });
    expect(parseScutilProxy(readFixture('macos/network/scutil-proxy-none.txt'))).toMatchObject({ mode: 'none', bypass: [] });
    expect(parseScutilProxy('')).toBeNull();
  });
});

describe('Wi-Fi on macOS', () => {
  it('reads system_profiler with a redacted SSID and no BSSID (macOS 14+)', () => {
    expect(parseSpAirport(readFixture('macos/network/system_profiler-SPAirPortDataType-macos-14-redacted.json'))).toEqual([
      {
        interface: 'en0',
        ssid: null,
        bssid: null,
        signalDbm: -47,
        signalPercent: null,
        channel: 149,
        band: '5GHz',
        security: 'WPA3 Transition',
        txRateMbps: 1201,
      },
    ]);
  });

  it('reads system_profiler with location access, and nothing when Wi-Fi is off', () => {
    expect(parseSpAirport(readFixture('macos/network/system_profiler-SPAirPortDataType-macos-13-located.json'))).toEqual([
      { interface: 'en0', ssid: 'Café du Coin', bssid: 'f4:92:bf:01:02:03', signalDbm: -61, signalPercent: null, channel: 6, band: '2.4GHz', security: 'none', txRateMbps: 144 },
    ]);
    expect(parseSpAirport(readFixture('macos/network/system_profiler-SPAirPortDataType-off.json'))).toEqual([]);
    expect(() => parseSpAirport('not json')).toThrow(ParseError);
    expect(securityFromMode('spairport_security_mode_wpa2_enterprise')).toBe('WPA2 Enterprise');
  });

  it('reads airport -I (macOS up to 14.3)', () => {
    expect(parseAirportInfo(readFixture('macos/network/airport-I-macos-12.txt'), 'en0')).toEqual({
      interface: 'en0',
      ssid: 'Bureau 5G',
      bssid: 'f4:92:bf:01:02:03',
      signalDbm: -54,
      signalPercent: null,
      channel: 36,
      band: '5GHz',
      security: 'wpa2-psk',
      txRateMbps: 867,
    });
    expect(parseAirportInfo(readFixture('macos/network/airport-I-off.txt'), 'en0')).toBeNull();
    expect(parseAirportInfo('', 'en0')).toBeNull();
  });
});
