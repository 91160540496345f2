import { HardwareDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseMacHardware, parseMacSize, parseMacSpeedMhz } from '../../../collectors/hardware/parse-macos.js';
import { readFixture, readJsonFixture } from '../fake-system.js';

describe('parseMacHardware', () => {
  it('reads an Apple silicon MacBook Pro with built-in and external displays and a battery', () => {
    const data = parseMacHardware({
      profiler: readJsonFixture('macos/hardware/system_profiler-sonoma-m1-pro.json'),
      sysctl: readFixture('macos/hardware/sysctl-hw-m1-pro.txt'),
    });
    expect(data).toEqual({
      cpu: { model: 'Apple M1 Pro', manufacturer: 'Apple', sockets: 1, cores: 10, threads: 10, baseSpeedMhz: null },
      memory: {
        totalBytes: 34359738368,
        modules: [{ slot: null, sizeBytes: 34359738368, type: 'LPDDR5', speedMhz: null, manufacturer: 'Micron', partNumber: null, serial: null }],
      },
      bios: { vendor: 'Apple Inc.', version: '10151.121.1', releaseDate: null, firmwareType: 'apple' },
      baseboard: { manufacturer: 'Apple Inc.', model: 'MacBookPro18,3', version: null, serial: null },
      gpus: [{ model: 'Apple M1 Pro', vendor: 'Apple', vramBytes: null, driverVersion: null }],
      displays: [
        { model: 'Color LCD', vendor: 'Apple', serial: 'fd626d62', widthPx: 3024, heightPx: 1964, sizeInches: null, connection: 'Internal', builtin: true, main: true },
        { model: 'LG HDR 4K', vendor: null, serial: '2e1c0', widthPx: 3840, heightPx: 2160, sizeInches: null, connection: null, builtin: null, main: null },
      ],
      batteries: [
        { model: 'bq40z651', manufacturer: null, designCapacityMwh: null, fullChargeCapacityMwh: null, cycleCount: 187, healthPercent: 91, chargePercent: 76, charging: true },
      ],
    });
    expect(HardwareDataSchema.safeParse(data).success).toBe(true);
  });

  it('reads an Intel iMac with French units, DIMM slots (empty ones left out) and no battery', () => {
    const data = parseMacHardware({
      profiler: readJsonFixture('macos/hardware/system_profiler-ventura-imac-intel-fr.json'),
      sysctl: readFixture('macos/hardware/sysctl-hw-imac-intel.txt'),
    });
    expect(data.cpu).toEqual({ model: 'Intel Core i5-10500 CPU @ 3.10GHz', manufacturer: 'Intel', sockets: 1, cores: 6, threads: 6, baseSpeedMhz: 3100 });
    expect(data.memory.totalBytes).toBe(17179869184);
    expect(data.memory.modules.map((m) => [m.slot, m.sizeBytes, m.speedMhz, m.type])).toEqual([
      ['BANK 0/ChannelA-DIMM0', 8589934592, 2667, 'DDR4'],
      ['BANK 1/ChannelB-DIMM0', 8589934592, 2667, 'DDR4'],
    ]);
    expect(data.gpus).toEqual([{ model: 'AMD Radeon Pro 5300', vendor: 'AMD', vramBytes: 4294967296, driverVersion: null }]);
    expect(data.batteries).toEqual([]);
    expect(HardwareDataSchema.safeParse(data).success).toBe(true);
  });

  it('falls back to system_profiler when sysctl printed nothing', () => {
    const data = parseMacHardware({ profiler: readJsonFixture('macos/hardware/system_profiler-ventura-imac-intel-fr.json'), sysctl: '' });
    expect(data.cpu.baseSpeedMhz).toBe(3100);
    expect(data.cpu.cores).toBe(6);
    expect(data.memory.totalBytes).toBe(17179869184);
  });

  it('reads sizes and speeds in English and French units, and refuses garbage', () => {
    expect(parseMacSize('1536 MB')).toBe(1536 * 1024 ** 2);
    expect(parseMacSize('16 Go')).toBe(16 * 1024 ** 3);
    expect(parseMacSize('1,5 TB')).toBe(1.5 * 1024 ** 4);
    expect(parseMacSize('empty')).toBeNull();
    expect(parseMacSpeedMhz('2,26 GHz')).toBe(2260);
    expect(parseMacSpeedMhz('800 MHz')).toBe(800);
    expect(parseMacSpeedMhz('fast')).toBeNull();
  });
});
