import type { HardwareData } from '@deskside/shared';
import si from 'systeminformation';

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

/**
 * systeminformation reads /proc, /sys and dmidecode (root only) for these; it has no abort, so the
 * runner's timeout stops waiting for it rather than killing it.
 */
export async function collectLinuxHardware(ctx: CollectContext): Promise<HardwareData> {
  const [cpu, mem, memLayout, bios, baseboard, graphics, battery, uefi, drmDisplays] = await Promise.all([
    si.cpu(),
    si.mem(),
    si.memLayout(),
    si.bios(),
    si.baseboard(),
    si.graphics(),
    si.battery(),
    ctx.system.fileExists('/sys/firmware/efi'),
    readDrmDisplays(ctx),
  ]);
  return parseLinuxHardware({ cpu, mem, memLayout, bios, baseboard, graphics, battery, uefi, drmDisplays });
}
