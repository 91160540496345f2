import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { HardwareData, InventoryDocument, Platform, Sections, SoftwarePackage, SystemData } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { toGlpiInventory } from '@deskside/shared/glpi';
import { parse as parsePlist } from 'plist';
import { afterAll, describe, expect, it } from 'vitest';

import { parseBduitool } from '../../collectors/antivirus/parse-bitdefender.js';
import { parseCytool } from '../../collectors/antivirus/parse-cortex.js';
import { parseMdatpHealth } from '../../collectors/antivirus/parse-mdatp.js';
import { mpStatusToProduct, parseMpComputerStatusText } from '../../collectors/antivirus/parse-mp-computer-status.js';
import { parseSentinelCtl } from '../../collectors/antivirus/parse-sentinelone.js';
import { parseTimeMachinePlist } from '../../collectors/backup/parse-timemachine-plist.js';
import { parseSystemProfilerText, toProfilerJson } from '../../collectors/common/system-profiler-text.js';
import { parseWmicList } from '../../collectors/common/wmic-list.js';
import { parseMacHardware } from '../../collectors/hardware/parse-macos.js';
import { parseWindowsBatteries, parseWindowsHardware } from '../../collectors/hardware/parse-windows.js';
import { macInterfaces, parseHardwarePorts, parseIfconfig } from '../../collectors/network/parse-ifconfig.js';
import { parseIpconfigAll } from '../../collectors/network/parse-ipconfig.js';
import { parseAirportInfo, parseSpAirport } from '../../collectors/network/parse-mac-wifi.js';
import { parseNetshWlanInterfaces } from '../../collectors/network/parse-netsh-wlan.js';
import { parseNetstatRoutes } from '../../collectors/network/parse-netstat-routes.js';
import { decodePlist } from '../../collectors/protection/plist-value.js';
import { parseDpkgQuery } from '../../collectors/software/parse-dpkg.js';
import { installHistoryToPackages, parseInstallHistory } from '../../collectors/software/parse-install-history.js';
import { parseRegExport, uninstallEntriesFromExport } from '../../collectors/software/parse-reg-export.js';
import { parseRpmQuery } from '../../collectors/software/parse-rpm.js';
import { parseSpApplicationsXml } from '../../collectors/software/parse-sp-applications.js';
import { uninstallToPackages } from '../../collectors/software/parse-uninstall.js';
import { normalizeProfilerPlist, parseMacStorage } from '../../collectors/storage/parse-macos.js';
import { parseMsftPhysicalDisks, parseWin32DiskDrives } from '../../collectors/storage/parse-windows.js';
import { parseMacSystem } from '../../collectors/system/parse-macos.js';
import { parseWindowsSystem } from '../../collectors/system/parse-windows.js';
import { readShared, readSharedBytes, SHARED_FIXTURES } from '../collectors/software/shared-fixtures.js';
import { glpiSchemaPresent, glpiValidator } from './glpi-schema.js';

/*
 * Schema validity of the GLPI document over every real capture (../shared/fixtures, read in place)
 * that Deskside's collectors parse: each capture goes through its own parser, into an inventory
 * document, through the GLPI mapper, and is checked against GLPI's published schema. A final check
 * makes sure no capture is silently left out: each one is either parsed here or named below with the
 * reason Deskside does not read it.
 */

const COLLECTED_AT = '2024-10-04T12:00:00.000Z';
const NOW = new Date(COLLECTED_AT);
const ok = <T>(data: T) => ({ status: 'ok' as const, durationMs: 1, data });
const wmi = (path: string) => parseWmicList(readShared(path));

const bareSystem = (platform: Platform, patch: Partial<SystemData> = {}): SystemData => ({
  hostname: 'fixture-host',
  fqdn: null,
  domain: null,
  workgroup: null,
  os: { platform, name: { win32: 'Windows', darwin: 'macOS', linux: 'Linux' }[platform], version: null, build: null, kernel: null, arch: 'x64' },
  uptimeSeconds: null,
  bootTime: null,
  timezone: null,
  locale: null,
  loggedInUser: null,
  manufacturer: null,
  model: null,
  serial: null,
  hardwareUuid: null,
  chassisType: null,
  virtualMachine: null,
  hypervisor: null,
  ...patch,
});

const bareHardware = (patch: Partial<HardwareData> = {}): HardwareData => ({
  cpu: { model: null, manufacturer: null, sockets: null, cores: null, threads: null, baseSpeedMhz: null },
  memory: { totalBytes: 0, modules: [] },
  bios: { vendor: null, version: null, releaseDate: null, firmwareType: 'unknown' },
  baseboard: { manufacturer: null, model: null, version: null, serial: null },
  gpus: [],
  displays: [],
  batteries: [],
  ...patch,
});

