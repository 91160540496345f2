import { execFileSync } from 'node:child_process';

import { SoftwareDataSchema, type SoftwareData } from '@deskside/shared';
import { describe, expect, it, vi } from 'vitest';

import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import { sectionFromFailure } from '../../../collectors/section-outcome.js';
import { finalizeSoftware } from '../../../collectors/software/finalize.js';
import { gatherSoftware } from '../../../collectors/software/gather.js';
import { softwareCollector } from '../../../collectors/software/index.js';
import { APPX_SCRIPT, HOTFIX_SCRIPT, UNINSTALL_SCRIPT, windowsSoftwareSources } from '../../../collectors/software/win32.js';
import type { CollectContext, SystemAccess } from '../../../collectors/types.js';
import { SectionError } from '../../../collectors/types.js';
import { createFakeSystem, type FakeSystemSpec } from '../fake-system.js';

const context = (platform: CollectContext['platform'], system: SystemAccess): CollectContext => ({
  platform,
  system,
  signal: new AbortController().signal,
  now: () => new Date('2026-11-29T08:00:00Z'),
  backupStaleDays: 7,
});

const collect = async (platform: CollectContext['platform'], spec: FakeSystemSpec): Promise<SoftwareData> => {
  const data = await softwareCollector.collect(context(platform, createFakeSystem(spec)));
  return SoftwareDataSchema.parse(data);
};

const failure = async (platform: CollectContext['platform'], spec: FakeSystemSpec): Promise<SectionError> => {
  const error = await softwareCollector.collect(context(platform, createFakeSystem(spec))).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SectionError);
  return error as SectionError;
};

