import type { HardwareData } from '@deskside/shared/inventory';

import { asArray, bool, count, num, positive, str, type JsonObject } from '../common/values.js';
import { parseSysctl } from '../system/parse-macos.js';
import { cleanModelName } from './parse-windows.js';

/** "16 GB", "1536 MB", "8 Go" (French), "2,3 GHz" → bytes / MHz. */
export function parseMacSize(value: unknown): number | null {
  const text = str(value);
  if (text === null) return null;
  const m = /^([\d.,]+)\s*([KMGT])[Bo]$/i.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const n = num(m[1].replace(',', '.'));
  const power = { K: 1, M: 2, G: 3, T: 4 }[m[2].toUpperCase() as 'K' | 'M' | 'G' | 'T'];
  return n === null ? null : Math.round(n * 1024 ** power);
}

export function parseMacSpeedMhz(value: unknown): number | null {
  const text = str(value);
  const m = text ? /^([\d.,]+)\s*(GHz|MHz)$/i.exec(text) : null;
  if (!m?.[1] || !m[2]) return null;
  const n = num(m[1].replace(',', '.'));
  if (n === null) return null;
  return Math.round(m[2].toLowerCase() === 'ghz' ? n * 1000 : n);
}

/** `sppci_vendor_Apple` / `sppci_vendor_intel` / "Intel" → a readable vendor. */
function gpuVendor(value: unknown): string | null {
  const text = str(value);
  if (text === null) return null;
  const m = /^sppci_vendor_(.+)$/i.exec(text);
  const raw = m?.[1] ?? text;
  const known: Record<string, string> = { apple: 'Apple', intel: 'Intel', amd: 'AMD', ati: 'AMD', nvidia: 'NVIDIA' };
  return known[raw.toLowerCase()] ?? raw.replace(/\s*\(0x[0-9a-f]+\)$/i, '');
}

function yes(value: unknown): boolean | null {
  const text = str(value)?.toLowerCase();
  if (text === undefined || text === null) return null;
  if (text === 'spdisplays_yes' || text === 'yes' || text === 'true') return true;
  if (text === 'spdisplays_no' || text === 'no' || text === 'false') return false;
  return null;
}

function displays(gpus: readonly JsonObject[]): HardwareData['displays'] {
  return gpus
    .flatMap((g) => asArray(g.spdisplays_ndrvs))
    .slice(0, 16)
    .map((d) => {
      const pixels = /(\d+)\s*x\s*(\d+)/.exec(str(d._spdisplays_pixels) ?? str(d._spdisplays_resolution) ?? str(d.spdisplays_resolution) ?? '');
      const connection = str(d.spdisplays_connection_type);
      const internal = connection === 'spdisplays_internal' || /built-?in/i.test(str(d.spdisplays_display_type) ?? '');
      return {
        model: str(d._name),
        vendor: str(d['_spdisplays_display-vendor-id']) === '610' ? 'Apple' : null,
        serial: str(d['_spdisplays_display-serial-number']) ?? str(d['spdisplays_display-serial-number']),
        widthPx: pixels ? count(pixels[1]) : null,
        heightPx: pixels ? count(pixels[2]) : null,
        sizeInches: null,
        connection: internal ? 'Internal' : connection ? connection.replace(/^spdisplays_/, '') : null,
        builtin: connection === null && !internal ? null : internal,
        main: yes(d.spdisplays_main),
      };
    });
}

function batteries(power: readonly JsonObject[]): HardwareData['batteries'] {
  const info = power.find((p) => str(p._name) === 'spbattery_information');
  if (!info) return [];
  const model = (info.sppower_battery_model_info ?? {}) as JsonObject;
  const charge = (info.sppower_battery_charge_info ?? {}) as JsonObject;
  const health = (info.sppower_battery_health_info ?? {}) as JsonObject;
  const maxCapacity = /^(\d+)\s*%$/.exec(str(health.sppower_battery_health_maximum_capacity) ?? '');
  return [
    {
      model: str(model.sppower_battery_device_name),
      manufacturer: str(model.sppower_battery_manufacturer),
      // system_profiler reports mAh, not mWh; a conversion would need the pack's nominal voltage.
      designCapacityMwh: null,
      fullChargeCapacityMwh: null,
      cycleCount: count(health.sppower_battery_cycle_count),
      healthPercent: maxCapacity ? num(maxCapacity[1]) : null,
      chargePercent: num(charge.sppower_battery_state_of_charge),
      charging: bool(charge.sppower_battery_is_charging),
    },
  ];
}

