import { z } from 'zod';

import { list, maybeCount, maybeNumber, maybeText, nonNegativeInt, triState } from '../limits.js';

export const CpuSchema = z.strictObject({
  model: maybeText(),
  manufacturer: maybeText(),
  sockets: maybeCount,
  cores: maybeCount,
  threads: maybeCount,
  baseSpeedMhz: maybeNumber,
});

export const MemoryModuleSchema = z.strictObject({
  slot: maybeText(),
  sizeBytes: maybeCount,
  type: maybeText(64),
  speedMhz: maybeNumber,
  manufacturer: maybeText(),
  partNumber: maybeText(),
  serial: maybeText(),
});

export const BatterySchema = z.strictObject({
  model: maybeText(),
  manufacturer: maybeText(),
  designCapacityMwh: maybeNumber,
  fullChargeCapacityMwh: maybeNumber,
  cycleCount: maybeCount,
  /** Full-charge capacity as a percentage of design capacity. */
  healthPercent: maybeNumber,
  chargePercent: maybeNumber,
  charging: triState,
});

export const GpuSchema = z.strictObject({
  model: maybeText(),
  vendor: maybeText(),
  vramBytes: maybeCount,
  driverVersion: maybeText(),
});

export const DisplaySchema = z.strictObject({
  model: maybeText(),
  vendor: maybeText(),
  serial: maybeText(),
  widthPx: maybeCount,
  heightPx: maybeCount,
  sizeInches: maybeNumber,
  connection: maybeText(64),
  builtin: triState,
  main: triState,
});

export const HardwareDataSchema = z.strictObject({
  cpu: CpuSchema,
  memory: z.strictObject({
    totalBytes: nonNegativeInt,
    modules: list(MemoryModuleSchema, 64),
  }),
  bios: z.strictObject({
    vendor: maybeText(),
    version: maybeText(),
    releaseDate: maybeText(64),
    firmwareType: z.enum(['uefi', 'bios', 'apple', 'unknown']),
  }),
  baseboard: z.strictObject({
    manufacturer: maybeText(),
    model: maybeText(),
    version: maybeText(),
    serial: maybeText(),
  }),
  gpus: list(GpuSchema, 16),
  displays: list(DisplaySchema, 16),
  batteries: list(BatterySchema, 4),
});
export type HardwareData = z.infer<typeof HardwareDataSchema>;