const software = (packages: readonly SoftwarePackage[]) => ok({ packages: packages.slice(0, 5000), truncated: packages.length > 5000 });
const storage = (patch: { disks?: unknown[]; volumes?: unknown[] }) => ok({ disks: patch.disks ?? [], volumes: patch.volumes ?? [] });
const network = (patch: Record<string, unknown>) => ok({ interfaces: [], defaultGateways: [], dns: { servers: [], searchDomains: [] }, wifi: [], proxy: null, ...patch });
const antivirus = (...products: unknown[]) => ok({ products });

/** The inventory a machine of this platform would send with these sections; checked by the contract. */
function inventory(platform: Platform, sections: Record<string, unknown>, system?: SystemData): InventoryDocument {
  return InventoryDocumentSchema.parse({
    schemaVersion: 1,
    kind: 'full',
    agentVersion: '0.1.0',
    collectedAt: COLLECTED_AT,
    device: { hostname: 'fixture-host', hardwareUuid: null, serial: null, macs: [] },
    sections: { system: ok(system ?? bareSystem(platform)), ...sections } as Sections,
  });
}

interface Case {
  readonly name: string;
  /** The captures this case reads, relative to ../shared/fixtures. */
  readonly files: readonly string[];
  readonly build: () => InventoryDocument;
}

const macReport = (path: string) => toProfilerJson(parseSystemProfilerText(readShared(path)));
const macSystem = (profiler: unknown) =>
  parseMacSystem({ profiler, swVers: '', sysctl: '', dsconfigad: '', hostname: 'fixture-host', machineArch: 'x86_64', timezone: null, locale: null, now: NOW });