export interface MacHardwareInput {
  /** `system_profiler -json SPHardwareDataType SPDisplaysDataType SPPowerDataType SPMemoryDataType`. */
  readonly profiler: unknown;
  /** `sysctl hw.physicalcpu hw.logicalcpu hw.packages hw.cpufrequency hw.memsize machdep.cpu.brand_string`. */
  readonly sysctl: string;
}

export function parseMacHardware({ profiler, sysctl }: MacHardwareInput): HardwareData {
  const root = (profiler ?? {}) as Record<string, unknown>;
  const hw = asArray(root.SPHardwareDataType)[0] ?? {};
  const mem = asArray(root.SPMemoryDataType);
  const gpus = asArray(root.SPDisplaysDataType);
  const ctl = parseSysctl(sysctl);

  const chip = str(hw.chip_type);
  const appleSilicon = chip !== null && /^apple/i.test(chip);
  const cores = count(ctl['hw.physicalcpu']) ?? count(ctl['machdep.cpu.core_count']) ?? count(/\d+/.exec(str(hw.number_processors) ?? '')?.[0]);
  const freq = positive(ctl['hw.cpufrequency']);

  // Intel Macs list DIMM slots; Apple silicon reports one on-package memory without slots.
  const slots = mem.flatMap((m) => asArray(m._items)).filter((d) => str(d.dimm_status) !== 'empty' && str(d.dimm_size) !== 'empty');
  const modules =
    slots.length > 0
      ? slots.map((d) => ({
          slot: str(d._name),
          sizeBytes: parseMacSize(d.dimm_size),
          type: str(d.dimm_type, 64),
          speedMhz: parseMacSpeedMhz(d.dimm_speed),
          manufacturer: str(d.dimm_manufacturer),
          partNumber: str(d.dimm_part_number),
          serial: str(d.dimm_serial_number),
        }))
      : mem
          .filter((m) => str(m.SPMemoryDataType) !== null)
          .map((m) => ({
            slot: null,
            sizeBytes: parseMacSize(m.SPMemoryDataType),
            type: str(m.dimm_type, 64),
            speedMhz: null,
            manufacturer: str(m.dimm_manufacturer),
            partNumber: null,
            serial: null,
          }));
  const totalBytes = positive(ctl['hw.memsize']) ?? parseMacSize(hw.physical_memory) ?? modules.reduce((a, m) => a + (m.sizeBytes ?? 0), 0);

  return {
    cpu: {
      model: cleanModelName(str(ctl['machdep.cpu.brand_string']) ?? chip ?? str(hw.cpu_type)),
      manufacturer: appleSilicon ? 'Apple' : /intel/i.test(str(hw.cpu_type) ?? str(ctl['machdep.cpu.brand_string']) ?? '') ? 'Intel' : null,
      sockets: count(ctl['hw.packages']) ?? count(hw.packages),
      cores,
      threads: count(ctl['hw.logicalcpu']) ?? count(ctl['machdep.cpu.thread_count']) ?? cores,
      baseSpeedMhz: freq !== null ? Math.round(freq / 1_000_000) : parseMacSpeedMhz(hw.current_processor_speed),
    },
    memory: { totalBytes, modules: modules.slice(0, 64) },
    bios: {
      vendor: 'Apple Inc.',
      version: str(hw.boot_rom_version) ?? str(hw.os_loader_version),
      releaseDate: null,
      firmwareType: 'apple',
    },
    baseboard: { manufacturer: 'Apple Inc.', model: str(hw.machine_model), version: null, serial: null },
    gpus: gpus.slice(0, 16).map((g) => ({
      model: cleanModelName(str(g.sppci_model) ?? str(g._name)),
      vendor: gpuVendor(g.spdisplays_vendor ?? g.sppci_vendor) ?? (appleSilicon ? 'Apple' : null),
      vramBytes: parseMacSize(g.spdisplays_vram) ?? parseMacSize(g.spdisplays_vram_shared),
      driverVersion: null,
    })),
    displays: displays(gpus),
    batteries: batteries(asArray(root.SPPowerDataType)),
  };
}

