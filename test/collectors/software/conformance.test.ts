import { describe, expect, it } from 'vitest';

import { parseDpkgQuery } from '../../../collectors/software/parse-dpkg.js';
import { parseInstallHistory } from '../../../collectors/software/parse-install-history.js';
import { parseRegExport, uninstallEntriesFromExport } from '../../../collectors/software/parse-reg-export.js';
import { parseRpmQuery } from '../../../collectors/software/parse-rpm.js';
import { parseSpApplicationsXml } from '../../../collectors/software/parse-sp-applications.js';
import { isListedProgram, uninstallToPackages } from '../../../collectors/software/parse-uninstall.js';
import { readExpected, readShared, readSharedBytes, sharedFixturesPresent } from './shared-fixtures.js';

/*
 * Conformance over real captures (../shared/fixtures/*\/software), compared with the values their
 * source projects' tests assert, on the fields Deskside produces. Captures in formats Deskside does not
 * read are not forced through a parser: `dpkg -l` and `rpm -qi` (human tables; Deskside asks for explicit
 * formats), the glpi agent's own AppX text dump and wmic .wmi tables (Deskside reads CIM through
 * PowerShell JSON). Registry exports are what Deskside's reg.exe fallback reads.
 */

interface GlpiPackage {
  readonly NAME: string;
  readonly GUID?: string;
  readonly ARCH?: string;
  readonly VERSION?: string;
  readonly FILESIZE?: string;
  readonly PUBLISHER?: string;
  readonly INSTALLDATE?: string;
}

/** DD/MM/YYYY of a timestamp in a fixed UTC offset (glpi renders dates in the test's local zone). */
const dayMonthYear = (iso: string, offsetMinutes: number): string => {
  const d = new Date(new Date(iso).getTime() + offsetMinutes * 60_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

/** Central European time as the glpi test runs it (TZ=CET): +1 h, +2 h in summer (last Sunday March–October). */
const cetOffset = (iso: string): number => {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0, 1));
    return new Date(last.getTime() - last.getUTCDay() * 86_400_000);
  };
  return d >= lastSunday(2) && d < lastSunday(9) ? 120 : 60;
};

