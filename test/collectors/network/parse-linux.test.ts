import { describe, expect, it } from 'vitest';

import { bandFromFrequency, channelFromFrequency, isIpv6, normalizeMac, prefixFromNetmask } from '../../../collectors/network/addresses.js';
import { ParseError } from '../../../collectors/network/parse-error.js';
import { parseIpAddr, parseSysfsSpeed, type SysfsFacts } from '../../../collectors/network/parse-ip-addr.js';
import { parseEnvironmentFile, parseGsettingsProxy, proxyFromEnvironment, redactProxyUrl } from '../../../collectors/network/parse-linux-proxy.js';
import { mergeWifi, parseIwDev, parseIwLink, parseNmcliWifi, splitTerse } from '../../../collectors/network/parse-linux-wifi.js';
import { parseProcIpv6Route, parseProcNetRoute } from '../../../collectors/network/parse-proc-route.js';
import { parseResolvConf, parseResolvectlStatus } from '../../../collectors/network/parse-resolv.js';
import { interfacesFromSystemInformation } from '../../../collectors/network/parse-si-interfaces.js';
import { readFixture } from '../fake-system.js';

const facts = new Map<string, SysfsFacts>([
  ['enp0s31f6', { wireless: false, physical: true, speedMbps: null }],
  ['wlp0s20f3', { wireless: true, physical: true, speedMbps: null }],
  ['docker0', { wireless: false, physical: false, speedMbps: null }],
  ['veth1a2b3c', { wireless: false, physical: false, speedMbps: 10000 }],
  ['wwan0', { wireless: false, physical: true, speedMbps: null }],
  ['enx00e04c680001', { wireless: false, physical: true, speedMbps: 1000 }],
]);

describe('parseIpAddr', () => {
  const ifaces = parseIpAddr(readFixture('linux/network/ip-details-json-addr-laptop.json'), facts);
  const get = (name: string) => ifaces.find((i) => i.name === name);

  it('lists every named interface with its kind', () => {
    expect(ifaces.map((i) => [i.name, i.kind])).toEqual([
      ['lo', 'loopback'],
      ['enp0s31f6', 'wired'],
      ['wlp0s20f3', 'wireless'],
      ['docker0', 'bridge'],
      ['veth1a2b3c', 'virtual'],
      ['tun0', 'vpn'],
      ['wg0', 'vpn'],
      ['wwan0', 'cellular'],
      ['enx00e04c680001', 'wired'],
    ]);
  });

  it('reads addresses, DHCP from the dynamic flag, link state, speed and alias', () => {
    expect(get('wlp0s20f3')).toEqual({
      name: 'wlp0s20f3',
      displayName: null,
      kind: 'wireless',
      mac: '3c:58:c2:ab:cd:ef',
      up: true,
      dhcp: true,
      speedMbps: null,
      mtu: 1500,
      ipv4: [{ address: '192.168.1.42', prefixLength: 24 }],
      ipv6: [
        { address: '2a01:cb00:1234:5600:1c2d:3e4f:5a6b:7c8d', prefixLength: 64 },
        { address: 'fe80::9a1b:2c3d:4e5f:6a7b', prefixLength: 64 },
      ],
    });
    expect(get('enx00e04c680001')).toMatchObject({ displayName: 'Büro-Netz', dhcp: false, speedMbps: 1000, up: true });
    expect(get('enp0s31f6')).toMatchObject({ up: false, dhcp: null, ipv4: [] });
    expect(get('lo')).toMatchObject({ up: true, mac: null, dhcp: null });
    expect(get('tun0')).toMatchObject({ up: true, mac: null });
  });

  it('guesses kinds by name without sysfs facts', () => {
    expect(parseIpAddr(readFixture('linux/network/ip-details-json-addr-laptop.json')).find((i) => i.name === 'wlp0s20f3')?.kind).toBe('wireless');
  });

  it('accepts empty output and rejects garbage', () => {
    expect(parseIpAddr('')).toEqual([]);
    expect(() => parseIpAddr('Object "addr" is unknown')).toThrow(ParseError);
    expect(() => parseIpAddr('{"a":1}')).toThrow(/expected a list/);
  });

  it('reads sysfs speed', () => {
    expect(parseSysfsSpeed('1000\n')).toBe(1000);
    expect(parseSysfsSpeed('-1\n')).toBeNull();
    expect(parseSysfsSpeed(null)).toBeNull();
  });
});

