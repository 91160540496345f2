import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { UpdatesDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { decodePlist } from '../../../collectors/protection/plist-value.js';
import type { CollectContext } from '../../../collectors/types.js';
import { updatesCollector } from '../../../collectors/updates/index.js';
import { parseAptHistory, parseAptPeriodic, parseAptSimulate } from '../../../collectors/updates/parse-apt.js';
import { lastOsUpdate, lastXProtectUpdate, parseInstallHistory } from '../../../collectors/updates/parse-install-history.js';
import { kernelCheck, needsRestartingCheck, rebootRequiredFileCheck } from '../../../collectors/updates/parse-linux-reboot.js';
import { parseDnfCheckUpdate, parseDnfSecurityList, parseRpmLast } from '../../../collectors/updates/parse-rpm.js';
import { parseSoftwareUpdatePlist } from '../../../collectors/updates/parse-softwareupdate-plist.js';
import { automaticUpdatesFrom, parseWindowsUpdates } from '../../../collectors/updates/parse-windows-updates.js';
import { combineRebootChecks } from '../../../collectors/updates/types.js';
import type { FakeSystem } from '../fake-system.js';
import { fakeContext, fixtureBytes, fixtureText, sectionError } from './helpers.js';

describe('Windows updates', () => {
  it('last successful install, every reboot marker, offline pending counts', () => {
    const data = UpdatesDataSchema.parse(parseWindowsUpdates(fixtureText('windows/updates/script-workstation-reboot-pending.json'), fixtureText('windows/updates/pending-offline-scan.json')));
    // Defender's daily definitions and the failed October update do not count as the last update.
    expect(data.lastInstalled).toEqual({
      title: '2024-09 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5043076)',
      at: '2024-09-11T02:14:09.000Z',
    });
    expect(data.automaticUpdates).toBe(true);
    expect(data.pendingReboot).toBe(true);
    expect(data.pendingRebootReasons).toEqual([
      'Component Based Servicing: RebootPending',
      'Windows Update: RebootRequired',
      'Session Manager: 3 PendingFileRenameOperations',
    ]);
    expect([data.pendingUpdates, data.pendingSecurityUpdates]).toEqual([2, 1]);
  });

  it('falls back to hotfixes; policy turns automatic updates off; a failed offline scan is unknown', () => {
    const data = UpdatesDataSchema.parse(parseWindowsUpdates(fixtureText('windows/updates/script-server-policy-off.json'), null));
    expect(data.lastInstalled).toEqual({ title: 'KB5042881 (Security Update)', at: '2024-08-14T00:00:00.000Z' });
    expect(data.automaticUpdates).toBe(false);
    expect(data.pendingReboot).toBe(false);
    expect(data.pendingUpdates).toBeNull();
  });

  it('nothing readable stays unknown', () => {
    const data = UpdatesDataSchema.parse(parseWindowsUpdates(fixtureText('windows/updates/script-nothing-readable.json'), 'Exception from HRESULT: 0x8024402C'));
    expect(data).toMatchObject({ lastInstalled: null, automaticUpdates: null, pendingReboot: null, pendingUpdates: null });
  });

  it.each([
    [{ NoAutoUpdate: 1 }, 'Automatic', 4, false],
    [{}, 'Disabled', 4, false],
    [{ AUOptions: 2 }, 'Manual', 4, false],
    [{ AUOptions: 3 }, 'Manual', 4, false],
    [{ AUOptions: 7 }, 'Manual', 4, false],
    [{ AUOptions: 4 }, 'Manual', 1, true],
    [{ AUOptions: 5 }, 'Manual', 3, false],
    [{ AUOptions: 5 }, 'Manual', 4, true],
    [{}, 'Manual', 1, false],
    [{}, 'Manual', 3, false],
    [{}, 'Manual', 4, true],
    [{}, 'Manual', 0, true],
    [null, null, null, null],
  ])('automatic updates for policy %j, service %s, level %s', (policy, service, level, expected) => {
    expect(automaticUpdatesFrom(policy, service, level)).toBe(expected);
  });

  it('collector runs one script and rejects non-JSON output with a clear error', async () => {
    const data = await updatesCollector.collect(
      fakeContext('win32', {
        powershell: [
          ['Online = $false', { fail: 'timeout' }],
          ['Microsoft.Update.Session', 'windows/updates/script-workstation-reboot-pending.json'],
        ],
      }),
    );
    // A slow offline scan costs only the counts.
    expect(data).toMatchObject({ pendingReboot: true, pendingUpdates: null, pendingSecurityUpdates: null });
    const counted = await updatesCollector.collect(
      fakeContext('win32', {
        powershell: [
          ['Online = $false', 'windows/updates/pending-offline-scan.json'],
          ['Microsoft.Update.Session', 'windows/updates/script-workstation-reboot-pending.json'],
        ],
      }),
    );
    expect([counted.pendingUpdates, counted.pendingSecurityUpdates]).toEqual([2, 1]);
    await expect(updatesCollector.collect(fakeContext('win32', { powershell: [['Microsoft.Update.Session', { stdout: 'oops' }]] }))).rejects.toThrow(/did not print JSON/);
  });
});

describe('macOS updates', () => {
  it('install history: OS updates apart from config data and App Store apps', () => {
    const records = parseInstallHistory(decodePlist(fixtureBytes('macos/updates/install-history.plist')));
    expect(records).toHaveLength(5);
    expect(lastOsUpdate(records)).toMatchObject({ name: 'macOS Sequoia 15.0.1', at: '2024-10-03T18:45:09.000Z' });
    expect(lastXProtectUpdate(records)?.at).toBe('2024-09-24T02:14:40.000Z');
    expect(() => parseInstallHistory(decodePlist('<plist version="1.0"><dict/></plist>'))).toThrow(/not an array/);
  });

  it('Software Update preferences, with a managed profile overriding the switch', () => {
    const prefs = decodePlist(fixtureBytes('macos/updates/com.apple.SoftwareUpdate.plist'));
    expect(parseSoftwareUpdatePlist(prefs)).toEqual({
      automaticUpdates: false,
      pendingUpdates: 2,
      pendingSecurityUpdates: 1,
      pendingTitles: ['macOS Sequoia 15.0.1', 'Background Security Improvement 15.0.1 (a)'],
    });
    expect(parseSoftwareUpdatePlist(prefs, decodePlist(fixtureBytes('macos/updates/managed-softwareupdate.plist'))).automaticUpdates).toBe(true);
    expect(parseSoftwareUpdatePlist(decodePlist('<plist version="1.0"><dict><key>AutomaticCheckEnabled</key><false/></dict></plist>'))).toMatchObject({
      automaticUpdates: false,
      pendingUpdates: null,
    });
  });

  it('collector: reboot state is honestly unknown on macOS', async () => {
    const data = await updatesCollector.collect(
      fakeContext('darwin', {
        files: {
          '/Library/Receipts/InstallHistory.plist': 'macos/updates/install-history.plist',
          '/Library/Preferences/com.apple.SoftwareUpdate.plist': 'macos/updates/com.apple.SoftwareUpdate.plist',
        },
      }),
    );
    expect(UpdatesDataSchema.parse(data)).toMatchObject({ lastInstalled: { title: 'macOS Sequoia 15.0.1' }, pendingReboot: null, pendingUpdates: 2 });
    const error = await sectionError(updatesCollector.collect(fakeContext('darwin', { files: { '/Library/Receipts/InstallHistory.plist': { fail: 'permission-denied' } } })));
    expect(error.message).toMatch(/permission denied/);
  });
});

describe('Linux updates', () => {
  it('apt simulation counts upgrades, held-back packages and security fixes', () => {
    expect(parseAptSimulate(fixtureText('linux/updates/apt-get-s-upgrade.txt'))).toEqual({ pending: 4, security: 2 });
    expect(parseAptSimulate(fixtureText('linux/updates/apt-get-s-upgrade-none.txt'))).toEqual({ pending: 0, security: 0 });
    expect(() => parseAptSimulate('E: Could not open lock file')).toThrow(/no summary/);
  });

  it('apt history: newest upgrade (a later plain install does not count), local time converted with the offset', () => {
    expect(parseAptHistory(fixtureText('linux/updates/apt-history.log'), 120)).toEqual({
      title: 'Upgrade of 2 packages (libc6, libc-bin)',
      at: '2024-10-02T04:25:30.000Z',
    });
    expect(parseAptHistory('', 0)).toBeNull();
    expect(parseAptHistory('Start-Date: 2024-01-01  00:00:00\nInstall: jq:amd64 (1.6)\nEnd-Date: 2024-01-01  00:00:01\n', 0)).toEqual({
      title: 'Install of 1 package (jq)',
      at: '2024-01-01T00:00:01.000Z',
    });
  });

  it('unattended upgrades from apt-config', () => {
    expect(parseAptPeriodic(fixtureText('linux/updates/apt-config-dump.txt'))).toBe(true);
    expect(parseAptPeriodic('APT::Periodic::Unattended-Upgrade "0";')).toBe(false);
    expect(parseAptPeriodic('')).toBe(false);
  });

  it('dnf and rpm', () => {
    expect(parseDnfCheckUpdate(fixtureText('linux/updates/dnf-check-update.txt'), 100)).toBe(2);
    expect(parseDnfCheckUpdate('', 0)).toBe(0);
    expect(parseDnfCheckUpdate('Error: Cache-only enabled but no cache', 1)).toBeNull();
    expect(parseDnfSecurityList(fixtureText('linux/updates/dnf-updateinfo-security.txt'), 0)).toBe(3);
    expect(parseRpmLast(fixtureText('linux/updates/rpm-qa-last.txt'), 0)).toEqual({ title: 'kernel-6.10.11-200.fc40.x86_64', at: '2024-10-01T06:25:14.000Z' });
    expect(parseRpmLast('garbage', 0)).toBeNull();
  });

  it('reboot checks', () => {
    expect(rebootRequiredFileCheck(true, fixtureText('linux/updates/reboot-required.pkgs'), true).reasons).toEqual(['reboot-required by linux-image-6.1.0-26-amd64, libc6']);
    expect(rebootRequiredFileCheck(false, null, true).pending).toBe(false);
    expect(needsRestartingCheck(fixtureText('linux/updates/needs-restarting-r.txt'), 1).reasons).toEqual(['updated since boot: kernel, systemd']);
    expect(needsRestartingCheck('', 0).pending).toBe(false);
    expect(needsRestartingCheck('', 2).pending).toBeNull();
    expect(kernelCheck('6.1.0-25-amd64', ['vmlinuz-6.1.0-25-amd64', 'vmlinuz-6.1.0-26-amd64', 'config-6.1.0-26-amd64'])).toMatchObject({
      pending: true,
      reasons: ['kernel 6.1.0-26-amd64 installed, 6.1.0-25-amd64 running'],
    });
    expect(kernelCheck('6.1.0-9-amd64', ['vmlinuz-6.1.0-9-amd64', 'vmlinuz-6.1.0-10-amd64']).pending).toBe(true);
    expect(kernelCheck('6.18.44-custom', []).pending).toBeNull();
    expect(combineRebootChecks([{ pending: null, reasons: [], source: 'a' }])).toEqual({ pendingReboot: null, pendingRebootReasons: [] });
  });

  it('collector on Debian: counts from local lists, reboot-required', async () => {
    const data = await updatesCollector.collect(
      fakeContext('linux', {
        commands: {
          'apt-get -s -o Debug::NoLocking=1 upgrade': 'linux/updates/apt-get-s-upgrade.txt',
          'apt-config dump': 'linux/updates/apt-config-dump.txt',
          'uname -r': { stdout: '6.1.0-25-amd64\n' },
        },
        files: {
          '/usr/bin/apt-get': { stdout: '' },
          '/usr/bin/unattended-upgrade': { stdout: '' },
          '/var/log/apt/history.log': 'linux/updates/apt-history.log',
          '/var/run/reboot-required': { stdout: '' },
          '/var/run/reboot-required.pkgs': 'linux/updates/reboot-required.pkgs',
        },
        directories: { '/var/lib/apt/lists': ['deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4'], '/boot': ['vmlinuz-6.1.0-25-amd64', 'vmlinuz-6.1.0-26-amd64'] },
      }),
    );
    expect(UpdatesDataSchema.parse(data)).toMatchObject({
      automaticUpdates: true,
      pendingReboot: true,
      pendingUpdates: 4,
      pendingSecurityUpdates: 2,
    });
    expect(data.pendingRebootReasons).toEqual(['reboot-required by linux-image-6.1.0-26-amd64, libc6', 'kernel 6.1.0-26-amd64 installed, 6.1.0-25-amd64 running']);
  });

  it('collector on Debian with a cache folder: apt runs once while dpkg and apt state hold still', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'deskside-updates-cache-'));
    try {
      const spec = {
        commands: {
          'apt-get -s -o Debug::NoLocking=1 upgrade': 'linux/updates/apt-get-s-upgrade.txt',
          'apt-config dump': 'linux/updates/apt-config-dump.txt',
        },
        files: { '/usr/bin/apt-get': { stdout: '' }, '/usr/bin/unattended-upgrade': { stdout: '' } },
        directories: { '/var/lib/apt/lists': ['deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4'] },
      };
      const first = fakeContext('linux', spec);
      const second = fakeContext('linux', spec);
      const a = await updatesCollector.collect({ ...first, cacheDir });
      const b = await updatesCollector.collect({ ...second, cacheDir });
      expect(b).toEqual(a);
      expect(a).toMatchObject({ pendingUpdates: 4, pendingSecurityUpdates: 2, automaticUpdates: true });
      const ran = (ctx: CollectContext, file: string) => (ctx.system as FakeSystem).calls.filter((c) => c.kind === 'run' && c.target.startsWith(file)).length;
      expect([ran(first, 'apt-get'), ran(first, 'apt-config')]).toEqual([1, 1]);
      expect([ran(second, 'apt-get'), ran(second, 'apt-config')]).toEqual([0, 0]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('collector on Linux: the running kernel from /proc without running uname', async () => {
    const system = fakeContext('linux', {
      files: { '/proc/sys/kernel/osrelease': { stdout: '6.1.0-25-amd64\n' } },
      directories: { '/boot': ['vmlinuz-6.1.0-25-amd64', 'vmlinuz-6.1.0-26-amd64'] },
    });
    const data = await updatesCollector.collect(system);
    expect(data.pendingRebootReasons).toEqual(['kernel 6.1.0-26-amd64 installed, 6.1.0-25-amd64 running']);
  });

  it('collector on Debian without downloaded lists: pending count unknown, not zero', async () => {
    const data = await updatesCollector.collect(fakeContext('linux', { files: { '/usr/bin/apt-get': { stdout: '' } }, directories: { '/var/lib/apt/lists': ['lock', 'partial'] } }));
    expect(data).toMatchObject({ pendingUpdates: null, pendingReboot: false, automaticUpdates: null });
  });

  it('collector on Fedora: dnf cache only, dnf-automatic, needs-restarting', async () => {
    const show = 'systemctl show --no-pager -p Id,LoadState,ActiveState,SubState,UnitFileState,Result,ExecMainExitTimestamp,ExecMainStatus dnf-automatic-install.timer dnf-automatic.timer dnf5-automatic.timer';
    const data = await updatesCollector.collect(
      fakeContext('linux', {
        commands: {
          'dnf -C -q check-update': { fixture: 'linux/updates/dnf-check-update.txt', exitCode: 100 },
          'dnf -C -q updateinfo list --security': 'linux/updates/dnf-updateinfo-security.txt',
          'rpm -qa --last': 'linux/updates/rpm-qa-last.txt',
          'needs-restarting -r': { fixture: 'linux/updates/needs-restarting-r.txt', exitCode: 1 },
          [show]: { stdout: 'LoadState=loaded\nActiveState=inactive\nUnitFileState=disabled\n\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n\nLoadState=not-found\n' },
        },
        files: { '/usr/bin/dnf': { stdout: '' }, '/etc/dnf/automatic.conf': { stdout: '[commands]\napply_updates = yes\n' } },
      }),
    );
    expect(UpdatesDataSchema.parse(data)).toMatchObject({ automaticUpdates: true, pendingReboot: true, pendingUpdates: 2, pendingSecurityUpdates: 3 });
  });

  it('collector with no known package manager stays unknown', async () => {
    expect(await updatesCollector.collect(fakeContext('linux', {}))).toEqual({
      lastInstalled: null,
      automaticUpdates: null,
      pendingReboot: null,
      pendingRebootReasons: [],
      pendingUpdates: null,
      pendingSecurityUpdates: null,
      sources: [],
    });
  });
});
