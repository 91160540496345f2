import type { HardwareData } from '@deskside/shared/inventory';
import type { Systeminformation } from 'systeminformation';

import { cachedPerBoot } from '../common/boot-cache.js';
import { siBattery, siCpu, siGraphics, siMemory, siSystem } from '../common/systeminformation.js';
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

/** Facts that cannot change while the machine is up: firmware, board, CPU, memory modules, GPUs. */
interface BootStableFacts {
  readonly cpu: Systeminformation.CpuData;
  readonly memLayout: Systeminformation.MemLayoutData[];
  readonly bios: Systeminformation.BiosData;
  readonly baseboard: Systeminformation.BaseboardData;
  readonly gpus: Systeminformation.GraphicsControllerData[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A cached value is used only in the shape systeminformation gives; anything else is recomputed. */
export function acceptBootStableFacts(value: unknown): BootStableFacts | null {
  if (!isObject(value)) return null;
  const { cpu, memLayout, bios, baseboard, gpus } = value;
  if (!isObject(cpu) || typeof cpu.brand !== 'string' || typeof cpu.cores !== 'number') return null;
  if (!Array.isArray(memLayout) || !memLayout.every(isObject) || !isObject(bios) || !isObject(baseboard)) return null;
  if (!Array.isArray(gpus) || !gpus.every(isObject)) return null;
  return value as unknown as BootStableFacts;
}

/**
 * Monitors' current modes come from `xrandr`, which needs a display server: the agent's service has
 * none, and then systeminformation's graphics() can only add GPUs (lspci, clinfo), not displays.
 */
export function hasDisplayServer(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DISPLAY);
}

/**
 * dmidecode, lscpu, lspci, clinfo and a dozen `cat`s behind these systeminformation calls cost more CPU
 * than the rest of the section; their answer only changes across a reboot (a firmware update, a new
 * CPU, memory module or GPU all need one), so it is kept per boot id. Battery, memory use and monitors
 * stay fresh: graphics() still runs whenever a display server can tell the monitors' current modes.
 */
async function bootStableFacts(ctx: CollectContext, withDisplays: boolean): Promise<{ stable: BootStableFacts; graphics: Partial<Systeminformation.GraphicsData> }> {
  let fresh: Systeminformation.GraphicsData | null = null;
  const compute = async (): Promise<BootStableFacts> => {
    const [cpu, memLayout, bios, baseboard, graphics] = await Promise.all([siCpu().cpu(), siMemory().memLayout(), siSystem().bios(), siSystem().baseboard(), siGraphics().graphics()]);
    fresh = graphics;
    return { cpu, memLayout, bios, baseboard, gpus: graphics.controllers };
  };
  const stable = (await cachedPerBoot(ctx, 'hardware-boot-facts', acceptBootStableFacts, compute)) ?? (await compute());
  const graphics: Partial<Systeminformation.GraphicsData> = fresh ?? (withDisplays ? await siGraphics().graphics() : { controllers: stable.gpus, displays: [] });
  return { stable, graphics };
}

/**
 * systeminformation reads /proc, /sys and dmidecode (root only) for these; it has no abort, so the
 * runner's timeout stops waiting for it rather than killing it.
 */
export async function collectLinuxHardware(ctx: CollectContext): Promise<HardwareData> {
  const [{ stable, graphics }, mem, battery, uefi, drmDisplays] = await Promise.all([
    bootStableFacts(ctx, hasDisplayServer(process.env)),
    siMemory().mem(),
    siBattery()(),
    ctx.system.fileExists('/sys/firmware/efi'),
    readDrmDisplays(ctx),
  ]);
  const { cpu, memLayout, bios, baseboard } = stable;
  return parseLinuxHardware({ cpu, memLayout, bios, baseboard, mem, graphics, battery, uefi, drmDisplays });
}