describe('default routes from /proc', () => {
  it('keeps IPv4 default routes that are up and have a router, in the kernel\'s order, bytes read in host order', () => {
    expect(parseProcNetRoute(readFixture('linux/network/proc-net-route.txt'), true)).toEqual([
      { address: '10.20.28.1', interface: 'enx00e04c680001', family: 'ipv4', metric: 100 },
      { address: '192.168.1.1', interface: 'wlp0s20f3', family: 'ipv4', metric: 600 },
    ]);
    // A big-endian machine prints the same address the other way round.
    const bigEndian = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nen0\t00000000\tC0A80101\t0003\t0\t0\t0\t00000000\n';
    expect(parseProcNetRoute(bigEndian, false)).toEqual([{ address: '192.168.1.1', interface: 'en0', family: 'ipv4', metric: 0 }]);
    expect(parseProcNetRoute('', true)).toEqual([]);
    expect(() => parseProcNetRoute('garbage without columns\n', true)).toThrow(ParseError);
  });

  it('keeps IPv6 default routes with a next hop, leaves out unreachable entries and routes without a router', () => {
    expect(parseProcIpv6Route(readFixture('linux/network/proc-net-ipv6_route.txt'))).toEqual([
      { address: 'fe80::1', interface: 'wlp0s20f3', family: 'ipv6', metric: 600 },
      { address: 'fe80::2', interface: 'enx00e04c680001', family: 'ipv6', metric: 1024 },
    ]);
    const global = '00000000000000000000000000000000 00 00000000000000000000000000000000 00 20010db8000000000000000000000001 00000400 00000001 00000000 00000003 eth0';
    expect(parseProcIpv6Route(global).map((g) => g.address)).toEqual(['2001:db8::1']);
    expect(parseProcIpv6Route('not a route table')).toEqual([]);
  });
});

describe('resolver configuration', () => {
  it('reads resolv.conf: nameservers, last search/domain wins, comments ignored', () => {
    expect(parseResolvConf(readFixture('linux/network/resolv.conf-plain'))).toEqual({
      servers: ['192.168.1.1', 'fe80::1%wlp0s20f3'],
      searchDomains: ['home.arpa', 'lab.example.org'],
    });
    expect(parseResolvConf('')).toEqual({ servers: [], searchDomains: [] });
  });

  it('reads resolvectl status: servers of every link, search but not routing-only domains', () => {
    expect(parseResolvectlStatus(readFixture('linux/network/resolvectl-status-systemd-252.txt'))).toEqual({
      servers: ['9.9.9.9', '192.168.1.1', 'fd00::1', '10.8.0.1'],
      searchDomains: ['home.arpa'],
    });
  });

  it('reads continuation lines of older systemd', () => {
    expect(parseResolvectlStatus(readFixture('linux/network/resolvectl-status-systemd-245.txt'))).toEqual({
      servers: ['10.0.0.2', '10.0.0.3', 'abcd::53'],
      searchDomains: ['ec2.internal', 'corp.local'],
    });
  });
});

describe('Wi-Fi on Linux', () => {
  it('reads iw dev', () => {
    expect(parseIwDev(readFixture('linux/network/iw-dev.txt'))).toEqual([
      { name: 'wlp0s20f3', type: 'managed', ssid: 'Café Wi-Fi', channel: 44, frequencyMhz: 5220 },
      { name: 'wlx001122334455', type: 'monitor', ssid: null, channel: null, frequencyMhz: null },
    ]);
  });

  it('reads iw link', () => {
    expect(parseIwLink(readFixture('linux/network/iw-dev-link.txt'), 'wlp0s20f3')).toEqual({
      interface: 'wlp0s20f3',
      ssid: 'Café Wi-Fi',
      bssid: 'f4:92:bf:01:02:03',
      signalDbm: -58,
      signalPercent: null,
      channel: 44,
      band: '5GHz',
      security: null,
      txRateMbps: 780,
    });
    expect(parseIwLink(readFixture('linux/network/iw-dev-link-not-connected.txt'), 'wlp0s20f3')).toBeNull();
  });

  it('reads the in-use rows of nmcli, unescaping colons', () => {
    const wifi = parseNmcliWifi(readFixture('linux/network/nmcli-wifi-list.txt'));
    expect(wifi).toEqual([
      {
        interface: 'wlp0s20f3',
        ssid: 'Café Wi-Fi',
        bssid: 'f4:92:bf:01:02:03',
        signalDbm: null,
        signalPercent: 70,
        channel: 44,
        band: '5GHz',
        security: 'WPA2 WPA3',
        txRateMbps: 866,
      },
      expect.objectContaining({ interface: 'wlx001122334455', ssid: 'Guest:5G', security: 'none' }),
    ]);
    expect(splitTerse('a\\:b:c')).toEqual(['a:b', 'c']);
  });

  it('merges nmcli and iw per interface', () => {
    const merged = mergeWifi(parseNmcliWifi(readFixture('linux/network/nmcli-wifi-list.txt')), [
      parseIwLink(readFixture('linux/network/iw-dev-link.txt'), 'wlp0s20f3')!,
    ]);
    expect(merged[0]).toMatchObject({ signalDbm: -58, signalPercent: 70, security: 'WPA2 WPA3', txRateMbps: 780 });
    expect(merged).toHaveLength(2);
  });
});

