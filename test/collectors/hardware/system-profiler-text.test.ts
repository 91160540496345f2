import { describe, expect, it } from 'vitest';

import { parseSystemProfilerText, profilerOutput, toProfilerJson } from '../../../collectors/common/system-profiler-text.js';
import { hardwareCollector } from '../../../collectors/hardware/index.js';
import { parseMacHardware } from '../../../collectors/hardware/parse-macos.js';
import { systemCollector } from '../../../collectors/system/index.js';
import { createFakeSystem, readFixture } from '../fake-system.js';

const report = readFixture('macos/hardware/system_profiler-text-mojave-macbookpro.txt');

describe('system_profiler text report (macOS before 10.15)', () => {
  it('parses the outline into nested sections', () => {
    const tree = parseSystemProfilerText(report);
    expect(tree.Hardware).toMatchObject({ 'Hardware Overview': { 'Model Identifier': 'MacBookPro14,1', 'Processor Speed': '2,3 GHz' } });
    expect(tree.Memory).toMatchObject({ 'Memory Slots': { ECC: 'Disabled', 'BANK 1/DIMM0': { Size: '4 GB' } } });
    expect(parseSystemProfilerText('')).toEqual({});
  });

  it('gives the hardware parser the same shape as -json', () => {
    const data = parseMacHardware({ profiler: toProfilerJson(parseSystemProfilerText(report)), sysctl: '' });
    expect(data.cpu).toEqual({ model: 'Intel Core i5', manufacturer: 'Intel', sockets: 1, cores: 2, threads: 2, baseSpeedMhz: 2300 });
    expect(data.memory.totalBytes).toBe(8 * 1024 ** 3);
    expect(data.memory.modules.map((m) => [m.slot, m.sizeBytes, m.type, m.speedMhz, m.partNumber])).toEqual([
      ['BANK 0/DIMM0', 4 * 1024 ** 3, 'LPDDR3', 2133, null],
      ['BANK 1/DIMM0', 4 * 1024 ** 3, 'LPDDR3', 2133, null],
    ]);
    expect(data.batteries).toEqual([
      { model: 'bq20z451', manufacturer: 'SMP', designCapacityMwh: null, fullChargeCapacityMwh: null, cycleCount: 402, healthPercent: null, chargePercent: null, charging: true },
    ]);
    expect(data.bios.version).toBe('204.0.0.0.0');
  });

  it('finds the modules Mac OS X 10.4/10.5 list directly under "Memory:" (no "Memory Slots:" level)', () => {
    const leopard = readFixture('macos/hardware/system_profiler-text-leopard-imac.txt');
    const data = parseMacHardware({ profiler: toProfilerJson(parseSystemProfilerText(leopard)), sysctl: '' });
    expect(data.memory.totalBytes).toBe(2 * 1024 ** 3);
    expect(data.memory.modules.map((m) => [m.slot, m.sizeBytes, m.type, m.speedMhz])).toEqual([
      ['DIMM0/BANK 0', 1024 ** 3, 'DDR2 SDRAM', 667],
      ['DIMM1/BANK 1', 1024 ** 3, 'DDR2 SDRAM', 667],
    ]);
  });

  it('returns null for output that is neither JSON nor a report', () => {
    expect(profilerOutput('{ broken')).toBeNull();
    expect(profilerOutput('usage: system_profiler [-listDataTypes]')).toBeNull();
  });

  it('falls back to the text report when -json is refused', async () => {
    const system = createFakeSystem({
      commands: {
        'system_profiler -json SPHardwareDataType SPDisplaysDataType SPPowerDataType SPMemoryDataType': { stdout: '', stderr: 'system_profiler: invalid option -json\n', exitCode: 64 },
        'system_profiler SPHardwareDataType SPDisplaysDataType SPPowerDataType SPMemoryDataType': 'macos/hardware/system_profiler-text-mojave-macbookpro.txt',
        'system_profiler -json -detailLevel mini SPHardwareDataType SPSoftwareDataType': { stdout: 'usage: system_profiler', exitCode: 64 },
        'system_profiler -detailLevel mini SPHardwareDataType SPSoftwareDataType': 'macos/hardware/system_profiler-text-mojave-macbookpro.txt',
        'sysctl *': { stdout: 'kern.osrelease: 18.7.0\n', exitCode: 1 },
        sw_vers: { stdout: 'ProductName:\tMac OS X\nProductVersion:\t10.14.6\nBuildVersion:\t18G9323\n' },
      },
    });
    const ctx = { platform: 'darwin' as const, system, signal: new AbortController().signal, now: () => new Date(), backupStaleDays: 7 };
    const hw = await hardwareCollector.collect(ctx);
    expect(hw.cpu.cores).toBe(2);
    const sys = await systemCollector.collect(ctx);
    expect(sys).toMatchObject({ serial: 'C02VX1YZHV2N', hardwareUuid: '5A1E2B3C-4D5E-5F60-8172-93A4B5C6D7E8', loggedInUser: 'rene', chassisType: 'notebook' });
    expect(sys.os).toMatchObject({ name: 'Mac OS X 10.14.6', build: '18G9323', kernel: '18.7.0' });
  });
});
