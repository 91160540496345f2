import { describe, expect, it } from 'vitest';

import { parseAppxPackages, publisherFromDistinguishedName } from '../../../collectors/software/parse-appx.js';
import { parseHotfixDate, parseHotfixes } from '../../../collectors/software/parse-hotfix.js';
import { parseLoadedUserHives, parseRegExport, uninstallEntriesFromExport } from '../../../collectors/software/parse-reg-export.js';
import { isListedProgram, parseInstallDate, parseUninstallJson, uninstallToPackages } from '../../../collectors/software/parse-uninstall.js';
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
    });
    expect(byName('腾讯QQ')).toMatchObject({ installDate: null, publisher: '腾讯科技(深圳)有限公司' });
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

describe('registry export (reg.exe fallback)', () => {
  const keys = parseRegExport(readFixture('windows/software/reg-export-uninstall-win11-de.reg'));

  it('decodes strings, escapes, dwords, qwords, expand and multi strings across continued lines', () => {
    const firefox = keys.find((k) => k.path.endsWith('Mozilla Firefox 121.0 (x64 de)'))?.values;
    expect(firefox).toEqual({
      DisplayName: 'Mozilla Firefox (x64 de)',
      DisplayVersion: '121.0',
      Publisher: 'Mozilla',
      Comments: 'Sag "Hallo" zu Firefox',
      InstallLocation: '%ProgramFiles%\\Mozilla Firefox',
      QWordValue: 4096,
      Keywords: ['browser', 'web'],
    });
    const zip = keys.find((k) => k.path.endsWith('{23170F69-40C1-2702-2301-000001000000}'))?.values;
    expect(zip).toMatchObject({ EstimatedSize: 6956, InstallLocation: 'C:\\Program Files\\7-Zip\\', UninstallString: 'MsiExec.exe /I{23170F69-40C1-2702-2301-000001000000}' });
    expect(keys[0]?.values).toEqual({ '': '' });
  });

  it('applies the Programs and Features filter to direct subkeys only', () => {
    const entries = uninstallEntriesFromExport(keys);
    expect(entries.map((e) => e.keyName)).toEqual([
      '{23170F69-40C1-2702-2301-000001000000}',
      'Mozilla Firefox 121.0 (x64 de)',
      '{90160000-0011-0000-1000-0000000FF1CE}_Office16.PROPLUS_{A1B2}',
      '{E5A1C2D3-0000-4000-8000-000000000001}',
      'NoName',
    ]);
    expect(uninstallToPackages(entries, 'machine-64', true).map((p) => [p.name, p.version, p.installDate])).toEqual([
      ['7-Zip 23.01 (x64 edition)', '23.01.00.0', '2024-01-15'],
      ['Mozilla Firefox (x64 de)', '121.0', null],
    ]);
  });

  it('lists loaded user hives, not service accounts or _Classes', () => {
    expect(parseLoadedUserHives(readFixture('windows/software/reg-query-hku.txt'))).toEqual(['S-1-5-21-1004336348-1177238915-682003330-1001']);
  });

  it('returns nothing for empty text or garbage', () => {
    expect(parseRegExport('')).toEqual([]);
    expect(parseRegExport('ERROR: The system was unable to find the specified registry key or value.')).toEqual([]);
  });
});
