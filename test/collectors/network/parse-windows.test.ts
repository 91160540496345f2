import { describe, expect, it } from 'vitest';

import { ParseError } from '../../../collectors/network/parse-error.js';
import { parseIpconfigAll } from '../../../collectors/network/parse-ipconfig.js';
import { parseNetshWlanInterfaces } from '../../../collectors/network/parse-netsh-wlan.js';
import { parseWindowsNetwork, readWindowsNetworkJson } from '../../../collectors/network/parse-windows-network.js';
import { parseInternetSettings, parseNetshWinHttp } from '../../../collectors/network/parse-windows-proxy.js';
import { readFixture } from '../fake-system.js';

describe('parseWindowsNetwork (German Windows 11)', () => {
  const net = parseWindowsNetwork(readWindowsNetworkJson(readFixture('windows/network/network-win11-de.json')));
  const get = (name: string) => net.interfaces.find((i) => i.name === name);

  it('types every adapter', () => {
    expect(net.interfaces.map((i) => [i.name, i.kind, i.up])).toEqual([
      ['Ethernet', 'wired', true],
      ['WLAN', 'wireless', true],
      ['vEthernet (WSL)', 'virtual', true],
      ['Firmen-VPN', 'vpn', true],
      ['Bluetooth-Netzwerkverbindung', 'other', false],
      ['Mobilfunk', 'cellular', false],
    ]);
  });

  it('joins addresses, DHCP, MTU and speed on the interface index', () => {
    expect(get('WLAN')).toEqual({
      name: 'WLAN',
      displayName: 'Intel(R) Wi-Fi 6E AX211 160MHz',
      kind: 'wireless',
      mac: 'f4:26:79:aa:bb:cc',
      up: true,
      dhcp: true,
      speedMbps: 1201,
      mtu: 1500,
      ipv4: [{ address: '192.168.178.34', prefixLength: 24 }],
      ipv6: [{ address: '2003:e1:af12:3400:1d2c:3b4a:5968:7788', prefixLength: 128 }],
    });
    expect(get('Ethernet')?.ipv6).toEqual([{ address: 'fe80::4d2c:1a2b:3c4d:5e6f', prefixLength: 64 }]);
    expect(get('vEthernet (WSL)')).toMatchObject({ dhcp: false, ipv4: [{ address: '172.29.96.1', prefixLength: 20 }] });
    expect(get('Firmen-VPN')).toMatchObject({ dhcp: false, mtu: 1400 });
    expect(get('Mobilfunk')).toMatchObject({ mac: null, speedMbps: null, dhcp: null });
  });

  it('orders default gateways by effective metric and skips on-link routes', () => {
    expect(net.defaultGateways).toEqual([
      { address: '10.20.28.1', interface: 'Ethernet', family: 'ipv4', metric: 25 },
      { address: '192.168.178.1', interface: 'WLAN', family: 'ipv4', metric: 35 },
      { address: 'fe80::3a10:d5ff:fe01:0203', interface: 'WLAN', family: 'ipv6', metric: 291 },
    ]);
  });

  it('takes DNS of connected adapters, without the fec0 placeholders', () => {
    expect(net.dns).toEqual({
      servers: ['10.20.0.10', '10.20.0.11', '192.168.178.1', 'fd00::3a10:d5ff:fe01:203'],
      searchDomains: ['firma.example.de', 'fritz.box'],
    });
  });

  it('rejects garbage with a clear error', () => {
    expect(() => readWindowsNetworkJson('Get-NetAdapter : Zugriff verweigert')).toThrow(ParseError);
    expect(() => readWindowsNetworkJson('[1,2]')).toThrow(/expected one JSON object/);
    expect(parseWindowsNetwork({})).toEqual({ interfaces: [], defaultGateways: [], dns: { servers: [], searchDomains: [] } });
  });
});

describe('parseIpconfigAll', () => {
  it('reads English ipconfig /all (Windows 7)', () => {
    const net = parseIpconfigAll(readFixture('windows/network/ipconfig-all-windows-7-en.txt'));
    expect(net.interfaces.map((i) => [i.name, i.kind, i.up, i.dhcp])).toEqual([
      ['Local Area Connection', 'wired', true, true],
      ['Wireless Network Connection', 'wireless', false, true],
      ['isatap.corp.example.com', 'virtual', false, false],
    ]);
    expect(net.interfaces[0]).toMatchObject({
      displayName: 'Intel(R) 82579LM Gigabit Network Connection',
      mac: '00:1e:4f:aa:bb:cc',
      ipv4: [{ address: '10.1.2.34', prefixLength: 24 }],
      ipv6: [{ address: 'fe80::5d2a:1b3c:4d5e:6f70', prefixLength: null }],
    });
    expect(net.interfaces[2]?.mac).toBeNull();
    expect(net.defaultGateways).toEqual([{ address: '10.1.2.1', interface: 'Local Area Connection', family: 'ipv4', metric: null }]);
    expect(net.dns).toEqual({ servers: ['10.1.0.5', '10.1.0.6'], searchDomains: ['corp.example.com', 'example.com'] });
  });

  it('reads French ipconfig /all', () => {
    const net = parseIpconfigAll(readFixture('windows/network/ipconfig-all-windows-10-fr.txt'));
    expect(net.interfaces.map((i) => [i.name, i.kind, i.up, i.dhcp, i.mac])).toEqual([
      ['Wi-Fi', 'wireless', true, true, '70:9c:d1:12:34:56'],
      ['Ethernet', 'wired', false, true, '30:9c:23:ab:cd:ef'],
    ]);
    expect(net.interfaces[0]?.ipv4).toEqual([{ address: '192.168.1.17', prefixLength: 24 }]);
    expect(net.defaultGateways.map((g) => g.address)).toEqual(['192.168.1.254']);
    expect(net.dns).toEqual({ servers: ['192.168.1.254'], searchDomains: ['home'] });
  });

  it('reads German ipconfig /all, gateways continued on a second line', () => {
    const net = parseIpconfigAll(readFixture('windows/network/ipconfig-all-windows-11-de.txt'));
    expect(net.interfaces).toEqual([
      {
        name: 'Ethernet',
        displayName: 'Intel(R) Ethernet Connection (7) I219-V',
        kind: 'wired',
        mac: '10:7b:44:aa:bb:cc',
        up: true,
        dhcp: true,
        speedMbps: null,
        mtu: null,
        ipv4: [{ address: '192.168.178.20', prefixLength: 24 }],
        ipv6: [
          { address: '2003:e1:af12:3400::1a2b', prefixLength: null },
          { address: 'fe80::1c2d:3e4f:5a6b:7c8d', prefixLength: null },
        ],
      },
      expect.objectContaining({ name: 'WLAN', kind: 'wireless', up: false }),
    ]);
    expect(net.defaultGateways.map((g) => [g.address, g.family])).toEqual([
      ['fe80::3a10:d5ff:fe01:203', 'ipv6'],
      ['192.168.178.1', 'ipv4'],
    ]);
    expect(net.dns).toEqual({ servers: ['fd00::3a10:d5ff:fe01:203', '192.168.178.1'], searchDomains: ['fritz.box'] });
  });

  it('returns nothing for empty output', () => {
    expect(parseIpconfigAll('')).toEqual({ interfaces: [], defaultGateways: [], dns: { servers: [], searchDomains: [] } });
  });
});

