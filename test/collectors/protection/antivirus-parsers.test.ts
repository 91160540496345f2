import { AntivirusProductSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseBduitool, parseBduitoolDate } from '../../../collectors/antivirus/parse-bitdefender.js';
import { clamAvProduct, parseClamVersion, parseCvdHeader, parseFreshclamLog } from '../../../collectors/antivirus/parse-clamav.js';
import { parseCytool } from '../../../collectors/antivirus/parse-cortex.js';
import { parseFalconctlLinux, parseFalconctlStats } from '../../../collectors/antivirus/parse-falcon.js';
import { gatekeeperProduct, parseSpctlStatus, parseStatEpoch, parseXProtectInfo, xprotectProduct } from '../../../collectors/antivirus/parse-macos-builtin.js';
import { parseMdatpHealth } from '../../../collectors/antivirus/parse-mdatp.js';
import { defenderModeFrom, mpStatusToProduct, parseMpComputerStatusText } from '../../../collectors/antivirus/parse-mp-computer-status.js';
import { decodeProductState, MalformedProductStateError } from '../../../collectors/antivirus/parse-product-state.js';
import { parseSentinelCtl } from '../../../collectors/antivirus/parse-sentinelone.js';
import { parseWindowsAntivirus } from '../../../collectors/antivirus/parse-windows-antivirus.js';
import { decodePlist } from '../../../collectors/protection/plist-value.js';
import { fixtureBytes, fixtureText, NOW } from './helpers.js';

describe('SecurityCenter2 productState', () => {
  it.each([
    [266240, { kind: 'antivirus', scanner: 'on', microsoft: false, signaturesUpToDate: true }],
    [262144, { kind: 'antivirus', scanner: 'off', microsoft: false, signaturesUpToDate: true }],
    [393472, { kind: 'antivirus', scanner: 'off', microsoft: true, signaturesUpToDate: true }],
    [397568, { kind: 'antivirus', scanner: 'on', microsoft: true, signaturesUpToDate: true }],
    [397584, { kind: 'antivirus', scanner: 'on', microsoft: true, signaturesUpToDate: false }],
    [270336, { kind: 'antivirus', scanner: 'snoozed', microsoft: false, signaturesUpToDate: true }],
    [274432, { kind: 'antivirus', scanner: 'expired', microsoft: false, signaturesUpToDate: true }],
    [69632, { kind: 'firewall', scanner: 'on', microsoft: false, signaturesUpToDate: true }],
    [65536, { kind: 'firewall', scanner: 'off', microsoft: false, signaturesUpToDate: true }],
  ])('decodes %i', (value, expected) => {
    expect(decodeProductState(value)).toMatchObject({ value, ...expected });
  });

  it('accepts the value as a decimal or hex string, as CIM tools print it', () => {
    expect(decodeProductState('397568').scanner).toBe('on');
    expect(decodeProductState('0x061110').signaturesUpToDate).toBe(false);
  });

  it.each([
    [307302933, /wider than 24 bits/],
    [-1, /non-negative/],
    [1.5, /non-negative integer/],
    [0x001000, /provider flags/],
    [0x804000 + 0x1000, /provider flags/],
    [0x044000, /scanner state 4/],
    [0x041200, /owner 2/],
    [0x041020, /signature state 2/],
    [0x041001, /low bits/],
    ['on', /not an integer/],
    [null, /not an integer/],
  ])('rejects malformed %s', (value, reason) => {
    expect(() => decodeProductState(value)).toThrow(MalformedProductStateError);
    expect(() => decodeProductState(value)).toThrow(reason);
  });
});

