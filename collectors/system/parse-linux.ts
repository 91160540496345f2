import type { SystemData } from '@deskside/shared/inventory';

import { normalizeArch } from '../common/arch.js';
import { chassisFromSmbios } from '../common/smbios.js';
import { count, num, str, upper } from '../common/values.js';
import { detectVirtualization, hypervisorFromSystemd } from '../common/virtualization.js';
import { consoleUser, type WhoEntry } from '../users/parse-who.js';

/** Everything the Linux system collector read; a file that could not be read is null. */
export interface LinuxSystemInput {
  readonly osRelease: string | null;
  readonly hostname: string;
  readonly kernel: string | null;
  readonly machineArch: string;
  /** /proc/uptime */
  readonly uptime: string | null;
  /** /etc/hosts, for the FQDN Debian-style systems record beside 127.0.1.1. */
  readonly hosts: string | null;
  /** /sys/class/dmi/id/<name> contents; product_serial and product_uuid are root-only. */
  readonly dmi: Readonly<Record<string, string | null>>;
  /** `systemd-detect-virt --vm` stdout, or null when absent. */
  readonly detectVirt: string | null;
  readonly cpuHypervisorFlag: boolean;
  readonly smbConf: string | null;
  readonly sessions: readonly WhoEntry[];
  readonly timezone: string | null;
  readonly locale: string | null;
  /** /etc/locale.conf or /etc/default/locale: the system locale when the agent's own env has none. */
  readonly localeConf: string | null;
  readonly now: Date;
}

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m?.[1] || m[2] === undefined) continue;
    out[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1').replace(/\\(["$`\\])/g, '$1');
  }
  return out;
}

/** The name 127.0.1.1 (or our hostname) maps to in /etc/hosts, when it is dotted. */
export function fqdnFromHosts(hosts: string, hostname: string): string | null {
  for (const raw of hosts.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [address, ...names] = line.split(/\s+/);
    if (address === undefined || address.startsWith('::') || address === '127.0.0.1') continue;
    if (!names.some((n) => n === hostname || n.split('.')[0] === hostname)) continue;
    const fqdn = names.find((n) => n.includes('.') && n.split('.')[0] === hostname.split('.')[0]);
    if (fqdn) return fqdn.toLowerCase();
  }
  return null;
}

function smbWorkgroup(conf: string): string | null {
  let inGlobal = false;
  for (const raw of conf.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*/, '').trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inGlobal = section[1]?.toLowerCase() === 'global';
      continue;
    }
    const m = inGlobal ? /^workgroup\s*=\s*(.+)$/i.exec(line) : null;
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

export function parseLinuxSystem(input: LinuxSystemInput): SystemData {
  const rel = input.osRelease ? parseOsRelease(input.osRelease) : {};
  const dmi = (name: string): string | null => str(input.dmi[name]);
  const bootSeconds = num(input.uptime?.trim().split(/\s+/)[0]);
  const uptimeSeconds = bootSeconds === null ? null : Math.floor(bootSeconds);
  const bootTime = uptimeSeconds === null ? null : new Date(Math.floor(input.now.getTime() / 1000 - uptimeSeconds) * 1000).toISOString();

  const fqdn = input.hostname.includes('.') ? input.hostname.toLowerCase() : input.hosts ? fqdnFromHosts(input.hosts, input.hostname) : null;
  const manufacturer = dmi('sys_vendor');
  const model = dmi('product_name');
  const fromDmi = detectVirtualization(manufacturer, model, dmi('bios_vendor'), dmi('product_version'));
  const fromSystemd = input.detectVirt === null ? null : hypervisorFromSystemd(input.detectVirt);
  // systemd-detect-virt prints "none" and exits 1 on bare metal: that is a definite "no".
  const virtualMachine =
    fromSystemd !== null || fromDmi.virtualMachine === true || input.cpuHypervisorFlag
      ? true
      : input.detectVirt !== null || fromDmi.virtualMachine === false
        ? false
        : null;
  const name = rel.PRETTY_NAME ?? (rel.NAME ? `${rel.NAME}${rel.VERSION ? ` ${rel.VERSION}` : ''}` : 'Linux');

  return {
    hostname: input.hostname.split('.')[0] || input.hostname,
    fqdn,
    domain: fqdn && fqdn.includes('.') ? fqdn.slice(fqdn.indexOf('.') + 1) : null,
    workgroup: input.smbConf ? smbWorkgroup(input.smbConf) : null,
    os: {
      platform: 'linux',
      name,
      version: str(rel.VERSION_ID) ?? str(rel.VERSION),
      build: str(rel.BUILD_ID),
      kernel: str(input.kernel),
      arch: normalizeArch(input.machineArch) ?? 'unknown',
    },
    uptimeSeconds: count(uptimeSeconds),
    bootTime,
    timezone: input.timezone,
    locale: input.locale ?? localeFromConf(input.localeConf),
    loggedInUser: consoleUser(input.sessions),
    manufacturer,
    model,
    serial: dmi('product_serial'),
    hardwareUuid: upper(dmi('product_uuid')),
    chassisType: virtualMachine ? 'virtual' : chassisFromSmbios(num(input.dmi.chassis_type ?? null)),
    virtualMachine,
    hypervisor: virtualMachine ? (fromSystemd ?? fromDmi.hypervisor) : null,
  };
}

function localeFromConf(conf: string | null): string | null {
  const lang = conf ? parseOsRelease(conf).LANG : undefined;
  const tag = lang?.replace(/\..*$/, '').replace(/@.*$/, '').replace(/_/g, '-');
  return tag && tag !== 'C' && tag !== 'POSIX' ? tag : null;
}
