import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { homebrewToPackages } from '../../../collectors/software/parse-homebrew.js';
import { parseInfoPlist, publisherFromCopyright } from '../../../collectors/software/parse-info-plist.js';
import { installHistoryToPackages, parseInstallHistory, parsePkgutilPkgs } from '../../../collectors/software/parse-install-history.js';
import { parseSpApplicationsJson, parseSpApplicationsXml, publisherFromSigners } from '../../../collectors/software/parse-sp-applications.js';
import { ParseError } from '../../../collectors/software/powershell-json.js';
import { FIXTURES_DIR, readFixture } from '../fake-system.js';

const bytes = (fixture: string) => readFileSync(join(FIXTURES_DIR, fixture));

describe('parseSpApplicationsJson', () => {
  const apps = parseSpApplicationsJson(readFixture('macos/software/system_profiler-SPApplicationsDataType-macos-14-fr.json'));

  it('turns decomposed (NFD) names into composed (NFC) ones', () => {
    const raw = readFixture('macos/software/system_profiler-SPApplicationsDataType-macos-14-fr.json');
    expect(raw).toContain('Aperc\u0327u');
    expect(apps.map((a) => a.name)).toEqual(['Aperçu', 'Éditeur de script', 'Microsoft Word', 'Slack', 'OldTool', 'Unsigned Thing']);
    expect(apps[1]?.installLocation).toBe('/System/Applications/Utilities/Script Editor.app');
  });

  it('reads version, signer, date and architecture', () => {
    expect(apps[2]).toEqual({
      name: 'Microsoft Word',
      version: '16.80',
      publisher: 'Microsoft Corporation',
      installDate: '2023-12-12',
      installLocation: '/Applications/Microsoft Word.app',
      arch: 'universal',
      source: 'app-bundle',
    });
    expect(apps[0]?.publisher).toBe('Apple');
    expect(apps[3]?.publisher).toBe('Apple');
    expect(apps[4]).toMatchObject({ arch: 'x86_64', publisher: null, installDate: '2019-05-01' });
    expect(apps[5]).toMatchObject({ version: null, arch: null, installDate: null });
  });

  it('names an unsigned app’s publisher from its Info.plist copyright; a signer still comes first', () => {
    const unsigned = parseSpApplicationsJson(readFixture('macos/software/system_profiler-SPApplicationsDataType-unsigned.json'));
    expect(unsigned.map((a) => [a.name, a.publisher])).toEqual([
      ['Calibre', 'Kovid Goyal'],
      ['Homemade Tool', 'Example Widgets Ltd.'],
      ['Version Only', null],
      ['Signed Wins', 'Nucleobytes BV'],
    ]);
  });

  it('accepts an empty list and empty output, rejects garbage', () => {
    expect(parseSpApplicationsJson(readFixture('macos/software/system_profiler-SPApplicationsDataType-empty.json'))).toEqual([]);
    expect(parseSpApplicationsJson('')).toEqual([]);
    expect(() => parseSpApplicationsJson('system_profiler: unknown option -json')).toThrow(ParseError);
    expect(() => parseSpApplicationsJson('{"SPDisplaysDataType":[]}')).toThrow(/no SPApplicationsDataType list/);
  });
});

describe('parseSpApplicationsXml (macOS before 10.15)', () => {
  it('reads the same fields from the property list form', () => {
    const apps = parseSpApplicationsXml(readFixture('macos/software/system_profiler-SPApplicationsDataType-macos-10.14.xml'));
    expect(apps.map((a) => [a.name, a.version, a.publisher, a.installDate])).toEqual([
      ['Safari', '12.1.2', 'Apple', '2019-07-29'],
      ['Firefox', '68.0.1', 'Mozilla Corporation', '2019-08-01'],
    ]);
    expect(() => parseSpApplicationsXml('<html>')).toThrow(ParseError);
  });

  it('names signers', () => {
    expect(publisherFromSigners(['Developer ID Application: Nucleobytes BV (9JKFY89GFY)'])).toBe('Nucleobytes BV');
    expect(publisherFromSigners(['Some Internal CA'])).toBeNull();
    expect(publisherFromSigners(undefined)).toBeNull();
  });
});