const CASES: Case[] = [
  // Windows hardware
  ...['win7', '2019-amd-epyc'].map((s) => ({
    name: `Win32_Processor ${s}`,
    files: [`windows/hardware/wmi-win32_processor-${s}.wmi`],
    build: () => inventory('win32', { hardware: ok(parseWindowsHardware({ cpu: wmi(`windows/hardware/wmi-win32_processor-${s}.wmi`) })) }),
  })),
  {
    name: 'Win32_PhysicalMemory win7-fr',
    files: ['windows/hardware/wmi-win32_physicalmemory-win7-fr.wmi'],
    build: () => inventory('win32', { hardware: ok(parseWindowsHardware({ mem: wmi('windows/hardware/wmi-win32_physicalmemory-win7-fr.wmi') })) }),
  },
  {
    name: 'Win32_BIOS + Win32_ComputerSystem on Proxmox',
    files: ['windows/hardware/wmi-win32_bios-proxmox.wmi', 'windows/hardware/wmi-win32_computersystem-proxmox.wmi'],
    build: () => {
      const bios = wmi('windows/hardware/wmi-win32_bios-proxmox.wmi');
      const cs = wmi('windows/hardware/wmi-win32_computersystem-proxmox.wmi').map((c) => ({ ...c, Name: 'PROXMOX-GUEST' }));
      return inventory('win32', { hardware: ok(parseWindowsHardware({ bios })) }, parseWindowsSystem({ parts: { cs, bios }, now: NOW, timezone: 'Europe/Berlin' }));
    },
  },
  {
    name: 'Win32_ComputerSystem Azure AD-joined Windows 11',
    files: ['windows/hardware/wmi-win32_computersystem-win11-azuread.wmi'],
    build: () => inventory('win32', {}, parseWindowsSystem({ parts: { cs: wmi('windows/hardware/wmi-win32_computersystem-win11-azuread.wmi') }, now: NOW, timezone: null })),
  },
  ...['win10-edu-2020-fr', 'latitude-7480'].map((s) => ({
    name: `MSFT_PhysicalDisk ${s}`,
    files: [`windows/hardware/wmi-msft_physicaldisk-${s}.wmi`],
    build: () => inventory('win32', { storage: storage({ disks: parseMsftPhysicalDisks(wmi(`windows/hardware/wmi-msft_physicaldisk-${s}.wmi`)) }) }),
  })),
  ...['win7-sp1-x64-fr', 'latitude-7480'].map((s) => ({
    name: `Win32_DiskDrive ${s}`,
    files: [`windows/hardware/wmi-win32_diskdrive-${s}.wmi`],
    build: () => inventory('win32', { storage: storage({ disks: parseWin32DiskDrives(wmi(`windows/hardware/wmi-win32_diskdrive-${s}.wmi`)) }) }),
  })),
  ...['win10-dell-xps', 'windows-10-notebook'].map((s) => ({
    name: `powercfg /batteryreport ${s}`,
    files: [`windows/hardware/powercfg-batteryreport-${s}.xml`],
    build: () => inventory('win32', { hardware: ok(bareHardware({ batteries: parseWindowsBatteries({ batteryReport: readShared(`windows/hardware/powercfg-batteryreport-${s}.xml`) }) })) }),
  })),
  // macOS hardware
  {
    name: 'system_profiler -xml SPSerialATADataType',
    files: ['macos/hardware/system_profiler-SPSerialATADataType.xml'],
    build: () => inventory('darwin', { storage: ok(parseMacStorage(normalizeProfilerPlist(parsePlist(readShared('macos/hardware/system_profiler-SPSerialATADataType.xml'))))) }),
  },
  ...['system_profiler-10.6-intel', 'system_profiler-10.4-powerpc-fr', 'system_profiler-SPPowerDataType-10.11'].map((s) => ({
    name: `${s} (text report)`,
    files: [`macos/hardware/${s}.txt`],
    build: () => {
      const profiler = macReport(`macos/hardware/${s}.txt`);
      return inventory('darwin', { hardware: ok(parseMacHardware({ profiler, sysctl: '' })) }, macSystem(profiler));
    },
  })),
  ...[
    ['system_profiler-10.6-macmini', 'sysctl-10.6-macmini'],
    ['system_profiler-11.0-apple-m1', 'sysctl-11.0-apple-m1'],
  ].map(([s, sysctl]) => ({
    name: `${s} + ${sysctl}`,
    files: [`macos/hardware/${s}.txt`, `macos/hardware/${sysctl}.txt`],
    build: () => {
      const profiler = macReport(`macos/hardware/${s}.txt`);
      return inventory('darwin', { hardware: ok(parseMacHardware({ profiler, sysctl: readShared(`macos/hardware/${sysctl}.txt`) })) }, macSystem(profiler));
    },
  })),
  // Software
  {
    name: 'dpkg-query (Debian, Ubuntu)',
    files: ['linux/software/dpkg-query-glpi-format-debian.txt'],
    build: () =>
      inventory('linux', { software: software(parseDpkgQuery(readShared('linux/software/dpkg-query-glpi-format-debian.txt'), ['Package', 'Architecture', 'Version', 'Installed-Size', 'Section', 'Status'])) }),
  },
  {
    name: 'rpm -qa (Mageia)',
    files: ['linux/software/rpm-qa-glpi-format-mageia.txt'],
    build: () =>
      inventory('linux', {
        software: software(parseRpmQuery(readShared('linux/software/rpm-qa-glpi-format-mageia.txt'), ['NAME', 'ARCH', 'VERSION-RELEASE', 'INSTALLTIME', 'SIZE', 'VENDOR', 'SUMMARY', 'GROUP'])),
      }),
  },
  {
    name: 'system_profiler -xml SPApplicationsDataType',
    files: ['macos/software/system_profiler-SPApplicationsDataType-sample6.xml'],
    build: () => inventory('darwin', { software: software(parseSpApplicationsXml(readShared('macos/software/system_profiler-SPApplicationsDataType-sample6.xml'))) }),
  },
  {
    name: 'InstallHistory.plist',
    files: ['macos/software/InstallHistory-osx-10.9.plist'],
    build: () => inventory('darwin', { software: software(installHistoryToPackages(parseInstallHistory(readSharedBytes('macos/software/InstallHistory-osx-10.9.plist')))) }),
  },
  ...['win10-ru', 'winxp', 'mssql'].map((s) => ({
    name: `regedit export of Uninstall (${s})`,
    files: [`windows/software/registry-uninstall-${s}.reg`],
    build: () =>
      inventory('win32', { software: software(uninstallToPackages(uninstallEntriesFromExport(parseRegExport(readShared(`windows/software/registry-uninstall-${s}.reg`))), 'machine-64', false)) }),
  })),
  // Network
  ...['imac-27-intel-2019-macos-10.14.6', 'macbook-m1-pro-2021-macos-14.5', 'macbook-pro-16-intel-2019-catalina'].map((s) => ({
    name: `ifconfig + networksetup ${s}`,
    files: [`macos/network/ifconfig-${s}.txt`, `macos/network/networksetup-listallhardwareports-${s}.txt`],
    build: () =>
      inventory('darwin', {
        network: network({ interfaces: macInterfaces(parseIfconfig(readShared(`macos/network/ifconfig-${s}.txt`)), parseHardwarePorts(readShared(`macos/network/networksetup-listallhardwareports-${s}.txt`))) }),
      }),
  })),
  {
    name: 'ifconfig -a + networksetup + netstat -rn (macOS 26.6.2 VM)',
    files: ['macos/network/ifconfig-a-macos-26.6.2-vm.txt', 'macos/network/networksetup-listallhardwareports-macos-26.6.2-vm.txt', 'macos/network/netstat-rn-macos-26.6.2-vm.txt'],
    build: () =>
      inventory('darwin', {
        network: network({
          interfaces: macInterfaces(parseIfconfig(readShared('macos/network/ifconfig-a-macos-26.6.2-vm.txt')), parseHardwarePorts(readShared('macos/network/networksetup-listallhardwareports-macos-26.6.2-vm.txt'))),
          defaultGateways: parseNetstatRoutes(readShared('macos/network/netstat-rn-macos-26.6.2-vm.txt')),
        }),
      }),
  },
  {
    name: 'netstat -rn (macOS 10.12.6)',
    files: ['macos/network/netstat-rn-macos-10.12.6.txt'],
    build: () => inventory('darwin', { network: network({ defaultGateways: parseNetstatRoutes(readShared('macos/network/netstat-rn-macos-10.12.6.txt')) }) }),
  },
  {
    name: 'airport -I',
    files: ['macos/network/airport-I-osx-10.14.6.txt'],
    build: () => {
      const wifi = parseAirportInfo(readShared('macos/network/airport-I-osx-10.14.6.txt'), 'en0');
      return inventory('darwin', { network: network({ wifi: wifi === null ? [] : [wifi] }) });
    },
  },
  ...['10.15.7', '15.5'].map((v) => ({
    name: `system_profiler SPAirPortDataType ${v}`,
    files: [`macos/network/system_profiler-SPAirPortDataType-json-macos-${v}.json`],
    build: () => inventory('darwin', { network: network({ wifi: parseSpAirport(readShared(`macos/network/system_profiler-SPAirPortDataType-json-macos-${v}.json`)) }) }),
  })),
  ...['en', 'de', 'es', 'fr', 'it'].map((lang) => ({
    name: `netsh wlan show interfaces (${lang})`,
    files: [`windows/network/netsh-wlan-show-interfaces-${lang}.txt`],
    build: () => inventory('win32', { network: network({ wifi: parseNetshWlanInterfaces(readShared(`windows/network/netsh-wlan-show-interfaces-${lang}.txt`)) }) }),
  })),
  ...['windows-xp', 'windows-7', 'windows-2016', 'windows-10-tailscale', 'windows-11'].map((s) => ({
    name: `ipconfig /all ${s}`,
    files: [`windows/network/ipconfig-all-${s}.txt`],
    build: () => {
      const net = parseIpconfigAll(readShared(`windows/network/ipconfig-all-${s}.txt`));
      return inventory('win32', { network: network({ interfaces: net.interfaces, defaultGateways: net.defaultGateways, dns: net.dns }) });
    },
  })),
  // Protection
  ...['4.18.24050-2024-vm', '4.3.9463-2013'].map((s) => ({
    name: `Get-MpComputerStatus ${s}`,
    files: [`windows/antivirus/get-mpcomputerstatus-defender-${s}.txt`],
    build: () => inventory('win32', { antivirus: antivirus(mpStatusToProduct(parseMpComputerStatusText(readShared(`windows/antivirus/get-mpcomputerstatus-defender-${s}.txt`)))) }),
  })),
  ...[
    ['linux', 'linux/antivirus/mdatp-health-json-defender-101.23062.0010.json'],
    ['darwin', 'macos/antivirus/mdatp-health-json-defender-101.98.30.json'],
  ].map(([platform, file = '']) => ({
    name: `mdatp health ${file}`,
    files: [file],
    build: () => inventory(platform as Platform, { antivirus: antivirus(parseMdatpHealth(readShared(file))) }),
  })),
  {
    name: 'sentinelctl (Linux)',
    files: ['linux/antivirus/sentinelctl-sentinelone-30.1.1.10.txt'],
    build: () => inventory('linux', { antivirus: antivirus(parseSentinelCtl(readShared('linux/antivirus/sentinelctl-sentinelone-30.1.1.10.txt'))) }),
  },
  {
    name: 'sentinelctl (macOS)',
    files: ['macos/antivirus/sentinelctl-version-sentinelone-24.1.2.7444.txt', 'macos/antivirus/sentinelctl-status-sentinelone-24.1.2.7444.txt'],
    build: () =>
      inventory('darwin', {
        antivirus: antivirus(parseSentinelCtl(['version', 'status'].map((k) => readShared(`macos/antivirus/sentinelctl-${k}-sentinelone-24.1.2.7444.txt`)).join('\n'))),
      }),
  },
  {
    name: 'cytool (Cortex XDR)',
    files: ['info', 'info-query', 'runtime-query'].map((k) => `macos/antivirus/cytool-${k}-cortex-xdr-8.2.1.47908.txt`),
    build: () => {
      const read = (k: string) => readShared(`macos/antivirus/cytool-${k}-cortex-xdr-8.2.1.47908.txt`);
      return inventory('darwin', { antivirus: antivirus(parseCytool(read('info'), read('info-query'), read('runtime-query'))) });
    },
  },
  {
    name: 'bduitool (Bitdefender)',
    files: ['linux/antivirus/bduitool-get-ps-bitdefender-7.0.3.2239.txt'],
    build: () => inventory('linux', { antivirus: antivirus(parseBduitool(readShared('linux/antivirus/bduitool-get-ps-bitdefender-7.0.3.2239.txt'))) }),
  },
  {
    // GLPI's format has no backup section: the capture is parsed and the document stays valid without it.
    name: 'com.apple.TimeMachine.plist',
    files: ['macos/backup/com.apple.TimeMachine-2013-2014.plist'],
    build: () => {
      const prefs = parseTimeMachinePlist(decodePlist(readSharedBytes('macos/backup/com.apple.TimeMachine-2013-2014.plist')));
      expect(prefs.destinations.length).toBeGreaterThan(0);
      return inventory('darwin', {});
    },
  },
];