describe('proxy on Linux', () => {
  it('reads a manual GNOME proxy without its credentials', () => {
    const proxy = parseGsettingsProxy(readFixture('linux/network/gsettings-proxy-manual.txt'));
    expect(proxy).toEqual({
      mode: 'manual',
      server: 'http=proxy.corp.example.com:3128;https=proxy.corp.example.com:3129',
      pacUrl: null,
      bypass: ['localhost', '127.0.0.0/8', '::1', '*.corp.example.com'],
      winHttp: null,
      source: 'gsettings org.gnome.system.proxy',
    });
    expect(JSON.stringify(proxy)).not.toContain('hunter2');
  });

  it('reads PAC and none modes; null without the schema', () => {
    expect(parseGsettingsProxy(readFixture('linux/network/gsettings-proxy-auto.txt'))).toMatchObject({ mode: 'pac', pacUrl: 'http://wpad.corp.example.com/proxy.pac' });
    expect(parseGsettingsProxy(readFixture('linux/network/gsettings-proxy-none.txt'))?.mode).toBe('none');
    expect(parseGsettingsProxy('No such schema “org.gnome.system.proxy”')).toBeNull();
  });

  it('reads environment proxies, redacting credentials', () => {
    const env = parseEnvironmentFile(readFixture('linux/network/etc-environment.txt'));
    expect(proxyFromEnvironment(env, '/etc/environment')).toEqual({
      mode: 'manual',
      server: 'https=http://proxy.corp.example.com:3128/;http=http://proxy.corp.example.com:3128/',
      pacUrl: null,
      bypass: ['localhost', '127.0.0.1', '.corp.example.com'],
      winHttp: null,
      source: '/etc/environment',
    });
    expect(proxyFromEnvironment({}, 'environment').mode).toBe('none');
    expect(redactProxyUrl('socks5://a:b@h:1')).toBe('socks5://h:1');
  });
});

describe('address helpers', () => {
  it('normalise MACs and masks', () => {
    expect(normalizeMac('F8-E4-3B-AD-F2-6D')).toBe('f8:e4:3b:ad:f2:6d');
    expect(normalizeMac('a:b:c:d:e:f')).toBe('0a:0b:0c:0d:0e:0f');
    expect(normalizeMac('00:00:00:00:00:00')).toBeNull();
    expect(normalizeMac('garbage')).toBeNull();
    expect(prefixFromNetmask('0xfffffe00')).toBe(23);
    expect(prefixFromNetmask('255.255.255.255')).toBe(32);
    expect(prefixFromNetmask('255.0.255.0')).toBeNull();
    expect(isIpv6('fe80::1%en0')).toBe(true);
    expect(isIpv6('abcd')).toBe(false);
    expect(channelFromFrequency(2437)).toBe(6);
    expect(channelFromFrequency(5975)).toBe(5);
    expect(bandFromFrequency(5975)).toBe('6GHz');
  });

  it('maps systeminformation interfaces (fallback without ip)', () => {
    expect(
      interfacesFromSystemInformation([
        { iface: 'eth0', ip4: '10.0.0.5', ip4subnet: '255.255.255.0', ip6: 'fe80::1', ip6subnet: 'ffff:ffff:ffff:ffff::', mac: '52:54:00:12:34:56', operstate: 'up', type: 'wired', mtu: 1500, speed: 1000, dhcp: true, internal: false, virtual: false },
        { iface: 'lo', ip4: '127.0.0.1', ip4subnet: '255.0.0.0', mac: '00:00:00:00:00:00', internal: true, operstate: 'unknown' },
      ]),
    ).toEqual([
      { name: 'eth0', displayName: null, kind: 'wired', mac: '52:54:00:12:34:56', up: true, dhcp: true, speedMbps: 1000, mtu: 1500, ipv4: [{ address: '10.0.0.5', prefixLength: 24 }], ipv6: [{ address: 'fe80::1', prefixLength: 64 }] },
      { name: 'lo', displayName: null, kind: 'loopback', mac: null, up: null, dhcp: null, speedMbps: null, mtu: null, ipv4: [{ address: '127.0.0.1', prefixLength: 8 }], ipv6: [] },
    ]);
  });
});