describe.skipIf(!sharedFixturesPresent)('software conformance on real captures', () => {
  it('dpkg-query (glpi format, Debian squeeze + Ubuntu): installed packages, arch, version (FILESIZE is not carried)', () => {
    const packages = parseDpkgQuery(readShared('linux/software/dpkg-query-glpi-format-debian.txt'), ['Package', 'Architecture', 'Version', 'Installed-Size', 'Section', 'Status']);
    const expected = readExpected<GlpiPackage[]>('linux/software/dpkg-query-glpi-format-debian.expected.json');
    expect(packages.map((p) => ({ NAME: p.name, ARCH: p.arch, VERSION: p.version }))).toEqual(expected.map((e) => ({ NAME: e.NAME, ARCH: e.ARCH, VERSION: e.VERSION })));
  });

  it('rpm -qa (glpi queryformat, Mageia): name, arch, version, vendor, install day in CET', () => {
    const packages = parseRpmQuery(readShared('linux/software/rpm-qa-glpi-format-mageia.txt'), ['NAME', 'ARCH', 'VERSION-RELEASE', 'INSTALLTIME', 'SIZE', 'VENDOR', 'SUMMARY', 'GROUP']);
    const expected = readExpected<GlpiPackage[]>('linux/software/rpm-qa-glpi-format-mageia.expected.json');
    expect(packages).toHaveLength(expected.length);
    packages.forEach((p, i) => {
      const e = expected[i];
      expect({ NAME: p.name, ARCH: p.arch, VERSION: p.version, PUBLISHER: p.publisher }).toEqual({ NAME: e?.NAME, ARCH: e?.ARCH, VERSION: e?.VERSION, PUBLISHER: e?.PUBLISHER });
      expect(p.installDate).not.toBeNull();
      expect(dayMonthYear(p.installDate ?? '', cetOffset(p.installDate ?? ''))).toBe(e?.INSTALLDATE);
    });
  });

  it('system_profiler -xml SPApplicationsDataType (French macOS 14, NFD names): count and sample entries', () => {
    const apps = parseSpApplicationsXml(readShared('macos/software/system_profiler-SPApplicationsDataType-sample6.xml'));
    const expected = readExpected<{ count: number; sample_entries: GlpiPackage[] }>('macos/software/system_profiler-SPApplicationsDataType-sample6.expected.json');
    expect(apps).toHaveLength(expected.count);
    for (const e of expected.sample_entries) {
      const name = e.NAME.normalize('NFC');
      const candidates = apps.filter((a) => a.name === name && a.version === (e.VERSION ?? null));
      expect(candidates.length, name).toBeGreaterThan(0);
      // The peer renders lastModified in a +2 h zone (localTimeOffset => 7200); Deskside keeps the UTC
      // day, which is the peer's day or the one before.
      const days = (a: (typeof candidates)[number]) => {
        const utc = `${a.installDate ?? ''}T00:00:00Z`;
        return [dayMonthYear(utc, 0), dayMonthYear(utc, 24 * 60)];
      };
      const app = candidates.find((a) => a.installDate !== null && days(a).includes(e.INSTALLDATE ?? ''));
      expect(app, `${name} installed ${e.INSTALLDATE}`).toBeDefined();
      if (e.PUBLISHER !== undefined && e.PUBLISHER !== 'Apple') expect(app?.publisher, name).toBe(e.PUBLISHER);
    }
    expect(apps.every((a) => a.name === a.name.normalize('NFC'))).toBe(true);
  });

  it('InstallHistory.plist (OS X 10.9): entries and the first install', () => {
    const records = parseInstallHistory(readSharedBytes('macos/software/InstallHistory-osx-10.9.plist'));
    const expected = readExpected<{ entry_count: number; first_entry: { name: string; version: string; process_name: string; written_time: string; identifiers: string[] } }>(
      'macos/software/InstallHistory-osx-10.9.expected.json',
    );
    expect(records).toHaveLength(expected.entry_count);
    expect(records[0]).toEqual({
      name: expected.first_entry.name,
      version: expected.first_entry.version,
      date: expected.first_entry.written_time.replace('+00:00', 'Z'),
      processName: expected.first_entry.process_name,
      packageIdentifiers: expected.first_entry.identifiers,
    });
  });

  it.each(['win10-ru', 'winxp', 'mssql'])('regedit export of Uninstall (%s): what Programs and Features shows', (sample) => {
    const entries = uninstallEntriesFromExport(parseRegExport(readShared(`windows/software/registry-uninstall-${sample}.reg`)));
    const raw = readExpected<GlpiPackage[] | { count: number; sample_entries: GlpiPackage[] }>(`windows/software/registry-uninstall-${sample}.expected.json`);
    const expected = Array.isArray(raw) ? raw : raw.sample_entries;
    const packages = uninstallToPackages(entries, 'machine-64', false);
    let compared = 0;
    for (const e of expected) {
      const entry = entries.find((x) => x.keyName === e.GUID);
      // The peer adds SQL Server instances and renames editions from other keys; only what the
      // Uninstall entry itself says is compared.
      if (entry === undefined || entry.values['DisplayName'] !== e.NAME) continue;
      compared += 1;
      const mine = packages.find((p) => p.name === e.NAME.trim() && p.version === (e.VERSION ?? null));
      if (!isListedProgram(entry.values)) {
        // The peer lists system components and updates too (flagged); Programs and Features hides them.
        expect(mine, e.NAME).toBeUndefined();
        continue;
      }
      expect(mine, e.NAME).toBeDefined();
      expect(mine?.publisher ?? null, e.NAME).toBe(e.PUBLISHER?.trim() || null);
      const [d, m, y] = (e.INSTALLDATE ?? '').split('/');
      expect(mine?.installDate ?? null, e.NAME).toBe(e.INSTALLDATE ? `${y}-${m}-${d}` : null);
    }
    expect(compared).toBeGreaterThan(0);
    // The peer's total follows its own inclusion rules (it also lists hidden entries), so it is not compared.
  });
});