describe('Get-MpComputerStatus', () => {
  it.each([
    ['Normal', 'active'],
    ['Passive Mode', 'passive'],
    ['Passive', 'passive'],
    ['SxS Passive Mode', 'passive'],
    ['EDR Block Mode', 'edr-block'],
    ['Not running', 'disabled'],
    ['Something new', 'unknown'],
  ])('maps AMRunningMode %s to %s', (running, mode) => {
    expect(defenderModeFrom({ amrunningmode: running })).toBe(mode);
  });

  it('derives the mode on builds without AMRunningMode', () => {
    expect(defenderModeFrom({ amserviceenabled: true, antivirusenabled: true })).toBe('active');
    expect(defenderModeFrom({ amserviceenabled: true, antivirusenabled: false })).toBe('disabled');
    expect(defenderModeFrom({})).toBe('unknown');
  });

  it('never reports a passive Defender as enabled, whatever AntivirusEnabled says', () => {
    const product = mpStatusToProduct({ AMRunningMode: 'Passive Mode', AntivirusEnabled: true, RealTimeProtectionEnabled: true, AMServiceEnabled: true });
    expect(product).toMatchObject({ mode: 'passive', enabled: false, realtimeProtection: false });
  });

  it('reads the Format-List text form, with sentinel ages and dates as unknown', () => {
    const product = mpStatusToProduct(parseMpComputerStatusText(fixtureText('windows/antivirus/get-mpcomputerstatus-4.18-never-scanned.txt')));
    expect(AntivirusProductSchema.parse(product)).toMatchObject({
      name: 'Microsoft Defender Antivirus',
      version: '4.18.24090.11',
      mode: 'passive',
      enabled: false,
      signaturesUpToDate: null,
      signaturesUpdatedAt: null,
      lastScanAt: null,
    });
  });

  it('judges signatures by age when DefenderSignaturesOutOfDate is absent', () => {
    expect(mpStatusToProduct({ AMRunningMode: 'Normal', AntivirusSignatureAge: 7 }).signaturesUpToDate).toBe(true);
    expect(mpStatusToProduct({ AMRunningMode: 'Normal', AntivirusSignatureAge: 8 }).signaturesUpToDate).toBe(false);
    expect(mpStatusToProduct({ AMRunningMode: 'Normal', AntivirusSignatureAge: 4294967295 }).signaturesUpToDate).toBeNull();
  });

  it('reports real-time protection off in normal mode when it is off', () => {
    const product = mpStatusToProduct({ AMRunningMode: 'Normal', AMServiceEnabled: true, AntivirusEnabled: true, RealTimeProtectionEnabled: false });
    expect(product).toMatchObject({ enabled: true, realtimeProtection: false, mode: 'active' });
  });
});

describe('the Windows antivirus script output', () => {
  const parse = (name: string) => parseWindowsAntivirus(fixtureText(`windows/antivirus/${name}`));

  it('merges Security Center with Defender status on a workstation', () => {
    const result = parse('script-workstation-defender-active.json');
    expect(result.answered).toBe(true);
    expect(result.products).toEqual([
      {
        name: 'Microsoft Defender Antivirus',
        vendor: 'Microsoft',
        version: '4.18.24090.11',
        enabled: true,
        realtimeProtection: true,
        mode: 'active',
        signaturesUpToDate: true,
        signatureVersion: '1.419.112.0',
        signaturesUpdatedAt: '2024-10-02T06:12:44.000Z',
        lastScanAt: '2024-10-03T12:31:05.000Z',
        source: 'SecurityCenter2 + Get-MpComputerStatus',
      },
    ]);
  });

  it('shows a third-party product on and Defender passive (not "enabled")', () => {
    const { products } = parse('script-workstation-thirdparty-defender-passive.json');
    expect(products.map((p) => [p.name, p.mode, p.enabled, p.realtimeProtection])).toEqual([
      ['Sophos Anti-Virus', 'active', true, true],
      ['Microsoft Defender Antivirus', 'passive', false, false],
    ]);
  });

  it('reads a single Security Center object (one product is not wrapped in an array)', () => {
    const result = parse('script-workstation-outdated-third-party.json');
    expect(result.products).toHaveLength(1);
    expect(result.products[0]).toMatchObject({ name: 'ESET Security', enabled: true, signaturesUpToDate: false });
    expect(result.problems[0]).toMatch(/Get-MpComputerStatus failed/);
  });

  it('falls back to Defender and third-party services on Windows Server', () => {
    const result = parse('script-server-2019-edr-block.json');
    expect(result.answered).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.products.map((p) => [p.name, p.mode, p.enabled])).toEqual([
      ['Microsoft Defender Antivirus', 'edr-block', false],
      ['SentinelOne', 'unknown', true],
      ['CrowdStrike Falcon', 'disabled', false],
    ]);
    expect(result.products[0]).toMatchObject({ signaturesUpToDate: true, signaturesUpdatedAt: null });
  });

  it('adds EDR agents that never registered with Security Center, without duplicating registered ones', () => {
    const { products } = parse('script-workstation-unregistered-edr.json');
    expect(products.map((p) => [p.name, p.source])).toEqual([
      ['Microsoft Defender Antivirus', 'SecurityCenter2 + Get-MpComputerStatus'],
      ['Sentinel Agent', 'SecurityCenter2 AntiVirusProduct'],
      ['CrowdStrike Falcon', 'Windows service CSFalconService (running)'],
    ]);
  });

  it('reports "no antivirus" on a server where nothing is installed, as a finding', () => {
    const result = parse('script-server-no-antivirus.json');
    expect(result).toMatchObject({ products: [], answered: true });
    expect(result.problems).toEqual(['Get-MpComputerStatus failed: Invalid class']);
  });

  it('does not pretend to know when no source answers on a workstation', () => {
    const result = parse('script-workstation-nothing-answers.json');
    expect(result.answered).toBe(false);
    expect(result.problems.join(' ')).toMatch(/Security Center unavailable: Provider load failure/);
  });

  it('keeps a product whose productState is malformed, with unknown state', () => {
    const { products } = parse('script-workstation-malformed-state.json');
    expect(products[0]).toMatchObject({ name: 'Odd Antivirus', enabled: null, mode: 'unknown' });
    expect(products[0]?.source).toMatch(/307302933.*wider than 24 bits/);
    expect(products[1]).toMatchObject({ name: 'Snoozed AV', enabled: false, mode: 'snoozed' });
  });

  it('says clearly when the script printed something that is not JSON', () => {
    expect(() => parseWindowsAntivirus('Get-CimInstance : Access denied')).toThrow(/did not print JSON/);
    expect(() => parseWindowsAntivirus('')).toThrow(/printed nothing/);
  });
});

