import type { HardwareData } from '@deskside/shared/inventory';

import { runSystemProfiler } from '../common/system-profiler.js';
import type { CollectContext } from '../types.js';
import { parseMacHardware } from './parse-macos.js';

export async function collectMacHardware(ctx: CollectContext): Promise<HardwareData> {
  const [profiler, sysctl] = await Promise.all([
    runSystemProfiler(ctx.system, ['SPHardwareDataType', 'SPDisplaysDataType', 'SPPowerDataType', 'SPMemoryDataType']),
    // hw.cpufrequency is absent on Apple silicon; sysctl then exits 1 but prints the rest.
    ctx.system.run('sysctl', ['hw.physicalcpu', 'hw.logicalcpu', 'hw.packages', 'hw.memsize', 'hw.cpufrequency', 'machdep.cpu.brand_string']),
  ]);
  return parseMacHardware({ profiler, sysctl: sysctl.stdout });
}