describe('parseInfoPlist', () => {
  it('reads an XML Info.plist', () => {
    expect(parseInfoPlist(readFixture('macos/software/Info-Firefox.plist'), '/Applications/Firefox.app')).toEqual({
      name: 'Firefox',
      version: '121.0',
      publisher: 'Mozilla Foundation',
      installDate: null,
      installLocation: '/Applications/Firefox.app',
      arch: null,
      source: 'app-bundle',
    });
  });

  it('reads a binary Info.plist and composes its NFD display name', () => {
    const pkg = parseInfoPlist(bytes('macos/software/Info-Chess-binary.plist'), '/System/Applications/Chess.app');
    expect(pkg).toMatchObject({ name: 'Échecs', version: '3.18', publisher: 'Apple Inc.' });
  });

  it('returns null for garbage and falls back to the folder name', () => {
    expect(parseInfoPlist('not a plist', '/Applications/X.app')).toBeNull();
    const bare = '<?xml version="1.0"?><plist version="1.0"><dict></dict></plist>';
    expect(parseInfoPlist(bare, '/Applications/Bare Tool.app')?.name).toBe('Bare Tool');
    expect(publisherFromCopyright('Copyright 2020')).toBeNull();
    expect(publisherFromCopyright('10.5, Copyright © 2009-2023 Apple Inc. All Rights Reserved.')).toBe('Apple Inc.');
    expect(publisherFromCopyright('(c) 2021 by Example Software GmbH;')).toBe('Example Software GmbH');
    expect(publisherFromCopyright('Version 2')).toBeNull();
  });
});

describe('install history', () => {
  const records = parseInstallHistory(readFixture('macos/software/InstallHistory-macos-14.plist'));

  it('reads every named install', () => {
    expect(records).toHaveLength(4);
    expect(records[1]).toEqual({
      name: 'XProtectPlistConfigData',
      version: '2172',
      date: '2023-10-02T09:30:00Z',
      processName: 'softwareupdated',
      packageIdentifiers: ['com.apple.pkg.XProtectPlistConfigData_10_15.16U4276'],
    });
  });

  it('reports each product once, at its latest install', () => {
    const packages = installHistoryToPackages(records);
    expect(packages.map((p) => [p.name, p.version, p.publisher])).toEqual([
      ['macOS 14.0', '14.0', 'Apple'],
      ['XProtectPlistConfigData', '2173', 'Apple'],
      ['Zoom', null, null],
    ]);
    expect(packages[0]?.source).toBe('pkgutil');
  });

  it('rejects garbage, accepts empty input', () => {
    expect(() => parseInstallHistory('garbage')).toThrow(/InstallHistory.plist: not a property list/);
    expect(parseInstallHistory('')).toEqual([]);
  });

  it('falls back to pkgutil receipt ids', () => {
    const ids = parsePkgutilPkgs(readFixture('macos/software/pkgutil-pkgs.txt'));
    expect(ids.map((p) => [p.name, p.publisher])).toEqual([
      ['com.apple.pkg.MobileAssets', 'Apple'],
      ['com.apple.pkg.XProtectPlistConfigData_10_15.16U4277', 'Apple'],
      ['us.zoom.pkg.videomeeting', null],
      ['com.microsoft.package.Microsoft_Word.app', null],
    ]);
  });
});

describe('homebrewToPackages', () => {
  it('reports the newest kept version of each keg and cask', () => {
    const packages = homebrewToPackages(
      [
        { name: 'git', versions: ['2.42.0', '2.43.0', '2.9.1'], kind: 'formula' },
        { name: 'visual-studio-code', versions: ['1.85.1', '.metadata'], kind: 'cask' },
        { name: 'empty', versions: [], kind: 'formula' },
      ],
      '/opt/homebrew',
    );
    expect(packages.map((p) => [p.name, p.version, p.installLocation])).toEqual([
      ['git', '2.43.0', '/opt/homebrew/Cellar/git/2.43.0'],
      ['visual-studio-code', '1.85.1', '/opt/homebrew/Caskroom/visual-studio-code/1.85.1'],
    ]);
  });
});
