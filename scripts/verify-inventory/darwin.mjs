// macOS's own answers through sysctl, system_profiler, ifconfig, sw_vers and the application firewall,
// read without any of Deskside's collectors.
import { run, tryRun } from './run.mjs';

const sysctl = async (name) => (await run('sysctl', ['-n', name])).trim();

/** ifconfig's "ether" lines are MACs; "inet"/"inet6" lines are addresses ("fe80::1%en0" keeps its zone). */
function parseIfconfig(text) {
  const macs = [...text.matchAll(/^\s+ether\s+([0-9a-f:]{17})/gim)].map((m) => m[1]);
  const ips = [...text.matchAll(/^\s+inet6?\s+(\S+)/gim)].map((m) => m[1]);
  return { macs: [...new Set(macs)], ips };
}

async function firewall() {
  const out = await tryRun('/usr/libexec/ApplicationFirewall/socketfilterfw', ['--getglobalstate']);
  if (out === null) return null;
  // "Firewall is enabled. (State = 1)", "… blocking all …(State = 2)", "Firewall is disabled. (State = 0)"
  const state = /State = (\d)/.exec(out)?.[1];
  if (state !== undefined) return state !== '0';
  return /enabled/i.test(out) ? true : /disabled/i.test(out) ? false : null;
}

export async function darwinAnswers() {
  const profiler = JSON.parse(await run('system_profiler', ['-json', 'SPHardwareDataType', 'SPStorageDataType', 'SPApplicationsDataType'], { timeout: 120_000 }));
  const storage = profiler.SPStorageDataType ?? [];
  const volumes = storage
    .filter((v) => v.mount_point && v.size_in_bytes)
    .map((v) => ({ mount: v.mount_point, sizeBytes: Number(v.size_in_bytes), freeBytes: Number(v.free_space_in_bytes) }));
  const productName = (await run('sw_vers', ['-productName'])).trim();
  const productVersion = (await run('sw_vers', ['-productVersion'])).trim();
  const antivirus = ['XProtect', 'Gatekeeper'];
  return {
    cpuModel: (await sysctl('machdep.cpu.brand_string')) || { skip: 'sysctl has no CPU brand string' },
    cpuThreads: Number(await sysctl('hw.logicalcpu')),
    cpuCores: Number(await sysctl('hw.physicalcpu')),
    memoryBytes: Number(await sysctl('hw.memsize')),
    disks: { skip: 'system_profiler lists APFS volumes, not physical disks' },
    volumes,
    // The name the kernel answers to (gethostname); `scutil --get LocalHostName` is the Bonjour name.
    hostname: (await run('hostname')).trim(),
    ...parseIfconfig(await run('ifconfig', ['-a'])),
    programs: { applications: (profiler.SPApplicationsDataType ?? []).length },
    osName: `${productName} ${productVersion}`,
    osVersion: productVersion,
    // XProtect and Gatekeeper are part of every macOS since 10.6 and 10.7.
    antivirus,
    antivirusBuiltInOnly: true,
    firewall: await firewall(),
  };
}
