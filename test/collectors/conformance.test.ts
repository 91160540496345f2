import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';

import { parseSystemProfilerText, toProfilerJson } from '../../collectors/common/system-profiler-text.js';
import { parseWmicList } from '../../collectors/common/wmic-list.js';
import { decodeByBom } from '../../collectors/exec/decode.js';
import { parseMacHardware, parseMacSize, parseMacSpeedMhz } from '../../collectors/hardware/parse-macos.js';
import { parsePowercfgBatteryReport } from '../../collectors/hardware/parse-powercfg-battery.js';
import { cleanModelName, parseWindowsHardware } from '../../collectors/hardware/parse-windows.js';
import { normalizeProfilerPlist, parseMacStorage } from '../../collectors/storage/parse-macos.js';
import { parseMsftPhysicalDisks, parseWin32DiskDrives } from '../../collectors/storage/parse-windows.js';
import { parseMacSystem } from '../../collectors/system/parse-macos.js';
import { parseWindowsSystem } from '../../collectors/system/parse-windows.js';

/**
 * Conformance over real captures kept beside the repository (../shared/fixtures, read in place and
 * never copied). Each capture is parsed by our own parser and compared with the values the capturing
 * project's tests assert, on the fields both sides mean the same way.
 */
const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures');
const present = existsSync(SHARED);
if (!present) console.log(`conformance: ${SHARED} is absent; the real-capture suite is skipped`);

const read = (path: string): string => decodeByBom(readFileSync(join(SHARED, path)));
const wmi = (path: string): Record<string, string>[] => parseWmicList(read(path));
const expected = <T>(path: string): T => (JSON.parse(read(path)) as { expected: T }).expected;
const mb = (bytes: number | null): number | null => (bytes === null ? null : Math.floor(bytes / 1e6));

