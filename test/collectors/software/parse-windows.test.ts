import { describe, expect, it } from 'vitest';

import { parseAppxPackages, publisherFromDistinguishedName } from '../../../collectors/software/parse-appx.js';
import { parseHotfixDate, parseHotfixes } from '../../../collectors/software/parse-hotfix.js';
import { isListedProgram, parseInstallDate, parseUninstallJson } from '../../../collectors/software/parse-uninstall.js';
import { ParseError, parsePowerShellList } from '../../../collectors/software/powershell-json.js';
import { readFixture } from '../fake-system.js';

const uninstall = (fixture: string) => parseUninstallJson(parsePowerShellList(readFixture(fixture), 'test')[0]);

describe('parseUninstallJson (French Windows 11)', () => {
  const packages = uninstall('windows/software/uninstall-win11-fr.json');
  const byName = (name: string) => packages.find((p) => p.name === name);

  it('lists what Programs and Features lists, nothing else', () => {
    expect(packages.map((p) => p.name)).toEqual([
      'Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130',
      'Pilote graphique Intel®',
      'Microsoft Office Professionnel Plus 2016',
      '7-Zip 23.01',
      '腾讯QQ',
      'Notepad++ (32-bit x86)',
      'Zoom Workplace',
      'Microsoft OneDrive',
    ]);
  });

  it('maps views to architecture and source', () => {
    expect(byName('Pilote graphique Intel®')).toMatchObject({ arch: 'x64', source: 'registry' });
    expect(byName('7-Zip 23.01')).toMatchObject({ arch: 'x86', source: 'registry' });
    expect(byName('Zoom Workplace')).toMatchObject({ arch: null, source: 'registry-user' });
  });

  it('reads InstallDate yyyymmdd and EstimatedSize KiB', () => {
    expect(byName('Microsoft Office Professionnel Plus 2016')).toEqual({
      name: 'Microsoft Office Professionnel Plus 2016',
      version: '16.0.4266.1001',
      publisher: 'Microsoft Corporation',
      installDate: '2023-03-01',
      installLocation: 'C:\\Program Files\\Microsoft Office',
      arch: 'x64',
      source: 'registry',
      sizeBytes: 2417152 * 1024,
    });
    expect(byName('腾讯QQ')).toMatchObject({ installDate: null, sizeBytes: 412345 * 1024, publisher: '腾讯科技(深圳)有限公司' });
  });

  it('leaves ambiguous dates unknown, strips quotes and trailing NULs', () => {
    expect(byName('7-Zip 23.01')?.installDate).toBeNull();
    expect(byName('Pilote graphique Intel®')).toMatchObject({ installDate: '2023-06-12', installLocation: 'C:\\Program Files\\Intel\\Intel(R) Graphics' });
    expect(byName('Notepad++ (32-bit x86)')).toMatchObject({ version: '8.6', installLocation: null });
  });

  it('reads a lone entry written as an object, 32-bit Windows and an empty list', () => {
    expect(uninstall('windows/software/uninstall-win10-x86.json')).toMatchObject([{ name: 'VLC media player', arch: 'x86' }]);
    expect(uninstall('windows/software/uninstall-empty.json')).toEqual([]);
    expect(parseUninstallJson(null)).toEqual([]);
  });
});

describe('Programs and Features rules', () => {
  it('hides system components, child updates, update releases and nameless keys', () => {
    expect(isListedProgram({ DisplayName: 'App' })).toBe(true);
    expect(isListedProgram({ DisplayName: 'App', SystemComponent: 1 })).toBe(false);
    expect(isListedProgram({ DisplayName: 'App', SystemComponent: 0 })).toBe(true);
    expect(isListedProgram({ DisplayName: 'KB1', ParentKeyName: 'Office' })).toBe(false);
    expect(isListedProgram({ DisplayName: 'KB1', ReleaseType: 'Hotfix' })).toBe(false);
    expect(isListedProgram({ DisplayName: '   ' })).toBe(false);
  });

  it('parses InstallDate forms without guessing day/month order', () => {
    expect(parseInstallDate('20210724')).toBe('2021-07-24');
    expect(parseInstallDate('2021/07/24')).toBe('2021-07-24');
    expect(parseInstallDate('07/24/2021')).toBeNull();
    expect(parseInstallDate('20210230')).toBeNull();
    expect(parseInstallDate(20210724)).toBe('2021-07-24');
    expect(parseInstallDate(undefined)).toBeNull();
  });
});

describe('parseAppxPackages', () => {
  it('keeps applications, drops framework and resource packages', () => {
    const apps = parseAppxPackages(readFixture('windows/software/appx-packages-de.json'));
    expect(apps.map((a) => [a.name, a.arch, a.publisher])).toEqual([
      ['Microsoft.WindowsCalculator', 'x64', 'Microsoft Corporation'],
      ['SpotifyAB.SpotifyMusic', 'x64', '453637B3-4E12-4CDF-B0D3-2A3C863BF6EF'],
      ['Contoso.Rechnungsprüfung', 'arm64', 'Contoso, Ltd.'],
    ]);
    expect(apps[0]).toMatchObject({ version: '11.2311.0.0', source: 'appx', installLocation: expect.stringContaining('WindowsApps') });
  });

  it('reads a single package written as an object', () => {
    expect(parseAppxPackages(readFixture('windows/software/appx-single.json'))).toMatchObject([{ name: 'Microsoft.WindowsTerminal' }]);
  });

  it('reads publisher names out of certificate subjects', () => {
    expect(publisherFromDistinguishedName('CN=Foo')).toBe('Foo');
    expect(publisherFromDistinguishedName('O=Bar Inc, CN=Foo')).toBe('Bar Inc');
    expect(publisherFromDistinguishedName(null)).toBeNull();
  });

  it('rejects garbage with a clear error and accepts empty output', () => {
    expect(() => parseAppxPackages(readFixture('windows/software/garbage.txt'))).toThrow(ParseError);
    expect(() => parseAppxPackages('<<<')).toThrow(/Get-AppxPackage: PowerShell output is not JSON/);
    expect(parseAppxPackages('')).toEqual([]);
  });
});

describe('parseHotfixes', () => {
  it('reads German hotfixes, skipping per-file records', () => {
    const fixes = parseHotfixes(readFixture('windows/software/hotfix-win11-de.json'));
    expect(fixes.map((f) => [f.name, f.installDate])).toEqual([
      ['KB5032007', '2023-11-15'],
      ['KB5032190', '2023-11-15'],
      ['KB5027397', null],
      ['KB890830', '2010-06-17'],
      ['KB5031356', '2023-10-11'],
    ]);
    expect(fixes[0]).toMatchObject({ source: 'hotfix', publisher: 'Microsoft Corporation', version: null });
  });

  it('reads PowerShell 5.1 and 7 date forms as the day written', () => {
    const fixes = parseHotfixes(readFixture('windows/software/hotfix-raw-dates-zh.json'));
    expect(fixes.map((f) => f.installDate)).toEqual(['2023-10-15', '2023-10-11']);
    expect(parseHotfixDate('not a date')).toBeNull();
    expect(parseHotfixDate('2/30/2023')).toBeNull();
  });
});
