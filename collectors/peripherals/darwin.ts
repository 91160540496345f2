import type { PeripheralsData } from '@deskside/shared/inventory';

import { parseJsonOutput } from '../common/json.js';
import type { CollectContext } from '../types.js';
import { parseMacPeripherals } from './parse-macos.js';

export async function collectMacPeripherals(ctx: CollectContext): Promise<PeripheralsData> {
  // macOS 15 renamed the USB type; asking for both works on every version (unknown types are ignored).
  const result = await ctx.system.run('system_profiler', ['-json', 'SPPrintersDataType', 'SPUSBDataType', 'SPUSBHostDataType'], { timeoutMs: 45_000 });
  return parseMacPeripherals(parseJsonOutput(result.stdout, 'system_profiler'));
}