/** Captures Deskside's collectors do not read, and why; everything else must be in CASES. */
const NOT_PARSED: readonly [RegExp, string][] = [
  [/\.expected\.json$|-peer-assertions\.json$|PROVENANCE\.md$/, 'what the source projects assert, not a capture'],
  [/\/schema\//, "GLPI's schema, its example and whole-agent XML inventories"],
  [/^linux\/software\/(dpkg-l-|rpm-qi-)/, 'human tables: Deskside asks dpkg-query and rpm for explicit formats'],
  [/^windows\/software\/(appx-packages-win10-ru\.txt|wmi-win32_quickfixengineering|registry-(setup|sql)-mssql)/, "another agent's own dumps and SQL Server keys Deskside does not read"],
  [/^windows\/hardware\/(systeminfo-|dmidecode-windows-|registry-centralprocessor-|wmi-win32_physicalmemoryarray|wmi-win32_cdromdrive)/, 'formats Deskside reads through CIM JSON instead'],
  [/^windows\/network\/(route-print|netsh-wlan-show-networks|wmi-)/, 'neighbouring networks and formats Deskside reads through CIM JSON'],
  [/^macos\/hardware\/ioreg-/, 'an `ioreg -l` tree: Deskside reads serial and UUID from system_profiler'],
  [/^macos\/network\/(airport-s-|com\.apple\.airport\.preferences|sw_vers-)/, 'neighbouring or remembered networks, not inventory'],
  [/^macos\/software\/system_profiler-SPApplicationsDataType-sample1-fr\.txt$/, "the text report of applications (Deskside asks for -xml)"],
];

function allCaptures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allCaptures(join(dir, e.name)) : [relative(SHARED_FIXTURES, join(dir, e.name))]));
}

describe.skipIf(!glpiSchemaPresent)('GLPI document schema validity over real captures', () => {
  const validate = glpiSchemaPresent ? glpiValidator() : () => [];
  let valid = 0;

  afterAll(() => console.log(`GLPI schema validity over real captures: ${valid} of ${CASES.length} documents valid`));

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const glpi = toGlpiInventory(c.build());
    expect(validate(glpi)).toEqual([]);
    valid += 1;
  });

  it('leaves no capture out: each is parsed above or named with the reason Deskside does not read it', () => {
    const parsed = new Set(CASES.flatMap((c) => c.files));
    const unexplained = allCaptures(SHARED_FIXTURES).filter((f) => !parsed.has(f) && !NOT_PARSED.some(([pattern]) => pattern.test(f)));
    expect(unexplained).toEqual([]);
  });
});
