import type { HardwareData } from '@deskside/shared';
import si from 'systeminformation';

import type { CollectContext } from '../types.js';
import { parseLinuxHardware } from './parse-linux.js';

/**
 * systeminformation reads /proc, /sys and dmidecode (root only) for these; it has no abort, so the
 * runner's timeout stops waiting for it rather than killing it.
 */
export async function collectLinuxHardware(ctx: CollectContext): Promise<HardwareData> {
  const [cpu, mem, memLayout, bios, baseboard, graphics, battery, uefi] = await Promise.all([
    si.cpu(),
    si.mem(),
    si.memLayout(),
    si.bios(),
    si.baseboard(),
    si.graphics(),
    si.battery(),
    ctx.system.fileExists('/sys/firmware/efi'),
  ]);
  return parseLinuxHardware({ cpu, mem, memLayout, bios, baseboard, graphics, battery, uefi });
}
