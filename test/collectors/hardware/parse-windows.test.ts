import { HardwareDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parsePowercfgBatteryReport } from '../../../collectors/hardware/parse-powercfg-battery.js';
import { decodeWmiString, parseWindowsHardware, qword, videoOutput } from '../../../collectors/hardware/parse-windows.js';
import { readFixture, readJsonFixture } from '../fake-system.js';

describe('parseWindowsHardware', () => {
  for (const name of ['cim-latitude-7440-fr', 'cim-thinkstation-de-powercfg']) {
    it(`parses ${name} as expected`, () => {
      const data = parseWindowsHardware(readJsonFixture(`windows/hardware/${name}.json`));
      expect(data).toEqual(readJsonFixture(`windows/hardware/${name}.expected.json`));
      expect(HardwareDataSchema.safeParse(data).success).toBe(true);
    });
  }

  it('says Intel/AMD for the CPUID vendor and names the early CIM memory types (2 = DRAM)', () => {
    const data = parseWindowsHardware(readJsonFixture('windows/hardware/cim-early-dram-amd.json'));
    expect(data.cpu).toMatchObject({ model: 'AMD Athlon 64 Processor 3200+', manufacturer: 'AMD', cores: 1 });
    // SMBIOSMemoryType 0 or absent: the older MemoryType decides; 0 (Unknown) stays unknown.
    expect(data.memory.modules.map((m) => m.type)).toEqual(['DRAM', 'Synchronous DRAM', null]);
    expect(HardwareDataSchema.safeParse(data).success).toBe(true);
    const intel = parseWindowsHardware({ cpu: { Name: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz', Manufacturer: 'GenuineIntel' } });
    expect(intel.cpu.manufacturer).toBe('Intel');
  });

  it('gives an empty but valid section when every CIM query failed', () => {
    const data = parseWindowsHardware({ cpuError: 'Access denied', memError: 'Access denied' });
    expect(data.cpu).toEqual({ model: null, manufacturer: null, sockets: null, cores: null, threads: null, baseSpeedMhz: null });
    expect(data.memory).toEqual({ totalBytes: 0, modules: [] });
    expect(data.bios.firmwareType).toBe('unknown');
    expect(HardwareDataSchema.safeParse(data).success).toBe(true);
  });

  it('uses the single controller resolution when there is one monitor', () => {
    const data = parseWindowsHardware({
      gpu: { Name: 'Microsoft Basic Display Adapter', CurrentHorizontalResolution: 1024, CurrentVerticalResolution: 768 },
      monitors: { InstanceName: 'X', ManufacturerName: [71, 83, 77, 0], UserFriendlyName: [76, 71, 32, 85, 108, 116, 114, 97, 87, 105, 100, 101, 0, 0] },
    });
    expect(data.displays).toEqual([
      { model: 'LG UltraWide', vendor: 'LG Electronics', serial: null, widthPx: 1024, heightPx: 768, sizeInches: null, connection: null, builtin: null, main: true },
    ]);
  });

  it('reads the driver memory size as REG_QWORD or as 8 REG_BINARY bytes', () => {
    expect(qword(8589934592)).toBe(8589934592);
    expect(qword([0, 0, 0, 0, 2, 0, 0, 0])).toBe(8589934592);
    expect(qword([1, 2, 3])).toBeNull();
  });

  it('decodes WmiMonitorID arrays and output technologies', () => {
    expect(decodeWmiString([68, 69, 76, 0, 0])).toBe('DEL');
    expect(decodeWmiString([0, 0])).toBeNull();
    expect(decodeWmiString('garbage-but-text')).toBe('garbage-but-text');
    expect(videoOutput(5)).toEqual({ connection: 'HDMI', builtin: false });
    expect(videoOutput(-2147483648)).toEqual({ connection: 'Internal', builtin: true });
    expect(videoOutput(99)).toEqual({ connection: null, builtin: null });
  });
});

describe('parsePowercfgBatteryReport', () => {
  it('reads each pack with entities decoded and empty fields as null', () => {
    expect(parsePowercfgBatteryReport(readFixture('windows/hardware/powercfg-batteryreport-thinkpad-two-packs.xml'))).toEqual([
      { id: '5B10W13975', manufacturer: 'Sunwoda', serial: '1042', chemistry: 'LiP', designCapacityMwh: 50500, fullChargeCapacityMwh: 41210, cycleCount: 318 },
      { id: 'Akku & Co. 2', manufacturer: 'Celxpert', serial: null, chemistry: 'LION', designCapacityMwh: 23200, fullChargeCapacityMwh: null, cycleCount: 0 },
    ]);
  });

  it('rejects text that is not a battery report and accepts a report without batteries', () => {
    expect(() => parsePowercfgBatteryReport('<html>nope</html>')).toThrow(/not a powercfg battery report/);
    expect(() => parsePowercfgBatteryReport('')).toThrow();
    expect(parsePowercfgBatteryReport('<BatteryReport xmlns="x"><Batteries></Batteries></BatteryReport>')).toEqual([]);
  });
});