describe.skipIf(!present)('conformance: Windows hardware captures (wmic /format:list, UTF-16LE)', () => {
  interface Cpu {
    NAME: string;
    SPEED: string;
  }
  for (const sample of ['win7', '2019-amd-epyc']) {
    it(`Win32_Processor ${sample}: model name and base speed`, () => {
      const data = parseWindowsHardware({ cpu: wmi(`windows/hardware/wmi-win32_processor-${sample}.wmi`) });
      const [cpu] = expected<Cpu[]>(`windows/hardware/wmi-win32_processor-${sample}.expected.json`);
      // The peer also drops "(R)"/"(TM)"; both sides compare without them and without spacing differences.
      expect(data.cpu.model?.replace(/\s+/g, ' ')).toBe(cleanModelName(cpu?.NAME ?? null));
      expect(Math.abs((data.cpu.baseSpeedMhz ?? 0) - Number(cpu?.SPEED))).toBeLessThanOrEqual(Number(cpu?.SPEED) * 0.01);
    });
  }

  it('Win32_PhysicalMemory win7-fr: one module per slot with capacity and speed', () => {
    const data = parseWindowsHardware({ mem: wmi('windows/hardware/wmi-win32_physicalmemory-win7-fr.wmi') });
    const modules = expected<{ CAPACITY: string; SPEED: string }[]>('windows/hardware/wmi-win32_physicalmemory-win7-fr.expected.json');
    expect(data.memory.modules.map((m) => [(m.sizeBytes ?? 0) / 1024 ** 2, m.speedMhz])).toEqual(modules.map((m) => [Number(m.CAPACITY), Number(m.SPEED)]));
    // "0000000" is not a serial number.
    expect(data.memory.modules.every((m) => m.serial === null)).toBe(true);
  });

  it('Win32_BIOS + Win32_ComputerSystem on Proxmox: release date, maker and a recognized VM', () => {
    const hw = parseWindowsHardware({ bios: wmi('windows/hardware/wmi-win32_bios-proxmox.wmi') });
    const sys = parseWindowsSystem({
      parts: { cs: wmi('windows/hardware/wmi-win32_computersystem-proxmox.wmi').map((c) => ({ ...c, Name: 'PROXMOX-GUEST' })), bios: wmi('windows/hardware/wmi-win32_bios-proxmox.wmi') },
      now: new Date(),
      timezone: null,
    });
    const bios = expected<{ BDATE: string; SMANUFACTURER: string; SMODEL: string }>('windows/hardware/wmi-win32_bios-proxmox.expected.json');
    const [month, day, year] = bios.BDATE.split('/');
    expect(hw.bios.releaseDate).toBe(`${year}-${month}-${day}`);
    expect(sys.manufacturer).toBe(bios.SMANUFACTURER);
    expect(sys.model).toBe(bios.SMODEL);
    expect(sys.virtualMachine).toBe(true);
    expect(sys.hypervisor).toBe('KVM');
  });

  it('Win32_ComputerSystem of an Azure AD-joined Windows 11 laptop: a workgroup, not a domain', () => {
    const cs = wmi('windows/hardware/wmi-win32_computersystem-win11-azuread.wmi');
    const sys = parseWindowsSystem({ parts: { cs }, now: new Date(), timezone: null });
    expect(sys.domain).toBeNull();
    expect(sys.workgroup).toBe('WORKGROUP');
    expect(sys.chassisType).toBeNull();
    expect(sys.model).toBe('20TBS57S00');
  });

  for (const sample of ['win10-edu-2020-fr', 'latitude-7480']) {
    it(`MSFT_PhysicalDisk ${sample}: model, serial, bus, size and kind`, () => {
      const disks = parseMsftPhysicalDisks(wmi(`windows/hardware/wmi-msft_physicaldisk-${sample}.wmi`));
      const file = sample === 'latitude-7480' ? 'wmi-win32_diskdrive-latitude-7480' : `wmi-msft_physicaldisk-${sample}`;
      const peer = expected<{ MODEL: string; SERIAL: string; INTERFACE: string | null; DISKSIZE: number; TYPE: string }[]>(`windows/hardware/${file}.expected.json`).filter(
        (d) => d.INTERFACE !== null,
      );
      expect(disks.map((d) => [d.model, d.interface, mb(d.sizeBytes)])).toEqual(peer.map((d) => [d.MODEL, d.INTERFACE, d.DISKSIZE]));
      // The Latitude's asserted serial comes from a source outside this capture; MSFT_PhysicalDisk gives the NVMe EUI.
      if (sample !== 'latitude-7480') expect(disks.map((d) => d.serial)).toEqual(peer.map((d) => d.SERIAL));
      const kinds: Record<string, readonly string[]> = { Virtual: ['virtual'], SSD: ['ssd', 'nvme'], HDD: ['hdd'] };
      disks.forEach((d, i) => expect(kinds[peer[i]?.TYPE ?? '']).toContain(d.type));
    });
  }

  it('Win32_DiskDrive win7 SP1 (French): hex serials decoded, sizes and interfaces', () => {
    const disks = parseWin32DiskDrives(wmi('windows/hardware/wmi-win32_diskdrive-win7-sp1-x64-fr.wmi'));
    const peer = expected<{ MODEL: string; SERIAL?: string; INTERFACE: string; DISKSIZE: number; NAME: string }[]>('windows/hardware/wmi-win32_diskdrive-win7-sp1-x64-fr.expected.json');
    expect(disks.map((d) => [d.device, d.model, d.serial, d.interface, mb(d.sizeBytes)])).toEqual(
      peer.map((d) => [d.NAME, d.MODEL, d.SERIAL ?? null, d.INTERFACE, d.DISKSIZE]),
    );
  });

  for (const sample of ['win10-dell-xps', 'windows-10-notebook']) {
    it(`powercfg /batteryreport /xml ${sample}: capacities, maker and serial`, () => {
      const packs = parsePowercfgBatteryReport(read(`windows/hardware/powercfg-batteryreport-${sample}.xml`));
      const peer = expected<{ CAPACITY: string; REAL_CAPACITY: string; NAME: string; MANUFACTURER: string; SERIAL: string; CHEMISTRY: string }[]>(
        `windows/hardware/powercfg-batteryreport-${sample}.expected.json`,
      );
      expect(packs.map((p) => [p.id, p.manufacturer, p.serial, p.chemistry, p.designCapacityMwh, p.fullChargeCapacityMwh])).toEqual(
        peer.map((b) => [b.NAME, b.MANUFACTURER, b.SERIAL, b.CHEMISTRY, Number(b.CAPACITY), Number(b.REAL_CAPACITY)]),
      );
    });
  }
});

