import { networkInterfaces } from 'node:os';

import { NetworkDataSchema, type NetworkData } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import { networkCollector } from '../../../collectors/network/index.js';
import { IPCONFIG_SCRIPT, NETWORK_SCRIPT, WINHTTP_SCRIPT, WLAN_SCRIPT } from '../../../collectors/network/win32.js';
import type { CollectContext, SystemAccess } from '../../../collectors/types.js';
import { createFakeSystem, gsettingsSchemas, readFixture, type FakeSystemSpec } from '../fake-system.js';

const context = (platform: CollectContext['platform'], system: SystemAccess): CollectContext => ({
  platform,
  system,
  signal: new AbortController().signal,
  now: () => new Date('2026-11-29T08:00:00Z'),
  backupStaleDays: 7,
});

const collect = async (platform: CollectContext['platform'], spec: FakeSystemSpec): Promise<NetworkData> =>
  NetworkDataSchema.parse(await networkCollector.collect(context(platform, createFakeSystem(spec))));

describe('network collector on Linux', () => {
  const sysfs = {
    '/sys/class/net/wlp0s20f3/wireless': { stdout: '' },
    '/sys/class/net/wlp0s20f3/device': { stdout: '' },
    '/sys/class/net/enx00e04c680001/device': { stdout: '' },
    '/sys/class/net/enx00e04c680001/speed': { stdout: '1000\n' },
  };
  const routes = { '/proc/net/route': 'linux/network/proc-net-route.txt', '/proc/net/ipv6_route': 'linux/network/proc-net-ipv6_route.txt' };
  const base: FakeSystemSpec = {
    commands: {
      'ip -details -json address show': 'linux/network/ip-details-json-addr-laptop.json',
      'resolvectl status --no-pager': 'linux/network/resolvectl-status-systemd-252.txt',
      'nmcli *': 'linux/network/nmcli-wifi-list.txt',
      'iw dev': 'linux/network/iw-dev.txt',
      'iw dev wlp0s20f3 link': 'linux/network/iw-dev-link.txt',
      'gsettings list-recursively org.gnome.system.proxy': 'linux/network/gsettings-proxy-manual.txt',
    },
    files: { ...sysfs, '/etc/resolv.conf': 'linux/network/resolv.conf-stub', ...routes, ...gsettingsSchemas('org.gnome.system.proxy') },
  };

  it('assembles interfaces, gateways, DNS behind the resolved stub, Wi-Fi and proxy', async () => {
    const data = await collect('linux', base);
    expect(data.interfaces).toHaveLength(9);
    expect(data.interfaces.find((i) => i.name === 'enx00e04c680001')).toMatchObject({ kind: 'wired', speedMbps: 1000 });
    expect(data.defaultGateways.map((g) => g.address)).toEqual(['10.20.28.1', '192.168.1.1', 'fe80::1', 'fe80::2']);
    expect(data.dns).toEqual({ servers: ['9.9.9.9', '192.168.1.1', 'fd00::1', '10.8.0.1'], searchDomains: ['home.arpa', 'corp.example.com'] });
    expect(data.wifi.map((w) => [w.interface, w.ssid, w.signalDbm, w.security])).toEqual([
      ['wlp0s20f3', 'Café Wi-Fi', -58, 'WPA2 WPA3'],
      ['wlx001122334455', 'Guest:5G', null, 'none'],
    ]);
    expect(data.proxy).toMatchObject({ mode: 'manual', source: 'gsettings org.gnome.system.proxy' });
  });

  it('keeps resolv.conf when it names real servers and works without Wi-Fi tools or GNOME', async () => {
    const data = await collect('linux', {
      commands: {
        'ip -details -json address show': 'linux/network/ip-details-json-addr-laptop.json',
      },
      files: {
        ...sysfs,
        '/etc/resolv.conf': 'linux/network/resolv.conf-plain',
        '/etc/environment': 'linux/network/etc-environment.txt',
        // Not connected: the routing tables hold no default route.
        '/proc/net/route': { stdout: 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n' },
        '/proc/net/ipv6_route': { stdout: '' },
      },
    });
    expect(data.dns.servers).toEqual(['192.168.1.1', 'fe80::1%wlp0s20f3']);
    // A connected Wi-Fi adapter whose connection no tool described: present, details unknown.
    expect(data.wifi).toEqual([
      { interface: 'wlp0s20f3', ssid: null, bssid: null, signalDbm: null, signalPercent: null, channel: null, band: null, security: null, txRateMbps: null },
    ]);
    // ip answered for addresses but has no route table entries here: no default gateway, not a guess.
    expect(data.defaultGateways).toEqual([]);
    const proxySource = data.proxy?.source;
    expect(proxySource === '/etc/environment' || proxySource?.startsWith('environment')).toBe(true);
    expect(JSON.stringify(data)).not.toContain('s3cret');
  });
});

describe('network collector on macOS', () => {
  it('assembles ifconfig, ports, DHCP, routes, DNS, proxy and Wi-Fi', async () => {
    const data = await collect('darwin', {
      commands: {
        'ifconfig -a': 'macos/network/ifconfig-a-macos-14.txt',
        'networksetup -listallhardwareports': 'macos/network/networksetup-listallhardwareports-macos-14.txt',
        'networksetup -getinfo Wi-Fi': 'macos/network/networksetup-getinfo-wifi.txt',
        'networksetup -getinfo USB 10/100/1000 LAN': 'macos/network/networksetup-getinfo-manual.txt',
        'netstat -rn': 'macos/network/netstat-rn-macos-14.txt',
        'scutil --dns': 'macos/network/scutil-dns-macos-14.txt',
        'scutil --proxy': 'macos/network/scutil-proxy-pac.txt',
        'system_profiler -json SPAirPortDataType': 'macos/network/system_profiler-SPAirPortDataType-macos-14-redacted.json',
      },
    });
    expect(data.interfaces.find((i) => i.name === 'en0')).toMatchObject({ displayName: 'Wi-Fi', dhcp: true });
    expect(data.interfaces.find((i) => i.name === 'en5')).toMatchObject({ dhcp: false });
    expect(data.defaultGateways[0]).toEqual({ address: '192.168.1.1', interface: 'en0', family: 'ipv4', metric: null });
    expect(data.dns.servers).toEqual(['192.168.1.1', 'fd00::1']);
    expect(data.proxy?.mode).toBe('pac');
    expect(data.wifi).toMatchObject([{ interface: 'en0', ssid: null, channel: 149 }]);
  });

  it('falls back to airport -I when system_profiler gives no JSON', async () => {
    const data = await collect('darwin', {
      commands: {
        'ifconfig -a': 'macos/network/ifconfig-a-macos-14.txt',
        'networksetup -listallhardwareports': 'macos/network/networksetup-listallhardwareports-macos-14.txt',
        'system_profiler -json SPAirPortDataType': { stdout: 'system_profiler: unknown option -json' },
        '/System/Library/PrivateFrameworks/Apple80211.framework/Versions/Current/Resources/airport -I': 'macos/network/airport-I-macos-12.txt',
      },
    });
    expect(data.wifi).toMatchObject([{ interface: 'en0', ssid: 'Bureau 5G', signalDbm: -54 }]);
    expect(data.proxy).toBeNull();
    expect(data.interfaces.find((i) => i.name === 'en0')?.dhcp).toBeNull();
  });

  it('fails when ifconfig fails', async () => {
    await expect(networkCollector.collect(context('darwin', createFakeSystem({ commands: { 'ifconfig -a': { exitCode: 1, stderr: 'boom' } } })))).rejects.toThrow(
      'ifconfig exited with code 1: boom',
    );
  });
});

describe('network collector on Windows', () => {
  const scripts: FakeSystemSpec['powershell'] = [
    ['Get-NetAdapter', 'windows/network/network-win11-de.json'],
    [WLAN_SCRIPT, 'windows/network/netsh-wlan-show-interfaces-en-win11.txt'],
    [WINHTTP_SCRIPT, 'windows/network/netsh-winhttp-proxy-fr.txt'],
    [IPCONFIG_SCRIPT, 'windows/network/ipconfig-all-windows-7-en.txt'],
  ];

  it('assembles NetTCPIP data, Wi-Fi and both proxies', async () => {
    const data = await collect('win32', { powershell: scripts });
    expect(data.interfaces).toHaveLength(6);
    expect(data.wifi[0]).toMatchObject({ ssid: 'Corp-WLAN', band: '6GHz' });
    expect(data.proxy).toMatchObject({ mode: 'manual', winHttp: { direct: false, server: 'proxy.corp.example.com:8080' } });
    expect(NETWORK_SCRIPT.trim()).toMatch(/ConvertTo-Json[^\n]*$/u);
  });

  it('keeps a connected Wi-Fi adapter when Windows withholds WLAN details without location permission', async () => {
    const data = await collect('win32', {
      powershell: [scripts[0]!, [WLAN_SCRIPT, { exitCode: 1, stdout: readFixture('windows/network/netsh-wlan-location-denied-en.txt') }], scripts[2]!],
    });
    expect(data.wifi).toEqual([
      { interface: 'WLAN', ssid: null, bssid: null, signalDbm: null, signalPercent: null, channel: null, band: null, security: null, txRateMbps: null },
    ]);
  });

  it('falls back to ipconfig /all without Get-NetAdapter (Windows 7)', async () => {
    const data = await collect('win32', {
      powershell: [['Get-NetAdapter', 'windows/network/network-win7-no-netadapter.json'], ...scripts.slice(1)],
    });
    expect(data.interfaces.map((i) => i.name)).toEqual(['Local Area Connection', 'Wireless Network Connection', 'isatap.corp.example.com']);
    expect(data.proxy).toMatchObject({ mode: 'pac', pacUrl: 'http://wpad.corp.example.com/proxy.pac' });
  });

  it('says why when neither the script nor ipconfig answers', async () => {
    await expect(networkCollector.collect(context('win32', createFakeSystem({ powershell: [] })))).rejects.toThrow(
      'no network information: network script: powershell.exe is not installed or not on PATH; ipconfig /all: powershell.exe is not installed or not on PATH',
    );
  });
});

describe.runIf(process.platform === 'linux')('network collector on this machine', () => {
  it("reports this machine's interfaces with their addresses", async () => {
    const data = NetworkDataSchema.parse(await networkCollector.collect(context('linux', createSystemAccess())));
    const expected = networkInterfaces();
    expect(data.interfaces.length).toBeGreaterThan(0);
    for (const [name, addrs] of Object.entries(expected)) {
      const found = data.interfaces.find((i) => i.name === name);
      expect(found, name).toBeDefined();
      const v4 = (addrs ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address);
      expect(found?.ipv4.map((a) => a.address).sort()).toEqual(v4.sort());
    }
    expect(data.interfaces.find((i) => i.kind === 'loopback')?.ipv4[0]?.address).toBe('127.0.0.1');
  });
});
