import type { StorageData } from '@deskside/shared/inventory';

import { parseJsonOutput } from '../common/json.js';
import type { CollectContext } from '../types.js';
import { parseMacStorage } from './parse-macos.js';

export async function collectMacStorage(ctx: CollectContext): Promise<StorageData> {
  const result = await ctx.system.run('system_profiler', ['-json', 'SPStorageDataType', 'SPNVMeDataType', 'SPSerialATADataType'], { timeoutMs: 45_000 });
  return parseMacStorage(parseJsonOutput(result.stdout, 'system_profiler'));
}