describe.skipIf(!present)('conformance: macOS hardware captures', () => {
  it('system_profiler -xml SPSerialATADataType: the disk with model, serial, size and SMART', () => {
    const data = parseMacStorage(normalizeProfilerPlist(parsePlist(read('macos/hardware/system_profiler-SPSerialATADataType.xml'))));
    const peer = expected<{ MODEL: string; SERIAL: string; NAME: string; DISKSIZE: number }[]>('macos/hardware/system_profiler-SPSerialATADataType.expected.json');
    expect(data.disks.map((d) => [d.device, d.model, d.serial, Math.floor((d.sizeBytes ?? 0) / 1024 ** 2)])).toEqual(
      peer.map((d) => [`/dev/${d.NAME}`, d.MODEL, d.SERIAL, d.DISKSIZE]),
    );
    expect(data.disks[0]).toMatchObject({ interface: 'SATA', smartStatus: 'ok', removable: false });
  });

  const textReport = (name: string) => toProfilerJson(parseSystemProfilerText(read(`macos/hardware/${name}.txt`)));

  for (const sample of ['system_profiler-10.6-intel', 'system_profiler-10.4-powerpc-fr']) {
    it(`${sample} (text report): model, serial, UUID, memory, CPU speed and count`, () => {
      const overview = expected<{ Hardware: { 'Hardware Overview': Record<string, string> } }>(`macos/hardware/${sample}.expected.json`).Hardware['Hardware Overview'];
      const profiler = textReport(sample);
      const hw = parseMacHardware({ profiler, sysctl: '' });
      const sys = parseMacSystem({ profiler, swVers: '', sysctl: '', dsconfigad: '', hostname: 'mac', machineArch: 'x86_64', timezone: null, locale: null, now: new Date() });
      const model = overview['Model Identifier'] ?? overview['Machine Model'];
      expect(hw.baseboard.model).toBe(model);
      expect(sys.serial).toBe(overview['Serial Number (system)'] ?? overview['Serial Number']);
      expect(sys.hardwareUuid).toBe(overview['Hardware UUID'] ?? null);
      expect(hw.memory.totalBytes).toBe(parseMacSize(overview.Memory));
      expect(hw.cpu.baseSpeedMhz).toBe(parseMacSpeedMhz(overview['Processor Speed'] ?? overview['CPU Speed']));
      expect(hw.cpu.sockets).toBe(Number(overview['Number Of Processors'] ?? overview['Number Of CPUs']));
      if (overview['Total Number Of Cores']) expect(hw.cpu.cores).toBe(Number(overview['Total Number Of Cores']));
    });
  }

  for (const [sample, sysctl] of [
    ['system_profiler-10.6-macmini', 'sysctl-10.6-macmini'],
    ['system_profiler-11.0-apple-m1', 'sysctl-11.0-apple-m1'],
  ] as const) {
    it(`${sample} + ${sysctl}: CPU name, maker and cores`, () => {
      const hw = parseMacHardware({ profiler: textReport(sample), sysctl: read(`macos/hardware/${sysctl}.txt`) });
      const [cpu] = expected<{ CPUS: { NAME: string; CORE: string; THREAD: number; MANUFACTURER: string }[] }>(`macos/hardware/${sample}.expected.json`).CPUS;
      expect(hw.cpu.model).toBe(cleanModelName(cpu?.NAME ?? null));
      expect(hw.cpu.manufacturer).toBe(cpu?.MANUFACTURER);
      expect(hw.cpu.cores).toBe(Number(cpu?.CORE));
      expect(hw.cpu.threads).toBe(Number(cpu?.THREAD));
    });
  }

  it('system_profiler SPPowerDataType 10.11 (text report): battery model and maker', () => {
    const hw = parseMacHardware({ profiler: textReport('system_profiler-SPPowerDataType-10.11'), sysctl: '' });
    const peer = expected<{ NAME: string; MANUFACTURER: string }>('macos/hardware/system_profiler-SPPowerDataType-10.11.expected.json');
    expect(hw.batteries.map((b) => [b.model, b.manufacturer])).toEqual([[peer.NAME, peer.MANUFACTURER]]);
    expect(hw.batteries[0]?.cycleCount).toBe(552);
  });
});