describe('software collector on Linux', () => {
  it('merges every manager that answers and skips the missing ones', async () => {
    const data = await collect('linux', {
      commands: {
        'dpkg-query *': 'linux/software/dpkg-query-debian-12.txt',
        'snap list': 'linux/software/snap-list.txt',
        'rpm *': { exitCode: 1, stderr: 'error: cannot open Packages database in /var/lib/rpm' },
      },
    });
    const bySource = (s: string) => data.packages.filter((p) => p.source === s).length;
    expect([bySource('dpkg'), bySource('snap'), bySource('rpm')]).toEqual([6, 5, 0]);
    expect(data.truncated).toBe(false);
    expect(data.packages.map((p) => p.name)).toEqual([...data.packages.map((p) => p.name)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('is unsupported when no package manager exists', async () => {
    const error = await failure('linux', {});
    expect(error.status).toBe('unsupported');
    expect(error.message).toBe('no package source found (looked for dpkg, rpm, flatpak, snap)');
  });

  it('is an error naming the manager when the only one present fails', async () => {
    const error = await failure('linux', { commands: { 'dpkg-query *': { exitCode: 2, stderr: 'dpkg-query: error: database locked\n' } } });
    expect(error.status).toBe('error');
    expect(error.message).toBe('dpkg: dpkg-query exited with code 2: dpkg-query: error: database locked');
    expect(error.partialData).toBeUndefined();
  });

  it('stays ok when one manager fails and another answers', async () => {
    const data = await collect('linux', {
      commands: { 'rpm *': 'linux/software/rpm-qa-rhel-9.txt', 'flatpak *': { fail: 'timeout' } },
    });
    expect(data.packages.map((p) => p.source)).toEqual(['rpm', 'rpm', 'rpm', 'rpm']);
  });
});

describe('software collector on Windows', () => {
  const answers: FakeSystemSpec['powershell'] = [
    ['WOW6432Node', 'windows/software/uninstall-win11-fr.json'],
    ['Get-AppxPackage', 'windows/software/appx-packages-de.json'],
    ['Win32_QuickFixEngineering', 'windows/software/hotfix-win11-de.json'],
  ];

  it('merges Programs and Features, AppX and hotfixes', async () => {
    const data = await collect('win32', { powershell: answers });
    const count = (s: string) => data.packages.filter((p) => p.source === s).length;
    expect([count('registry'), count('registry-user'), count('appx'), count('hotfix')]).toEqual([6, 2, 3, 5]);
  });

  it('reads the three documented views and user hives, not only HKCU', () => {
    expect(UNINSTALL_SCRIPT).toContain('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*');
    expect(UNINSTALL_SCRIPT).toContain('HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*');
    expect(UNINSTALL_SCRIPT).toContain('Registry::HKEY_USERS');
    for (const script of [UNINSTALL_SCRIPT, APPX_SCRIPT, HOTFIX_SCRIPT]) expect(script.trim()).toMatch(/ConvertTo-Json[^\n]*$/u);
  });

  it('stays ok without AppX (Server Core, Windows 7)', async () => {
    const data = await collect('win32', {
      powershell: [answers[0]!, ['Get-AppxPackage', { exitCode: 1, stderr: "The term 'Get-AppxPackage' is not recognized" }], answers[2]!],
    });
    expect(data.packages.some((p) => p.source === 'appx')).toBe(false);
    expect(data.packages.length).toBe(13);
  });

  it('falls back to reg.exe export when PowerShell cannot read the registry', async () => {
    vi.stubEnv('PROCESSOR_ARCHITECTURE', 'AMD64');
    try {
      const uninstall = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
      const user = 'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
      let n = 0;
      const temp = () => `/nonexistent/deskside-test-${(n += 1)}.reg`;
      const system = createFakeSystem({
        powershell: [['WOW6432Node', { exitCode: 1, stderr: 'This program is blocked by group policy.' }], answers[1]!, answers[2]!],
        commands: {
          'reg.exe query HKU': 'windows/software/reg-query-hku.txt',
          [`reg.exe export ${uninstall} /nonexistent/deskside-test-1.reg /y /reg:64`]: { stdout: 'The operation completed successfully.' },
          [`reg.exe export ${uninstall} /nonexistent/deskside-test-2.reg /y /reg:32`]: { exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.' },
          [`reg.exe export ${user} /nonexistent/deskside-test-3.reg /y`]: { stdout: 'The operation completed successfully.' },
        },
        files: {
          '/nonexistent/deskside-test-1.reg': 'windows/software/reg-export-uninstall-win11-de.reg',
          '/nonexistent/deskside-test-3.reg': 'windows/software/reg-export-uninstall-win11-de.reg',
        },
      });
      const ctx = context('win32', system);
      const data = SoftwareDataSchema.parse(await gatherSoftware(windowsSoftwareSources(ctx, temp)));
      expect(data.packages.filter((p) => p.source === 'registry').map((p) => [p.name, p.arch])).toEqual([
        ['7-Zip 23.01 (x64 edition)', 'x64'],
        ['Mozilla Firefox (x64 de)', 'x64'],
      ]);
      expect(data.packages.filter((p) => p.source === 'registry-user')).toHaveLength(2);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('is an error with what it has when the registry cannot be read', async () => {
    const error = await failure('win32', { powershell: [['WOW6432Node', { stdout: 'Zugriff verweigert' }], answers[1]!, answers[2]!] });
    expect(error.status).toBe('error');
    expect(error.message).toMatch(/^registry: Uninstall registry: PowerShell output is not JSON/);
    const section = sectionFromFailure('software', error, 5);
    expect(section.status).toBe('error');
    expect((section.data as SoftwareData | null)?.packages).toHaveLength(8);
  });
});

describe('software collector on macOS', () => {
  const history = { '/Library/Receipts/InstallHistory.plist': 'macos/software/InstallHistory-macos-14.plist' };
  const brew = { '/opt/homebrew/Cellar': ['git', 'wget'], '/opt/homebrew/Cellar/git': ['2.43.0'], '/opt/homebrew/Cellar/wget': ['1.21.4'] };

  it('merges applications, install history and Homebrew', async () => {
    const data = await collect('darwin', {
      commands: { 'system_profiler -json SPApplicationsDataType': 'macos/software/system_profiler-SPApplicationsDataType-macos-14-fr.json' },
      files: history,
      directories: brew,
    });
    const count = (s: string) => data.packages.filter((p) => p.source === s).length;
    expect([count('app-bundle'), count('pkgutil'), count('homebrew')]).toEqual([6, 3, 2]);
    expect(data.packages.find((p) => p.name === 'Aperçu')).toBeDefined();
  });

  it('falls back to -xml, then to pkgutil when the history is unreadable', async () => {
    const data = await collect('darwin', {
      commands: {
        'system_profiler -json SPApplicationsDataType': { exitCode: 64, stderr: 'Usage: system_profiler' },
        'system_profiler -xml SPApplicationsDataType': 'macos/software/system_profiler-SPApplicationsDataType-macos-10.14.xml',
        'pkgutil --pkgs': 'macos/software/pkgutil-pkgs.txt',
      },
      files: { '/Library/Receipts/InstallHistory.plist': { fail: 'permission-denied' } },
    });
    expect(data.packages.filter((p) => p.source === 'app-bundle').map((p) => p.name)).toEqual(['Firefox', 'Safari']);
    expect(data.packages.filter((p) => p.source === 'pkgutil')).toHaveLength(4);
  });

  it('goes straight to the bundles when system_profiler times out', async () => {
    const system = createFakeSystem({
      commands: { 'system_profiler -json SPApplicationsDataType': { fail: 'timeout' } },
      directories: { '/Applications': ['Firefox.app'] },
      files: { '/Applications/Firefox.app/Contents/Info.plist': 'macos/software/Info-Firefox.plist' },
    });
    const data = SoftwareDataSchema.parse(await softwareCollector.collect(context('darwin', system)));
    expect(data.packages.map((p) => p.name)).toEqual(['Firefox']);
    expect(system.calls.some((c) => c.target.includes('-xml'))).toBe(false);
  });

  it('reads bundles’ Info.plist when system_profiler does not answer', async () => {
    const data = await collect('darwin', {
      directories: { '/Applications': ['Firefox.app', 'notes.txt'], '/System/Applications': ['Chess.app', 'Broken.app'] },
      files: {
        '/Applications/Firefox.app/Contents/Info.plist': 'macos/software/Info-Firefox.plist',
        '/System/Applications/Chess.app/Contents/Info.plist': 'macos/software/Info-Chess-binary.plist',
      },
    });
    expect(data.packages.map((p) => [p.name, p.installLocation])).toEqual([
      ['Échecs', '/System/Applications/Chess.app'],
      ['Firefox', '/Applications/Firefox.app'],
    ]);
  });
});

describe('software collector fallbacks through plutil', () => {
  it('converts a plist the library cannot read with plutil', async () => {
    const data = await collect('darwin', {
      directories: { '/Applications': ['Odd.app'] },
      files: {
        '/Applications/Odd.app/Contents/Info.plist': { stdout: 'not a plist the library reads' },
        '/Library/Receipts/InstallHistory.plist': { stdout: 'bplist00 damaged' },
      },
      commands: {
        'plutil -convert xml1 -o - /Applications/Odd.app/Contents/Info.plist': 'macos/software/Info-Firefox.plist',
        'plutil -convert xml1 -o - /Library/Receipts/InstallHistory.plist': 'macos/software/InstallHistory-macos-14.plist',
      },
    });
    expect(data.packages.map((p) => [p.source, p.name])).toEqual([
      ['app-bundle', 'Firefox'],
      ['pkgutil', 'macOS 14.0'],
      ['pkgutil', 'XProtectPlistConfigData'],
      ['pkgutil', 'Zoom'],
    ]);
  });
});

describe('software section statuses', () => {
  it('is permission-denied when every failing source was refused access', async () => {
    const error = await failure('linux', { commands: { 'dpkg-query *': { fail: 'permission-denied' } } });
    expect(error.status).toBe('permission-denied');
  });
});

describe('finalizeSoftware', () => {
  const pkg = (name: string, version: string | null = null) => ({
    name,
    version,
    publisher: null,
    installDate: null,
    installLocation: null,
    arch: null,
    source: 'dpkg' as const,
  });

  it('collapses exact duplicates, sorts, and cuts at the limit with truncated set', () => {
    const data = finalizeSoftware([pkg('b'), pkg('a', '2'), pkg('a', '1'), pkg('b'), pkg('c')], 2);
    expect(data).toEqual({ packages: [pkg('a', '1'), pkg('a', '2')], truncated: true });
    expect(finalizeSoftware([pkg('x')]).truncated).toBe(false);
  });

  it('shortens over-long values to the schema caps instead of failing the section', () => {
    const odd = { ...pkg('n'.repeat(600), 'v'.repeat(300)), arch: 'a'.repeat(40), installLocation: 'C:\\'.repeat(600) };
    const data = SoftwareDataSchema.parse(finalizeSoftware([odd]));
    expect([data.packages[0]?.name.length, data.packages[0]?.version?.length, data.packages[0]?.arch?.length, data.packages[0]?.installLocation?.length]).toEqual([512, 256, 32, 1024]);
  });
});

const hasDpkg = (() => {
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux';
  } catch {
    return false;
  }
})();

describe.runIf(hasDpkg)('software collector on this machine', () => {
  it('reports one dpkg package per `dpkg-query -W` line whose status is "installed"', async () => {
    // The same rule as the collector: dpkg-query -W also lists removed packages that left config files.
    const statuses = execFileSync('dpkg-query', ['-W', '-f', '${Status}\n'], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
    const installed = statuses.filter((s) => s.split(' ')[2] === 'installed').length;
    const data = SoftwareDataSchema.parse(await softwareCollector.collect(context('linux', createSystemAccess())));
    expect(installed).toBeGreaterThan(0);
    expect(data.packages.filter((p) => p.source === 'dpkg')).toHaveLength(installed);
  }, 60_000);
});
