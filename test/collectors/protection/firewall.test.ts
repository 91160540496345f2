import { FirewallDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { firewallCollector } from '../../../collectors/firewall/index.js';
import { overallEnabled } from '../../../collectors/firewall/overall.js';
import { parseFirewalldState, parseIptablesInput, parseNftRuleset, parseUfwConfig, parseUfwStatus } from '../../../collectors/firewall/parse-linux-firewall.js';
import { parseAlfPlist, parseSocketFilterFw } from '../../../collectors/firewall/parse-macos-firewall.js';
import { parseWindowsFirewall } from '../../../collectors/firewall/parse-windows-firewall.js';
import { decodePlist } from '../../../collectors/protection/plist-value.js';
import { fakeContext, fixtureBytes, fixtureText, sectionError } from './helpers.js';

describe('Windows firewall', () => {
  const parse = (name: string) => parseWindowsFirewall(fixtureText(`windows/firewall/${name}`));

  it('reads each profile; one profile off makes the whole off', () => {
    const result = parse('script-profiles-public-off.json');
    expect(result.profiles.map((p) => [p.name, p.enabled, p.defaultInboundBlocked])).toEqual([
      ['Domain', true, true],
      ['Private', true, true],
      ['Public', false, null],
    ]);
    expect(overallEnabled(result.profiles, result.products)).toBe(false);
  });

  it('a third-party firewall that is on makes the whole on', () => {
    const result = parse('script-third-party-takes-over.json');
    expect(result.products).toEqual([{ name: 'ESET Firewall', enabled: true, source: 'SecurityCenter2 FirewallProduct' }]);
    expect(overallEnabled(result.profiles, result.products)).toBe(true);
  });

  it('falls back to netsh where Get-NetFirewallProfile is missing', () => {
    const result = parse('script-server-netsh-fallback.json');
    expect(result.profiles.map((p) => [p.name, p.enabled, p.defaultInboundBlocked])).toEqual([
      ['Domain', true, true],
      ['Private', true, true],
      ['Public', false, false],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('is unknown, never off, with nothing to go on', () => {
    expect(overallEnabled([], [])).toBeNull();
    expect(overallEnabled([{ name: 'Domain', enabled: true, defaultInboundBlocked: null, source: 's' }, { name: 'Public', enabled: null, defaultInboundBlocked: null, source: 's' }], [])).toBeNull();
  });

  it('collector: schema-valid data, or an error when nothing answers', async () => {
    const ok = await firewallCollector.collect(fakeContext('win32', { powershell: [['Get-NetFirewallProfile', 'windows/firewall/script-profiles-public-off.json']] }));
    expect(FirewallDataSchema.parse(ok)).toMatchObject({ enabled: false, stealthMode: null });
    const error = await sectionError(firewallCollector.collect(fakeContext('win32', { powershell: [['Get-NetFirewallProfile', 'windows/firewall/script-nothing.json']] })));
    expect(error.message).toMatch(/Access is denied/);
  });
});

describe('macOS application firewall', () => {
  it.each([
    ['socketfilterfw-14-on-stealth.txt', { enabled: true, stealth: true, blockAll: false }],
    ['socketfilterfw-12-block-all.txt', { enabled: true, stealth: false, blockAll: true }],
    ['socketfilterfw-off.txt', { enabled: false, stealth: false, blockAll: false }],
  ])('reads %s', (file, expected) => {
    expect(parseSocketFilterFw(fixtureText(`macos/firewall/${file}`))).toEqual(expected);
  });

  it('reads the alf preferences plist', () => {
    expect(parseAlfPlist(decodePlist(fixtureBytes('macos/firewall/com.apple.alf.plist')))).toEqual({ enabled: true, stealth: true, blockAll: false });
    expect(() => parseAlfPlist(decodePlist('<plist version="1.0"><array/></plist>'))).toThrow(/not a dictionary/);
  });

  it('collector: socketfilterfw first, the plist when it fails', async () => {
    const tool = '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate --getstealthmode --getblockall';
    const viaTool = await firewallCollector.collect(fakeContext('darwin', { commands: { [tool]: 'macos/firewall/socketfilterfw-14-on-stealth.txt' } }));
    expect(FirewallDataSchema.parse(viaTool)).toMatchObject({ enabled: true, stealthMode: true });
    const viaPlist = await firewallCollector.collect(
      fakeContext('darwin', { commands: { [tool]: { fail: 'timeout' } }, files: { '/Library/Preferences/com.apple.alf.plist': 'macos/firewall/com.apple.alf.plist' } }),
    );
    expect(viaPlist.profiles[0]?.source).toBe('/Library/Preferences/com.apple.alf.plist');
    const error = await sectionError(firewallCollector.collect(fakeContext('darwin', {})));
    expect(error.message).toMatch(/socketfilterfw/);
  });
});

describe('Linux firewalls', () => {
  it('ufw as root and from its config files without root', () => {
    expect(parseUfwStatus(fixtureText('linux/firewall/ufw-status-verbose-active.txt'))).toMatchObject({ enabled: true, defaultInboundBlocked: true });
    expect(parseUfwStatus('Status: inactive')).toMatchObject({ enabled: false, defaultInboundBlocked: false });
    expect(parseUfwStatus(fixtureText('linux/firewall/ufw-not-root.txt'))).toBeNull();
    expect(parseUfwConfig(fixtureText('linux/firewall/ufw.conf'), fixtureText('linux/firewall/default-ufw'))).toMatchObject({ enabled: true, defaultInboundBlocked: true });
    expect(parseUfwConfig('ENABLED=no', null)).toMatchObject({ enabled: false });
    expect(parseUfwConfig('# nothing', null)).toBeNull();
  });

  it('firewalld', () => {
    expect(parseFirewalldState('running\n', 0, 'public\n')).toMatchObject({ name: 'firewalld (zone public)', enabled: true, defaultInboundBlocked: true });
    expect(parseFirewalldState('not running\n', 252, null)).toMatchObject({ enabled: false });
    expect(parseFirewalldState('running', 0, 'trusted')?.defaultInboundBlocked).toBe(false);
    expect(parseFirewalldState('', 1, null)).toBeNull();
  });

  it('nftables and iptables rulesets', () => {
    expect(parseNftRuleset(fixtureText('linux/firewall/nft-ruleset-drop.txt'))).toMatchObject({ enabled: true, defaultInboundBlocked: true });
    expect(parseNftRuleset(fixtureText('linux/firewall/nft-ruleset-empty-accept.txt'))).toMatchObject({ enabled: false, defaultInboundBlocked: false });
    expect(parseNftRuleset('')).toMatchObject({ enabled: false });
    expect(parseIptablesInput(fixtureText('linux/firewall/iptables-s-input.txt'))).toMatchObject({ enabled: true, defaultInboundBlocked: false });
    expect(parseIptablesInput('iptables: Permission denied')).toBeNull();
  });

  it('collector: on when any layer filters', async () => {
    const data = await firewallCollector.collect(
      fakeContext('linux', {
        commands: { 'ufw status verbose': 'linux/firewall/ufw-status-verbose-active.txt', 'nft list ruleset': 'linux/firewall/nft-ruleset-drop.txt' },
      }),
    );
    expect(FirewallDataSchema.parse(data)).toMatchObject({ enabled: true });
    expect(data.profiles.map((p) => p.name)).toEqual(['ufw', 'nftables']);
  });

  it('collector: without root the kernel ruleset is unknown, so an inactive front end is not "off"', async () => {
    const data = await firewallCollector.collect(
      fakeContext('linux', {
        commands: {
          'ufw status verbose': { exitCode: 1, stdout: fixtureText('linux/firewall/ufw-not-root.txt') },
          'nft list ruleset': { exitCode: 1, stderr: 'Operation not permitted (you must be root)' },
          'firewall-cmd --state': { exitCode: 252, stdout: 'not running\n' },
        },
        files: { '/etc/ufw/ufw.conf': { stdout: 'ENABLED=no\n' } },
      }),
    );
    expect(data.enabled).toBeNull();
    expect(data.profiles.map((p) => [p.name, p.enabled])).toEqual([
      ['ufw', false],
      ['firewalld', false],
      ['nftables', null],
    ]);
  });

  it('collector: off only when the kernel ruleset was read and filters nothing', async () => {
    const data = await firewallCollector.collect(fakeContext('linux', { commands: { 'nft list ruleset': 'linux/firewall/nft-ruleset-empty-accept.txt' } }));
    expect(data.enabled).toBe(false);
  });

  it('collector: no firewall tooling at all is unknown', async () => {
    expect(await firewallCollector.collect(fakeContext('linux', {}))).toEqual({ enabled: null, profiles: [], products: [], stealthMode: null });
  });
});
