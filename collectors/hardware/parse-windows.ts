import type { HardwareData } from '@deskside/shared/inventory';

import { cpuVendorName } from '../common/cpu-vendor.js';
import { parseCalendarDate } from '../common/dates.js';
import { memoryTypeFromCim, memoryTypeFromSmbios } from '../common/smbios.js';
import { asArray, asObject, count, num, positive, round, str, type JsonObject } from '../common/values.js';
import { parsePowercfgBatteryReport } from './parse-powercfg-battery.js';
import { pnpVendorName } from './pnp-vendors.js';

type Battery = HardwareData['batteries'][number];
type Display = HardwareData['displays'][number];

/** Marketing marks add nothing to a CPU or GPU name and differ between sources. */
export function cleanModelName(name: string | null): string | null {
  if (name === null) return null;
  return name.replace(/\((R|TM|tm|r)\)|®|™/g, '').replace(/\s+/g, ' ').trim() || null;
}

/** WmiMonitorID returns names as arrays of UTF-16 code units padded with zeros. */
export function decodeWmiString(value: unknown): string | null {
  if (typeof value === 'string') return str(value);
  if (!Array.isArray(value)) return null;
  const codes = value.map((c) => num(c)).filter((c): c is number => c !== null && c > 0 && c < 0xffff);
  return str(String.fromCharCode(...codes));
}

/** WmiMonitorConnectionParams.VideoOutputTechnology (D3DKMDT_VIDEO_OUTPUT_TECHNOLOGY). */
export function videoOutput(code: number | null): { connection: string | null; builtin: boolean | null } {
  switch (code) {
    case 0:
      return { connection: 'VGA', builtin: false };
    case 4:
      return { connection: 'DVI', builtin: false };
    case 5:
      return { connection: 'HDMI', builtin: false };
    case 6:
      return { connection: 'LVDS', builtin: true };
    case 10:
      return { connection: 'DisplayPort', builtin: false };
    case 11:
      return { connection: 'eDP', builtin: true };
    case 15:
      return { connection: 'Miracast', builtin: false };
    case 16:
      return { connection: 'Indirect', builtin: false };
    case 0x80000000:
    case -2147483648:
      return { connection: 'Internal', builtin: true };
    default:
      return { connection: null, builtin: null };
  }
}

const byInstance = (list: readonly JsonObject[]): Map<string, JsonObject> =>
  new Map(list.map((item) => [String(item.InstanceName ?? '').toLowerCase(), item]));

/** Win32_Battery.BatteryStatus: 6-9 are charging states; 1 discharging; 2 on AC; 3 full. */
function chargingFromStatus(status: number | null): boolean | null {
  if (status === null) return null;
  if (status >= 6 && status <= 9) return true;
  if (status === 1 || status === 2 || status === 3 || status === 4 || status === 5) return false;
  return null;
}

function health(design: number | null, full: number | null): number | null {
  return design !== null && full !== null && design > 0 ? round((full / design) * 100, 1) : null;
}

export function parseWindowsBatteries(parts: Readonly<Record<string, unknown>>): Battery[] {
  const win32 = asArray(parts.battery);
  const statics = asArray(parts.batteryStatic);
  const fullMap = byInstance(asArray(parts.batteryFull));
  const cycleMap = byInstance(asArray(parts.batteryCycle));
  const report = (Array.isArray(parts.batteryReport) ? parts.batteryReport : [parts.batteryReport]).filter((x) => typeof x === 'string').join('\n');
  const fromReport = report.trim() !== '' ? parsePowercfgBatteryReport(report) : [];
  // Win32_Battery lists the packs in the same ACPI order as root\wmi and powercfg.
  const charge = (i: number) => asObject(win32[i]);

  if (statics.length > 0) {
    return statics.slice(0, 4).map((s, i) => {
      const key = String(s.InstanceName ?? '').toLowerCase();
      const design = positive(s.DesignedCapacity);
      const full = positive(fullMap.get(key)?.FullChargedCapacity);
      return {
        model: str(s.DeviceName),
        manufacturer: str(s.ManufactureName),
        designCapacityMwh: design,
        fullChargeCapacityMwh: full,
        cycleCount: count(cycleMap.get(key)?.CycleCount) ?? fromReport[i]?.cycleCount ?? null,
        healthPercent: health(design, full),
        chargePercent: num(charge(i)?.EstimatedChargeRemaining),
        charging: chargingFromStatus(num(charge(i)?.BatteryStatus)),
      };
    });
  }
  if (fromReport.length > 0) {
    return fromReport.slice(0, 4).map((b, i) => ({
      model: b.id,
      manufacturer: b.manufacturer,
      designCapacityMwh: b.designCapacityMwh,
      fullChargeCapacityMwh: b.fullChargeCapacityMwh,
      cycleCount: b.cycleCount,
      healthPercent: health(b.designCapacityMwh, b.fullChargeCapacityMwh),
      chargePercent: num(charge(i)?.EstimatedChargeRemaining),
      charging: chargingFromStatus(num(charge(i)?.BatteryStatus)),
    }));
  }
  return win32.slice(0, 4).map((b) => ({
    model: str(b.Name) ?? str(b.DeviceID),
    manufacturer: null,
    designCapacityMwh: positive(b.DesignCapacity),
    fullChargeCapacityMwh: positive(b.FullChargeCapacity),
    cycleCount: null,
    healthPercent: health(positive(b.DesignCapacity), positive(b.FullChargeCapacity)),
    chargePercent: num(b.EstimatedChargeRemaining),
    charging: chargingFromStatus(num(b.BatteryStatus)),
  }));
}

