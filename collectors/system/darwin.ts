import { hostname, machine } from 'node:os';

import type { SystemData } from '@deskside/shared/inventory';

import { runSystemProfiler } from '../common/system-profiler.js';
import type { CollectContext } from '../types.js';
import { parseWho } from '../users/parse-who.js';
import { parseMacSystem } from './parse-macos.js';

export async function collectMacSystem(ctx: CollectContext, timezone: string | null): Promise<SystemData> {
  const { system } = ctx;
  const [profiler, swVers, sysctl, dsconfigad, locale, who] = await Promise.all([
    runSystemProfiler(system, ['-detailLevel', 'mini', 'SPHardwareDataType', 'SPSoftwareDataType'], 30_000),
    system.run('sw_vers', []),
    // kern.hv_vm_present is missing on Intel Macs before 11; sysctl then exits 1 but prints the rest.
    system.run('sysctl', ['kern.boottime', 'kern.osrelease', 'kern.hv_vm_present', 'hw.optional.arm64']),
    system.run('dsconfigad', ['-show']).catch(() => ({ stdout: '', stderr: '', exitCode: 1 })),
    system.run('defaults', ['read', '-g', 'AppleLocale']).catch(() => ({ stdout: '', stderr: '', exitCode: 1 })),
    system.run('who', [], { env: { LC_ALL: 'C' } }).catch(() => ({ stdout: '', stderr: '', exitCode: 1 })),
  ]);
  const now = ctx.now();
  return parseMacSystem({
    profiler,
    swVers: swVers.stdout,
    sysctl: sysctl.stdout,
    dsconfigad: dsconfigad.exitCode === 0 ? dsconfigad.stdout : '',
    hostname: hostname(),
    machineArch: machine(),
    timezone,
    locale: locale.exitCode === 0 ? locale.stdout.trim().replace(/_/g, '-').replace(/@.*$/, '') || null : null,
    sessions: parseWho(who.stdout, now, -now.getTimezoneOffset()),
    now,
  });
}
