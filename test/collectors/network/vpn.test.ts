import { describe, expect, it } from 'vitest';

import { collectVpn, VPNCLI_PATHS, WINDOWS_VPN_SCRIPT } from '../../../collectors/network/vpn/collect-vpn.js';
import { parseFortiClientStatus, parseGetVpnConnection, parseGlobalProtectStatus, parseNmcliConnections, parseOpenVpnStatusFile, parseScutilNcList } from '../../../collectors/network/vpn/parse-os-vpn.js';
import { parseVpncliState } from '../../../collectors/network/vpn/parse-vpncli.js';
import { parseWgDump, parseWgVersion } from '../../../collectors/network/vpn/parse-wireguard.js';
import { createFakeSystem, readFixture } from '../fake-system.js';

describe('VPN parsers (fixtures from each product’s documented output)', () => {
  it('Cisco Secure Client 5 connected, AnyConnect 4 disconnected', () => {
    expect(parseVpncliState(readFixture('macos/network/vpn/vpncli-state-connected-5.0.txt'))).toEqual({
      product: 'cisco-secure-client', name: 'Cisco Secure Client', version: '5.0.01242', connected: true, profile: null, server: 'vpn.corp.example', source: 'vpncli state',
    });
    expect(parseVpncliState(readFixture('windows/network/vpn/vpncli-state-disconnected-4.10.txt'))).toMatchObject({
      name: 'Cisco AnyConnect Secure Mobility Client', version: '4.10.05085', connected: false, server: null,
    });
    expect(parseVpncliState('bash: vpn: command not found')).toBeNull();
  });

  it('WireGuard: connected only with a recent handshake', () => {
    const version = parseWgVersion(readFixture('linux/network/vpn/wg-version.txt'));
    const [wg0, wg1] = parseWgDump(readFixture('linux/network/vpn/wg-show-all-dump.txt'), 1_700_000_060, version);
    expect(wg0).toMatchObject({ product: 'wireguard', name: 'WireGuard wg0', version: '1.0.20210914', connected: true, server: '203.0.113.7:51820' });
    expect(wg1).toMatchObject({ profile: 'wg1', connected: false });
    expect(parseWgDump(readFixture('linux/network/vpn/wg-show-all-dump.txt'), 1_700_000_000 + 600, null)[0]?.connected).toBe(false);
  });

  it('the OS’s own VPNs: Get-VpnConnection, scutil --nc list, NetworkManager', () => {
    expect(parseGetVpnConnection(readFixture('windows/network/vpn/get-vpnconnection.json'))).toEqual([
      { product: 'os', name: 'Windows VPN (IKEv2)', version: null, connected: true, profile: 'Corp IKEv2', server: 'vpn.corp.example', source: 'Get-VpnConnection' },
      { product: 'os', name: 'Windows VPN (L2TP)', version: null, connected: false, profile: 'Lab L2TP', server: '203.0.113.9', source: 'Get-VpnConnection' },
    ]);
    expect(parseGetVpnConnection('{"Name":"One","TunnelType":"Sstp","ConnectionStatus":"Disconnected"}')).toHaveLength(1);
    expect(parseScutilNcList(readFixture('macos/network/vpn/scutil-nc-list.txt')).map((v) => [v.name, v.profile, v.connected])).toEqual([
      ['macOS VPN (IPSec)', 'Corp IKEv2', true],
      ['macOS VPN (L2TP)', 'Old L2TP', false],
    ]);
    expect(parseNmcliConnections(readFixture('linux/network/vpn/nmcli-connection-show.txt')).map((v) => [v.product, v.profile, v.connected])).toEqual([
      ['os', 'Corp: Paris', true],
      ['wireguard', 'Home WireGuard', false],
    ]);
  });

  it('GlobalProtect, FortiClient and OpenVPN', () => {
    expect(parseGlobalProtectStatus(readFixture('linux/network/vpn/globalprotect-show-status.txt'))).toMatchObject({ version: '6.1.1-16', connected: true, server: 'gw.corp.example' });
    expect(parseFortiClientStatus(readFixture('linux/network/vpn/forticlient-vpn-status.txt'), '7.2.0')).toMatchObject({ connected: false, profile: 'Corp', server: 'vpn.corp.example', version: '7.2.0' });
    const status = readFixture('linux/network/vpn/openvpn-client.status');
    const updated = new Date('2026-12-07T10:12:00').getTime();
    expect(parseOpenVpnStatusFile(status, 'client', updated + 30_000)).toMatchObject({ product: 'openvpn', profile: 'client', connected: true });
    expect(parseOpenVpnStatusFile(status, 'client', updated + 3_600_000)?.connected).toBe(false);
    expect(parseOpenVpnStatusFile('garbage', 'x', 0)).toBeNull();
  });
});

describe('collecting VPN clients', () => {
  const ctx = (platform: 'linux' | 'win32' | 'darwin', system: ReturnType<typeof createFakeSystem>) =>
    ({ platform, system, signal: new AbortController().signal, now: () => new Date(1_700_000_060_000), backupStaleDays: 7 }) as Parameters<typeof collectVpn>[0];

  it('Linux: wg, NetworkManager, GlobalProtect, OpenVPN status files; a missing tool costs nothing', async () => {
    const system = createFakeSystem({
      commands: {
        'wg show all dump': 'linux/network/vpn/wg-show-all-dump.txt',
        'wg --version': 'linux/network/vpn/wg-version.txt',
        'nmcli -t -f NAME,TYPE,STATE connection show': 'linux/network/vpn/nmcli-connection-show.txt',
        'globalprotect show --status': 'linux/network/vpn/globalprotect-show-status.txt',
      },
      directories: { '/run/openvpn': ['client.status', 'server.conf'] },
      files: { '/run/openvpn/client.status': 'linux/network/vpn/openvpn-client.status' },
    });
    const found = await collectVpn(ctx('linux', system));
    expect(found.map((v) => `${v.product}/${v.profile ?? v.name}/${String(v.connected)}`)).toEqual([
      'wireguard/wg0/true',
      'wireguard/wg1/false',
      'os/Corp: Paris/true',
      'wireguard/Home WireGuard/false',
      'globalprotect/GlobalProtect/true',
      'openvpn/client/false',
    ]);
  });

  it('Windows: Cisco by its CLI, the OS profiles, other products found installed with state unknown', async () => {
    const system = createFakeSystem({
      files: { [VPNCLI_PATHS.win32[1]!]: { stdout: '' }, 'C:\\Program Files\\Zscaler\\ZSATunnel\\ZSATunnel.exe': { stdout: '' } },
      commands: { [`${VPNCLI_PATHS.win32[1]!} state`]: 'windows/network/vpn/vpncli-state-disconnected-4.10.txt' },
      powershell: [['Get-VpnConnection', 'windows/network/vpn/get-vpnconnection.json']],
    });
    const found = await collectVpn(ctx('win32', system));
    expect(found.map((v) => [v.product, v.connected])).toEqual([['cisco-secure-client', false], ['os', true], ['os', false], ['zscaler', null]]);
    expect(system.calls.some((c) => c.target === WINDOWS_VPN_SCRIPT)).toBe(true);
  });
});