describe('parseNetshWlanInterfaces', () => {
  it('reads English (Windows 11, 6 GHz) and derives dBm from the documented quality scale', () => {
    expect(parseNetshWlanInterfaces(readFixture('windows/network/netsh-wlan-show-interfaces-en-win11.txt'))).toEqual([
      {
        interface: 'Wi-Fi',
        ssid: 'Corp-WLAN',
        bssid: '3a:10:d5:01:02:03',
        signalDbm: -54,
        signalPercent: 92,
        channel: 37,
        band: '6GHz',
        security: 'WPA3-Enterprise',
        txRateMbps: 2401.9,
      },
    ]);
  });

  it('reads Chinese and skips the disconnected interface', () => {
    expect(parseNetshWlanInterfaces(readFixture('windows/network/netsh-wlan-show-interfaces-zh.txt'))).toEqual([
      {
        interface: 'WLAN',
        ssid: '办公室网络',
        bssid: '48:7d:2e:aa:bb:cc',
        signalDbm: -62,
        signalPercent: 76,
        channel: 149,
        band: '5GHz',
        security: 'WPA2 - 个人',
        txRateMbps: 650,
      },
    ]);
  });

  it('reports no connection when disconnected or when the service is stopped', () => {
    expect(parseNetshWlanInterfaces(readFixture('windows/network/netsh-wlan-show-interfaces-de-disconnected.txt'))).toEqual([]);
    expect(parseNetshWlanInterfaces(readFixture('windows/network/netsh-wlan-service-stopped-en.txt'))).toEqual([]);
    expect(parseNetshWlanInterfaces('')).toEqual([]);
    expect(parseNetshWlanInterfaces(readFixture('windows/network/netsh-wlan-location-denied-en.txt'))).toEqual([]);
  });
});

describe('Windows proxy', () => {
  it('reads netsh winhttp in any language by position', () => {
    expect(parseNetshWinHttp(readFixture('windows/network/netsh-winhttp-direct-en.txt'))).toEqual({ direct: true, server: null, bypass: [] });
    expect(parseNetshWinHttp(readFixture('windows/network/netsh-winhttp-proxy-fr.txt'))).toEqual({
      direct: false,
      server: 'proxy.corp.example.com:8080',
      bypass: ['<local>', '*.corp.example.com'],
    });
    expect(parseNetshWinHttp(readFixture('windows/network/netsh-winhttp-proxy-de.txt'))).toEqual({
      direct: false,
      server: 'http=proxy.firma.example.de:3128;https=proxy.firma.example.de:3129',
      bypass: [],
    });
    expect(parseNetshWinHttp('')).toBeNull();
  });

  it('reads Internet Settings: PAC first, then manual, then WPAD', () => {
    const json = readWindowsNetworkJson(readFixture('windows/network/network-win11-de.json')) as { InternetSettings: Record<string, unknown>[] };
    expect(parseInternetSettings(json.InternetSettings[0] ?? null, null)).toEqual({
      mode: 'manual',
      server: 'proxy.firma.example.de:8080',
      pacUrl: null,
      bypass: ['*.firma.example.de', '<local>'],
      winHttp: null,
      source: 'HKCU Internet Settings',
    });
    expect(parseInternetSettings({ ProxyEnable: 1, ProxyServer: 'p:1', AutoConfigURL: 'http://u:p@wpad/x.pac' }, { direct: true, server: null, bypass: [] })).toMatchObject({
      mode: 'pac',
      pacUrl: 'http://wpad/x.pac',
      winHttp: { direct: true },
    });
    expect(parseInternetSettings({ ProxyEnable: 0, AutoDetect: 1 }, null).mode).toBe('auto-detect');
    expect(parseInternetSettings({ ProxyEnable: 0 }, null).mode).toBe('none');
    expect(parseInternetSettings(null, null).mode).toBe('unknown');
  });
});