describe('Defender for Endpoint (mdatp)', () => {
  it('reads the older flat health format', () => {
    const product = parseMdatpHealth(fixtureText('macos/antivirus/mdatp-health-101.24-legacy-flat.json'));
    expect(AntivirusProductSchema.parse(product)).toMatchObject({
      version: '101.24.0',
      enabled: true,
      realtimeProtection: false,
      mode: 'active',
      signaturesUpToDate: false,
      signatureVersion: '1.399.1.0',
      signaturesUpdatedAt: '2023-09-29T15:06:40.000Z',
    });
  });

  it('rejects output that is not a health report', () => {
    expect(() => parseMdatpHealth('{"error":"not onboarded"}')).toThrow(/not a health report/);
    expect(() => parseMdatpHealth('ERROR: daemon not running')).toThrow(/did not print JSON/);
  });
});

describe('vendor CLIs', () => {
  it('SentinelOne on macOS with protection disabled', () => {
    expect(parseSentinelCtl(fixtureText('macos/antivirus/sentinelctl-status-disabled.txt'))).toMatchObject({
      version: '23.4.2.14',
      enabled: false,
      mode: 'disabled',
    });
  });

  it('SentinelOne on Linux with the agent disabled', () => {
    expect(parseSentinelCtl(fixtureText('linux/antivirus/sentinelctl-linux-agent-disabled.txt'))).toMatchObject({
      version: '23.3.2.12',
      enabled: false,
      signatureVersion: '23.3.4.2',
    });
  });

  it('rejects sentinelctl output with nothing recognisable', () => {
    expect(() => parseSentinelCtl('command not found')).toThrow(/neither/);
  });

  it('CrowdStrike Falcon on macOS and Linux (reduced functionality mode is not protecting)', () => {
    expect(parseFalconctlStats(fixtureText('macos/antivirus/falconctl-stats-agent-info.txt'))).toMatchObject({ version: '7.10.17706.0', enabled: true });
    expect(parseFalconctlLinux(fixtureText('linux/antivirus/falconctl-version.txt'), fixtureText('linux/antivirus/falconctl-rfm-true.txt'), true)).toMatchObject({
      version: '7.14.16703.0',
      enabled: false,
      mode: 'disabled',
    });
    expect(parseFalconctlLinux('version = 7.14.16703.0', 'rfm-state=false.', true).enabled).toBe(true);
    expect(parseFalconctlLinux('version = 7.14.16703.0', '', null).enabled).toBeNull();
  });

  it('Cortex XDR with a stopped component is not reported as protecting', () => {
    const runtime = '  Name   PID   User   Status\tCommand\n  pmd   909   root   Running\t/x\n  authorized   927   _traps   Stopped\t/y\n';
    expect(parseCytool('Cortex XDR (R) supervisor tool 8.3.0.1\n', '', runtime)).toMatchObject({ version: '8.3.0.1', enabled: false });
    expect(() => parseCytool('', '', '')).toThrow(/neither/);
  });

  it('Bitdefender with new content pending and antimalware off', () => {
    expect(parseBduitool(fixtureText('linux/antivirus/bduitool-get-ps-outdated.txt'))).toMatchObject({
      version: '7.0.3.2240',
      enabled: false,
      signaturesUpToDate: false,
      signatureVersion: '7.96000',
      signaturesUpdatedAt: '2024-09-01T12:45:00.000Z',
    });
    expect(parseBduitoolDate('2023-08-24 at 11:44:37 GMT+2')).toBe('2023-08-24T09:44:37.000Z');
    expect(parseBduitoolDate('yesterday')).toBeNull();
  });
});

