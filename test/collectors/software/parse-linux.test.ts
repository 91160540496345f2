import { describe, expect, it } from 'vitest';

import { DPKG_FIELDS, dpkgShowFormat, parseDpkgQuery } from '../../../collectors/software/parse-dpkg.js';
import { parseFlatpakList } from '../../../collectors/software/parse-flatpak.js';
import { parseRpmQuery, rpmQueryFormat } from '../../../collectors/software/parse-rpm.js';
import { parseSnapList } from '../../../collectors/software/parse-snap.js';
import { readFixture } from '../fake-system.js';

describe('parseDpkgQuery', () => {
  const packages = parseDpkgQuery(readFixture('linux/software/dpkg-query-debian-12.txt'));

  it('asks dpkg-query for an explicit tab-separated format', () => {
    expect(dpkgShowFormat()).toBe('${Package}\t${Version}\t${Architecture}\t${Maintainer}\t${Status}\n');
    expect(DPKG_FIELDS).toContain('Status');
  });

  it('keeps only packages in state "installed" (hold included) and skips short lines', () => {
    expect(packages.map((p) => `${p.name}:${p.arch}`)).toEqual([
      'adduser:all',
      'apt:amd64',
      'libc6:amd64',
      'libc6:i386',
      'fonts-noto-cjk:all',
      'émoji-tools:all',
    ]);
  });

  it('reads version with epoch and maintainer without address', () => {
    const apt = packages.find((p) => p.name === 'apt');
    expect(apt).toEqual({
      name: 'apt',
      version: '2.6.1',
      publisher: 'APT Development Team',
      installDate: null,
      installLocation: null,
      arch: 'amd64',
      source: 'dpkg',
    });
    const fonts = packages.find((p) => p.name === 'fonts-noto-cjk');
    expect(fonts?.version).toBe('1:20220127+repack1-1');
    expect(packages.find((p) => p.name === 'émoji-tools')?.publisher).toBe('Zoë Müller');
  });

  it('returns nothing for empty output and garbage', () => {
    expect(parseDpkgQuery('')).toEqual([]);
    expect(parseDpkgQuery('dpkg-query: error: no packages found\n\x00\x01')).toEqual([]);
  });
});

describe('parseRpmQuery', () => {
  const packages = parseRpmQuery(readFixture('linux/software/rpm-qa-rhel-9.txt'));

  it('builds the query format from the tags', () => {
    expect(rpmQueryFormat()).toBe('%{NAME}\t%{EPOCH}\t%{VERSION}-%{RELEASE}\t%{ARCH}\t%{VENDOR}\t%{INSTALLTIME}\n');
  });

  it('leaves out gpg-pubkey and reads epoch, vendor and install time', () => {
    expect(packages.map((p) => p.name)).toEqual(['bash', 'openssl-libs', 'tzdata', 'local-tool']);
    expect(packages[0]).toEqual({
      name: 'bash',
      version: '5.1.8-6.el9',
      publisher: 'Red Hat, Inc.',
      installDate: '2023-11-14T22:13:20Z',
      installLocation: null,
      arch: 'x86_64',
      source: 'rpm',
    });
    expect(packages[1]?.version).toBe('1:3.0.7-24.el9');
  });

  it('treats "(none)" as unknown and epoch 0 as no epoch', () => {
    expect(packages[2]?.installDate).toBeNull();
    expect(packages[3]).toMatchObject({ version: '2.0-1', publisher: null});
  });

  it('returns nothing for empty output', () => {
    expect(parseRpmQuery('\n\n')).toEqual([]);
  });
});

describe('parseFlatpakList', () => {
  it('reads apps with their origin and installation', () => {
    const apps = parseFlatpakList(readFixture('linux/software/flatpak-list-columns.txt'));
    expect(apps).toHaveLength(3);
    expect(apps[0]).toEqual({
      name: 'Firefox',
      version: '121.0',
      publisher: 'flathub',
      installDate: null,
      installLocation: '/var/lib/flatpak/app/org.mozilla.firefox',
      arch: 'x86_64',
      source: 'flatpak',
    });
    expect(apps[1]?.installLocation).toBe('~/.local/share/flatpak/app/com.spotify.Client');
    expect(apps[2]?.version).toBeNull();
  });

  it('skips a header line and garbage', () => {
    expect(parseFlatpakList(readFixture('linux/software/flatpak-list-columns-header.txt')).map((a) => a.name)).toEqual(['Maps']);
    expect(parseFlatpakList('error: unknown option --columns')).toEqual([]);
  });
});

describe('parseSnapList', () => {
  it('reads each snap and drops the verification mark', () => {
    const snaps = parseSnapList(readFixture('linux/software/snap-list.txt'));
    expect(snaps.map((s) => [s.name, s.version, s.publisher])).toEqual([
      ['core22', '20231123', 'canonical'],
      ['firefox', '121.0-1', 'mozilla'],
      ['hello-world', '6.4', 'canonical'],
      ['lxd', '5.19-8635f82', 'canonical'],
      ['my-local-snap', '0.1', null],
    ]);
    expect(snaps[1]?.installLocation).toBe('/snap/firefox/current');
  });

  it('returns nothing without a header (empty output, error text)', () => {
    expect(parseSnapList('')).toEqual([]);
    expect(parseSnapList(readFixture('linux/software/snap-list-empty-stderr.txt'))).toEqual([]);
  });
});
