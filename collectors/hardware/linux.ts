import type { HardwareData } from '@deskside/shared';
import type { Systeminformation } from 'systeminformation';
import si from 'systeminformation';

import { cachedByFiles } from '../common/file-cache.js';
import type { CollectContext } from '../types.js';
import { parseEdid, type EdidInfo } from './parse-edid.js';
import { parseLinuxHardware } from './parse-linux.js';

const DRM = '/sys/class/drm';

/** Connected monitors' EDIDs; a connector whose EDID is missing or corrupt is skipped, not fatal. */
async function readDrmDisplays(ctx: CollectContext): Promise<{ connector: string; edid: EdidInfo }[]> {
  let entries: string[];
  try {
    entries = await ctx.system.listDirectory(DRM);
  } catch {
    return [];
  }
  const found: { connector: string; edid: EdidInfo }[] = [];
  for (const entry of entries.sort()) {
    const connector = /^card\d+-(.+)$/.exec(entry)?.[1];
    if (!connector) continue;
    try {
      if ((await ctx.system.readFile(`${DRM}/${entry}/status`)).trim() !== 'connected') continue;
      found.push({ connector, edid: parseEdid(await ctx.system.readBinaryFile(`${DRM}/${entry}/edid`)) });
    } catch {
      // no EDID (some virtual GPUs) or an unreadable one: that monitor is not listed
    }
  }
  return found;
}

/** Facts that cannot change while the machine is up: firmware, board, CPU, memory modules. */
interface BootStableFacts {
  readonly cpu: Systeminformation.CpuData;
  readonly memLayout: Systeminformation.MemLayoutData[];
  readonly bios: Systeminformation.BiosData;
  readonly baseboard: Systeminformation.BaseboardData;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A cached value is used only in the shape systeminformation gives; anything else is recomputed. */
export function acceptBootStableFacts(value: unknown): BootStableFacts | null {
  if (!isObject(value)) return null;
  const { cpu, memLayout, bios, baseboard } = value;
  if (!isObject(cpu) || typeof cpu.brand !== 'string' || typeof cpu.cores !== 'number') return null;
  if (!Array.isArray(memLayout) || !memLayout.every(isObject) || !isObject(bios) || !isObject(baseboard)) return null;
  return value as unknown as BootStableFacts;
}

/**
 * dmidecode, lscpu and a dozen `cat`s behind these systeminformation calls cost more CPU than the rest
 * of the section; their answer only changes across a reboot (a firmware update, a new CPU or memory
 * module all need one), so it is kept per boot id. Battery, memory use, GPUs and monitors stay fresh.
 */
async function bootStableFacts(ctx: CollectContext): Promise<BootStableFacts> {
  const bootId = await ctx.system.readFile('/proc/sys/kernel/random/boot_id').then(
    (t) => t.trim(),
    () => '',
  );
  const compute = async (): Promise<BootStableFacts> => {
    const [cpu, memLayout, bios, baseboard] = await Promise.all([si.cpu(), si.memLayout(), si.bios(), si.baseboard()]);
    return { cpu, memLayout, bios, baseboard };
  };
  if (bootId === '') return compute();
  const { value } = await cachedByFiles({ cacheDir: ctx.cacheDir, name: 'hardware-boot-facts', key: `boot ${bootId}`, watch: [], accept: acceptBootStableFacts, compute });
  return value ?? compute();
}

/**
 * systeminformation reads /proc, /sys and dmidecode (root only) for these; it has no abort, so the
 * runner's timeout stops waiting for it rather than killing it.
 */
export async function collectLinuxHardware(ctx: CollectContext): Promise<HardwareData> {
  const [stable, mem, graphics, battery, uefi, drmDisplays] = await Promise.all([
    bootStableFacts(ctx),
    si.mem(),
    si.graphics(),
    si.battery(),
    ctx.system.fileExists('/sys/firmware/efi'),
    readDrmDisplays(ctx),
  ]);
  return parseLinuxHardware({ ...stable, mem, graphics, battery, uefi, drmDisplays });
}