export function parseWindowsDisplays(parts: Readonly<Record<string, unknown>>): Display[] {
  const ids = asArray(parts.monitors);
  const params = byInstance(asArray(parts.monitorParams));
  const conns = byInstance(asArray(parts.monitorConn));
  const modes = byInstance(asArray(parts.monitorModes));
  const controllers = asArray(parts.gpu).filter((g) => positive(g.CurrentHorizontalResolution) !== null);
  return ids.slice(0, 16).map((m) => {
    const key = String(m.InstanceName ?? '').toLowerCase();
    const p = params.get(key);
    const widthCm = num(p?.MaxHorizontalImageSize);
    const heightCm = num(p?.MaxVerticalImageSize);
    const out = videoOutput(num(conns.get(key)?.VideoOutputTechnology));
    // Native mode per monitor when the driver lists it; else, with one monitor on one controller, the controller's.
    const single = ids.length === 1 && controllers.length === 1 ? controllers[0] : undefined;
    const vendorId = decodeWmiString(m.ManufacturerName);
    return {
      model: decodeWmiString(m.UserFriendlyName) ?? decodeWmiString(m.ProductCodeID),
      vendor: pnpVendorName(vendorId),
      serial: decodeWmiString(m.SerialNumberID),
      widthPx: positive(modes.get(key)?.Width) ?? (single ? positive(single.CurrentHorizontalResolution) : null),
      heightPx: positive(modes.get(key)?.Height) ?? (single ? positive(single.CurrentVerticalResolution) : null),
      sizeInches: widthCm && heightCm ? round(Math.sqrt(widthCm ** 2 + heightCm ** 2) / 2.54, 1) : null,
      connection: out.connection,
      builtin: out.builtin,
      main: ids.length === 1 ? true : null,
    };
  });
}

/** A REG_QWORD arrives as a number; some drivers store it as REG_BINARY, i.e. 8 little-endian bytes. */
export function qword(value: unknown): number | null {
  if (Array.isArray(value) && value.length === 8 && value.every((b) => typeof b === 'number' && b >= 0 && b <= 255)) {
    const n = Number(Buffer.from(value as number[]).readBigUInt64LE(0));
    return n > 0 && Number.isSafeInteger(n) ? n : null;
  }
  return positive(value);
}

export function parseWindowsHardware(parts: Readonly<Record<string, unknown>>): HardwareData {
  const cpus = asArray(parts.cpu);
  const first = cpus[0] ?? {};
  const sum = (field: string): number | null => {
    const values = cpus.map((c) => count(c[field]));
    return values.some((v) => v === null) || values.length === 0 ? null : values.reduce<number>((a, b) => a + (b ?? 0), 0);
  };
  const modules = asArray(parts.mem).map((m) => ({
    slot: str(m.DeviceLocator) ?? str(m.BankLabel),
    sizeBytes: positive(m.Capacity),
    type: memoryTypeFromSmbios(num(m.SMBIOSMemoryType)) ?? memoryTypeFromCim(num(m.MemoryType)),
    speedMhz: positive(m.ConfiguredClockSpeed) ?? positive(m.Speed),
    manufacturer: str(m.Manufacturer),
    partNumber: str(m.PartNumber),
    serial: str(m.SerialNumber),
  }));
  const moduleTotal = modules.reduce((a, m) => a + (m.sizeBytes ?? 0), 0);
  const cs = asObject(parts.cs) ?? {};
  const bios = asObject(parts.bios) ?? {};
  const board = asObject(parts.board) ?? {};
  const env = asObject(parts.env) ?? {};
  const firmware = str(env.firmwareType)?.toLowerCase() ?? { 1: 'legacy', 2: 'uefi' }[num(env.peFirmwareType) ?? 0];
  const vram = new Map<string, number>();
  for (const entry of asArray(parts.gpuMem)) {
    const size = qword(entry['HardwareInformation.qwMemorySize']);
    const name = str(entry.DriverDesc);
    if (size !== null && name !== null) vram.set(name, size);
  }

  return {
    cpu: {
      model: cleanModelName(str(first.Name)),
      manufacturer: cpuVendorName(str(first.Manufacturer)),
      sockets: cpus.length > 0 ? cpus.length : null,
      cores: sum('NumberOfCores'),
      threads: sum('NumberOfLogicalProcessors'),
      baseSpeedMhz: positive(first.MaxClockSpeed),
    },
    memory: {
      // The installed modules are the truth; TotalPhysicalMemory is what is left after firmware reservations.
      totalBytes: moduleTotal > 0 ? moduleTotal : (positive(cs.TotalPhysicalMemory) ?? 0),
      modules: modules.slice(0, 64),
    },
    bios: {
      vendor: str(bios.Manufacturer),
      version: str(bios.SMBIOSBIOSVersion) ?? str(bios.Version),
      releaseDate: parseCalendarDate(bios.ReleaseDate),
      firmwareType: firmware === 'uefi' ? 'uefi' : firmware === 'legacy' ? 'bios' : 'unknown',
    },
    baseboard: {
      manufacturer: str(board.Manufacturer),
      model: str(board.Product),
      version: str(board.Version),
      serial: str(board.SerialNumber),
    },
    gpus: asArray(parts.gpu)
      .slice(0, 16)
      .map((g) => {
        const name = str(g.Name);
        // AdapterRAM is a uint32 and tops out at 4 GiB; the driver's qwMemorySize is exact.
        const adapterRam = positive(g.AdapterRAM);
        return {
          model: cleanModelName(name),
          vendor: str(g.AdapterCompatibility),
          vramBytes: (name !== null ? vram.get(name) : undefined) ?? adapterRam,
          driverVersion: str(g.DriverVersion),
        };
      }),
    displays: parseWindowsDisplays(parts),
    batteries: parseWindowsBatteries(parts),
  };
}
