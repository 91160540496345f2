import type { SystemAccess } from '../types.js';
import { profilerOutput } from './system-profiler-text.js';

/**
 * Runs system_profiler for some data types: `-json` (macOS 10.15+), else the text report converted to
 * the same shape (hardware, software, memory and power types only).
 */
export async function runSystemProfiler(system: SystemAccess, args: readonly string[], timeoutMs = 45_000): Promise<Record<string, unknown>> {
  const json = await system.run('system_profiler', ['-json', ...args], { timeoutMs });
  const parsed = json.exitCode === 0 ? profilerOutput(json.stdout) : null;
  if (parsed) return parsed;
  const text = await system.run('system_profiler', [...args], { timeoutMs });
  const converted = profilerOutput(text.stdout);
  if (!converted) throw new Error(`system_profiler ${args.join(' ')} printed neither JSON nor a report it could read`);
  return converted;
}