describe('ClamAV', () => {
  it('reads the daily database header', () => {
    expect(parseCvdHeader(fixtureBytes('linux/antivirus/daily.cld'))).toEqual({
      builtAt: '2024-10-02T08:27:00.000Z',
      version: '27415',
      signatures: 2067580,
    });
  });

  it('rejects a file that is not a ClamAV database', () => {
    expect(() => parseCvdHeader(fixtureBytes('linux/antivirus/not-a-cvd.cld'))).toThrow(/not a ClamAV database/);
  });

  it('reads the engine version and the freshclam log', () => {
    expect(parseClamVersion(fixtureText('linux/antivirus/clamscan-version.txt'))).toEqual({ engine: '1.0.7', database: '27415' });
    expect(parseFreshclamLog(fixtureText('linux/antivirus/freshclam.log'), 120)).toBe('2024-10-02T08:00:02.000Z');
    expect(parseFreshclamLog('nothing useful', 0)).toBeNull();
  });

  it('is out of date after 7 days and keeps unknown daemon state unknown', () => {
    const daily = parseCvdHeader(fixtureBytes('linux/antivirus/daily.cld'));
    const fresh = clamAvProduct({ versionText: 'ClamAV 1.0.7/27415', daily, daemonActive: true, onAccessActive: false, sources: ['x'] }, NOW);
    expect(fresh).toMatchObject({ enabled: true, realtimeProtection: false, signaturesUpToDate: true, mode: 'active' });
    const stale = clamAvProduct({ versionText: null, daily, daemonActive: null, onAccessActive: null, sources: [] }, new Date('2024-10-20T00:00:00Z'));
    expect(stale).toMatchObject({ enabled: null, realtimeProtection: null, signaturesUpToDate: false, mode: 'unknown', source: 'ClamAV' });
  });
});

describe('macOS built-in protection', () => {
  it('reads the XProtect version and judges its age', () => {
    const version = parseXProtectInfo(decodePlist(fixtureBytes('macos/antivirus/xprotect-info.plist')));
    expect(version).toBe('5272');
    expect(xprotectProduct(version, '2024-09-24T02:14:40.000Z', NOW, 's')).toMatchObject({ enabled: true, signaturesUpToDate: true });
    expect(xprotectProduct(version, '2024-08-01T00:00:00.000Z', NOW, 's').signaturesUpToDate).toBe(false);
    expect(xprotectProduct(null, null, NOW, 's')).toMatchObject({ enabled: null, mode: 'unknown', signaturesUpToDate: null });
    expect(parseStatEpoch('1727857620\n')).toBe('2024-10-02T08:27:00.000Z');
    expect(parseStatEpoch('stat: No such file')).toBeNull();
  });

  it('reads Gatekeeper state from spctl', () => {
    expect(parseSpctlStatus(fixtureText('macos/antivirus/spctl-status-enabled.txt'))).toBe(true);
    expect(parseSpctlStatus(fixtureText('macos/antivirus/spctl-status-disabled.txt'))).toBe(false);
    expect(parseSpctlStatus('spctl: unknown option')).toBeNull();
    expect(gatekeeperProduct(null).mode).toBe('unknown');
  });
});
