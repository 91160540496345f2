import type { SystemData } from '@deskside/shared/inventory';

import { normalizeArch } from '../common/arch.js';
import { asArray, str, upper } from '../common/values.js';
import { detectVirtualization } from '../common/virtualization.js';
import { consoleUser, type WhoEntry } from '../users/parse-who.js';

export interface MacSystemInput {
  /** `system_profiler -json SPHardwareDataType SPSoftwareDataType`, parsed. */
  readonly profiler: unknown;
  /** `sw_vers` text. */
  readonly swVers: string;
  /** `sysctl kern.boottime kern.osrelease kern.hv_vm_present hw.optional.arm64` text (missing OIDs absent). */
  readonly sysctl: string;
  /** `dsconfigad -show` text; empty when the Mac is not bound to Active Directory. */
  readonly dsconfigad: string;
  /** Sessions from `who`: the console session names the user at the Mac even when we run as root. */
  readonly sessions?: readonly WhoEntry[];
  readonly hostname: string;
  readonly machineArch: string;
  readonly timezone: string | null;
  readonly locale: string | null;
  readonly now: Date;
}

export function parseSwVers(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\w+):\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

/** `sysctl name name…` prints "name: value" lines (BSD) or "name = value" (older). */
export function parseSysctl(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([\w.]+)\s*[:=]\s*(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2].trim();
  }
  return out;
}

/** "{ sec = 1732860000, usec = 12345 } Fri Nov 29 06:00:00 2026" → ISO. */
export function parseBootTime(value: string | undefined): string | null {
  const m = value ? /sec\s*=\s*(\d+)/.exec(value) : null;
  return m ? new Date(Number(m[1]) * 1000).toISOString() : null;
}

/** "Jane Appleseed (jane)" → "jane". */
export function shortUserName(value: string | null): string | null {
  if (value === null) return null;
  return /\(([^()]+)\)\s*$/.exec(value)?.[1] ?? value;
}

export function parseMacSystem(input: MacSystemInput): SystemData {
  const root = (input.profiler ?? {}) as Record<string, unknown>;
  const hw = asArray(root.SPHardwareDataType)[0] ?? {};
  const sw = asArray(root.SPSoftwareDataType)[0] ?? {};
  const vers = parseSwVers(input.swVers);
  const sysctl = parseSysctl(input.sysctl);
  const ad = parseSwVersLike(input.dsconfigad);

  const osVersion = /(\d+(?:\.\d+)+)\s*\((\w+)\)/.exec(str(sw.os_version) ?? '');
  const productName = str(vers.ProductName) ?? str(sw.os_version)?.replace(/\s+\d.*$/, '') ?? 'macOS';
  const version = str(vers.ProductVersion) ?? osVersion?.[1] ?? null;
  const build = str(vers.BuildVersion) ?? osVersion?.[2] ?? null;
  const bootTime = parseBootTime(sysctl['kern.boottime']);
  const model = str(hw.machine_model);
  const machineName = str(hw.machine_name);
  const vmFlag = sysctl['kern.hv_vm_present'];
  const virt = vmFlag === '1' ? { virtualMachine: true, hypervisor: detectVirtualization(model).hypervisor ?? 'Apple Virtualization' } : detectVirtualization(model, machineName);
  const domain = str(ad['Active Directory Domain']);
  const hostname = input.hostname;

  return {
    hostname,
    fqdn: hostname.includes('.') && !hostname.endsWith('.local') ? hostname.toLowerCase() : domain ? `${hostname.split('.')[0]}.${domain}`.toLowerCase() : null,
    domain,
    workgroup: null,
    os: {
      platform: 'darwin',
      name: version ? `${productName} ${version}` : productName,
      version,
      build,
      kernel: str(sysctl['kern.osrelease']) ?? str(sw.kernel_version)?.replace(/^Darwin\s+/, '') ?? null,
      // uname says x86_64 inside Rosetta; hw.optional.arm64 tells the real silicon.
      arch: sysctl['hw.optional.arm64'] === '1' ? 'arm64' : (normalizeArch(input.machineArch) ?? 'unknown'),
    },
    uptimeSeconds: bootTime ? Math.max(0, Math.round((input.now.getTime() - Date.parse(bootTime)) / 1000)) : null,
    bootTime,
    timezone: input.timezone,
    locale: input.locale,
    // system_profiler's user_name is whoever runs it: "root" under a LaunchDaemon, not the person at the Mac.
    loggedInUser: consoleUser(input.sessions ?? []) ?? notRoot(shortUserName(str(sw.user_name))),
    manufacturer: virt.virtualMachine && vmFlag === '1' ? null : 'Apple Inc.',
    model: model && machineName && !model.startsWith(machineName) ? `${machineName} (${model})` : (model ?? machineName),
    serial: str(hw.serial_number),
    hardwareUuid: upper(str(hw.platform_UUID)),
    chassisType: virt.virtualMachine ? 'virtual' : macChassis(machineName ?? model),
    virtualMachine: virt.virtualMachine ?? false,
    hypervisor: virt.hypervisor,
  };
}

const notRoot = (user: string | null): string | null => (user === 'root' ? null : user);

/** "Key = Value" lines, as dsconfigad -show prints them. */
function parseSwVersLike(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(.+?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

function macChassis(name: string | null): string | null {
  if (name === null) return null;
  if (/book/i.test(name)) return 'notebook';
  if (/imac/i.test(name)) return 'all-in-one';
  if (/mac ?mini|mac ?studio/i.test(name)) return 'mini-pc';
  if (/mac ?pro|xserve/i.test(name)) return 'desktop';
  return null;
}
