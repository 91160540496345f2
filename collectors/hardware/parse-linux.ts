import type { HardwareData } from '@deskside/shared/inventory';
import type { Systeminformation } from 'systeminformation';

import { cpuVendorName } from '../common/cpu-vendor.js';
import { count, num, positive, round, str } from '../common/values.js';
import { drmConnection, type EdidInfo } from './parse-edid.js';
import { cleanModelName } from './parse-windows.js';
import { pnpVendorName } from './pnp-vendors.js';

/** What systeminformation returned on Linux, plus whether /sys/firmware/efi exists. */
export interface LinuxHardwareInput {
  readonly cpu: Partial<Systeminformation.CpuData>;
  readonly mem: Partial<Systeminformation.MemData>;
  readonly memLayout: readonly Partial<Systeminformation.MemLayoutData>[];
  readonly bios: Partial<Systeminformation.BiosData>;
  readonly baseboard: Partial<Systeminformation.BaseboardData>;
  readonly graphics: Partial<Systeminformation.GraphicsData>;
  readonly battery: Partial<Systeminformation.BatteryData>;
  readonly uefi: boolean;
  /** Connected monitors' EDIDs from /sys/class/drm (readable without root or a display server). */
  readonly drmDisplays?: readonly { readonly connector: string; readonly edid: EdidInfo }[];
}

/**
 * The agent runs as a service without a display server, where systeminformation sees no display;
 * the kernel's EDID copies name every connected monitor. The current mode comes from
 * systeminformation when a desktop session let it read one for the same connector.
 */
function drmDisplays(input: LinuxHardwareInput): HardwareData['displays'] {
  const fromSi = input.graphics.displays ?? [];
  const list = input.drmDisplays ?? [];
  return list.slice(0, 16).map(({ connector, edid }) => {
    const { connection, builtin } = drmConnection(connector);
    const current = fromSi.find((d) => d.connection === connector);
    return {
      model: str(edid.name) ?? edid.productCode,
      vendor: pnpVendorName(edid.manufacturerId),
      serial: str(edid.serial),
      widthPx: positive(current?.currentResX) ?? edid.preferredWidthPx,
      heightPx: positive(current?.currentResY) ?? edid.preferredHeightPx,
      sizeInches: edid.widthCm && edid.heightCm ? round(Math.sqrt(edid.widthCm ** 2 + edid.heightCm ** 2) / 2.54, 1) : null,
      connection,
      builtin,
      main: current?.main ?? (list.length === 1 ? true : null),
    };
  });
}

/**
 * Without root, dmidecode cannot run and systeminformation reports one made-up module holding all of
 * RAM with every other field empty; that is not a module, so it is dropped.
 */
function realModules(layout: readonly Partial<Systeminformation.MemLayoutData>[]): HardwareData['memory']['modules'] {
  return layout
    .filter((m) => str(m.bank) !== null || str(m.type) !== null || str(m.partNum) !== null || positive(m.clockSpeed) !== null)
    .filter((m) => positive(m.size) !== null)
    .slice(0, 64)
    .map((m) => ({
      slot: str(m.bank),
      sizeBytes: positive(m.size),
      type: str(m.type, 64),
      speedMhz: positive(m.clockSpeed),
      manufacturer: str(m.manufacturer),
      partNumber: str(m.partNum),
      serial: str(m.serialNum),
    }));
}

export function parseLinuxHardware(input: LinuxHardwareInput): HardwareData {
  const { cpu, mem, bios, baseboard, graphics, battery } = input;
  const brand = cleanModelName([str(cpu.manufacturer), str(cpu.brand)].filter(Boolean).join(' ') || null);
  const speedGhz = num(cpu.speedMax) || num(cpu.speed);
  const design = positive(battery.designedCapacity);
  const full = positive(battery.maxCapacity);
  // systeminformation reports mWh when the kernel gives energy_* and mAh when it gives charge_*.
  const inMwh = (battery.capacityUnit ?? '').toLowerCase() === 'wh' || (battery.capacityUnit ?? '').toLowerCase() === 'mwh';

  return {
    cpu: {
      model: brand,
      manufacturer: cpuVendorName(str(cpu.manufacturer)),
      sockets: positive(cpu.processors),
      cores: positive(cpu.physicalCores),
      threads: positive(cpu.cores),
      baseSpeedMhz: speedGhz ? Math.round(speedGhz * 1000) : null,
    },
    memory: { totalBytes: count(mem.total) ?? 0, modules: realModules(input.memLayout) },
    bios: {
      vendor: str(bios.vendor),
      version: str(bios.version),
      releaseDate: str(bios.releaseDate, 64),
      firmwareType: input.uefi ? 'uefi' : 'bios',
    },
    baseboard: {
      manufacturer: str(baseboard.manufacturer),
      model: str(baseboard.model),
      version: str(baseboard.version),
      serial: str(baseboard.serial),
    },
    gpus: (graphics.controllers ?? []).slice(0, 16).map((g) => ({
      model: cleanModelName(str(g.model)),
      vendor: str(g.vendor),
      vramBytes: positive(g.vram) !== null ? (positive(g.vram) as number) * 1024 * 1024 : null,
      driverVersion: str(g.driverVersion),
    })),
    displays: (input.drmDisplays ?? []).length > 0 ? drmDisplays(input) : (graphics.displays ?? []).slice(0, 16).map((d) => {
      const w = num(d.sizeX);
      const h = num(d.sizeY);
      return {
        model: str(d.model),
        vendor: str(d.vendor),
        serial: null,
        widthPx: positive(d.currentResX) ?? positive(d.resolutionX),
        heightPx: positive(d.currentResY) ?? positive(d.resolutionY),
        // sizeX/sizeY are in millimetres.
        sizeInches: w && h ? round(Math.sqrt(w * w + h * h) / 25.4, 1) : null,
        connection: str(d.connection, 64),
        builtin: d.builtin ?? null,
        main: d.main ?? null,
      };
    }),
    batteries: battery.hasBattery
      ? [
          {
            model: str(battery.model),
            manufacturer: str(battery.manufacturer),
            designCapacityMwh: inMwh ? design : null,
            fullChargeCapacityMwh: inMwh ? full : null,
            cycleCount: positive(battery.cycleCount),
            healthPercent: design && full ? round((full / design) * 100, 1) : null,
            chargePercent: num(battery.percent),
            charging: battery.isCharging ?? null,
          },
        ]
      : [],
  };
}
