import { HardwareDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseLinuxHardware, type LinuxHardwareInput } from '../../../collectors/hardware/parse-linux.js';
import { readJsonFixture } from '../fake-system.js';

describe('parseLinuxHardware', () => {
  it('reads a laptop as systeminformation reports it with root', () => {
    const data = parseLinuxHardware(readJsonFixture<LinuxHardwareInput>('linux/hardware/si-thinkpad-t14.json'));
    expect(data).toEqual({
      cpu: { model: 'AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics', manufacturer: 'AMD', sockets: 1, cores: 8, threads: 16, baseSpeedMhz: 5130 },
      memory: {
        totalBytes: 32768000000,
        modules: [
          { slot: 'Bank 0', sizeBytes: 17179869184, type: 'LPDDR5', speedMhz: 6400, manufacturer: 'Samsung', partNumber: 'K3KL8L80CM-MGCT', serial: null },
          { slot: 'Bank 1', sizeBytes: 17179869184, type: 'LPDDR5', speedMhz: 6400, manufacturer: 'Samsung', partNumber: 'K3KL8L80CM-MGCT', serial: null },
        ],
      },
      bios: { vendor: 'LENOVO', version: 'R2AET48W (1.23 )', releaseDate: '2026-05-14', firmwareType: 'uefi' },
      baseboard: { manufacturer: 'LENOVO', model: '21K3CTO1WW', version: 'SDK0T76479 WIN', serial: 'L1HF3AB00XY' },
      gpus: [{ model: 'Phoenix1', vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', vramBytes: 536870912, driverVersion: null }],
      displays: [
        { model: null, vendor: null, serial: null, widthPx: 1920, heightPx: 1200, sizeInches: 14.0, connection: 'eDP-1', builtin: true, main: true },
        { model: null, vendor: null, serial: null, widthPx: 2560, heightPx: 1440, sizeInches: 27.0, connection: 'HDMI-A-1', builtin: false, main: false },
      ],
      batteries: [{ model: '5B10W51867', manufacturer: 'Celxpert', designCapacityMwh: 52500, fullChargeCapacityMwh: 49100, cycleCount: 74, healthPercent: 93.5, chargePercent: 81, charging: false }],
    });
    expect(HardwareDataSchema.safeParse(data).success).toBe(true);
  });

  it('drops the made-up module systeminformation reports without root and leaves unknowns null', () => {
    const data = parseLinuxHardware(readJsonFixture<LinuxHardwareInput>('linux/hardware/si-container-no-root.json'));
    expect(data.memory).toEqual({ totalBytes: 25276518400, modules: [] });
    expect(data.cpu).toEqual({ model: 'AMD EPYC', manufacturer: 'AMD', sockets: 1, cores: 2, threads: 2, baseSpeedMhz: null });
    expect(data.bios).toEqual({ vendor: null, version: null, releaseDate: null, firmwareType: 'bios' });
    expect(data.batteries).toEqual([]);
    expect(HardwareDataSchema.safeParse(data).success).toBe(true);
  });

  it('does not call mAh capacities mWh', () => {
    const input = readJsonFixture<LinuxHardwareInput>('linux/hardware/si-thinkpad-t14.json');
    const data = parseLinuxHardware({ ...input, battery: { ...input.battery, capacityUnit: 'mAh', designedCapacity: 4000, maxCapacity: 3000 } });
    expect(data.batteries[0]).toMatchObject({ designCapacityMwh: null, fullChargeCapacityMwh: null, healthPercent: 75 });
  });
});
