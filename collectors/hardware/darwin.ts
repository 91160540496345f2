import type { HardwareData } from '@deskside/shared';

import { parseJsonOutput } from '../common/json.js';
import type { CollectContext } from '../types.js';
import { parseMacHardware } from './parse-macos.js';

export async function collectMacHardware(ctx: CollectContext): Promise<HardwareData> {
  const [profiler, sysctl] = await Promise.all([
    ctx.system.run('system_profiler', ['-json', 'SPHardwareDataType', 'SPDisplaysDataType', 'SPPowerDataType', 'SPMemoryDataType'], { timeoutMs: 45_000 }),
    // hw.cpufrequency is absent on Apple silicon; sysctl then exits 1 but prints the rest.
    ctx.system.run('sysctl', ['hw.physicalcpu', 'hw.logicalcpu', 'hw.packages', 'hw.memsize', 'hw.cpufrequency', 'machdep.cpu.brand_string']),
  ]);
  return parseMacHardware({ profiler: parseJsonOutput(profiler.stdout, 'system_profiler'), sysctl: sysctl.stdout });
}
