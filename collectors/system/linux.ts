import { hostname, machine } from 'node:os';

import type { SystemData } from '@deskside/shared/inventory';

import { cachedPerBoot } from '../common/boot-cache.js';
import { readOptional } from '../common/files.js';
import type { CollectContext } from '../types.js';
import { parseWho } from '../users/parse-who.js';
import { timezoneFromTzVariable, timezoneFromZoneinfoPath } from './linux-timezone.js';
import { parseLinuxSystem } from './parse-linux.js';

const DMI_FIELDS = ['sys_vendor', 'product_name', 'product_version', 'product_serial', 'product_uuid', 'chassis_type', 'bios_vendor'] as const;

/** systemd-detect-virt's answer ("kvm", "none"): a machine does not become virtual without a reboot. */
function detectVirtualMachine(ctx: CollectContext): Promise<string | null> {
  const accept = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return cachedPerBoot(ctx, 'system-detect-virt', accept, () =>
    ctx.system.run('systemd-detect-virt', ['--vm']).then(
      (r) => r.stdout.trim(),
      () => null,
    ),
  );
}

/** TZ, then /etc/localtime's target; the runtime's (ICU's) answer only when neither names a zone. */
async function linuxTimezone(ctx: CollectContext, runtimeTimezone: () => string | null): Promise<string | null> {
  const fromTz = timezoneFromTzVariable(process.env.TZ);
  if (fromTz !== null) return fromTz;
  const link = (await ctx.system.readLink?.('/etc/localtime').catch(() => null)) ?? null;
  return (link !== null ? timezoneFromZoneinfoPath(link) : null) ?? runtimeTimezone();
}

export async function collectLinuxSystem(ctx: CollectContext, runtimeTimezone: () => string | null, locale: string | null): Promise<SystemData> {
  const { system } = ctx;
  const dmiValues = await Promise.all(DMI_FIELDS.map((f) => readOptional(system, `/sys/class/dmi/id/${f}`)));
  const [timezone, osRelease, fallbackOsRelease, kernel, uptime, hosts, cpuinfo, smbConf, localeConf, debianLocale, detectVirt, who] = await Promise.all([
    linuxTimezone(ctx, runtimeTimezone),
    readOptional(system, '/etc/os-release'),
    readOptional(system, '/usr/lib/os-release'),
    readOptional(system, '/proc/sys/kernel/osrelease'),
    readOptional(system, '/proc/uptime'),
    readOptional(system, '/etc/hosts'),
    readOptional(system, '/proc/cpuinfo'),
    readOptional(system, '/etc/samba/smb.conf'),
    readOptional(system, '/etc/locale.conf'),
    readOptional(system, '/etc/default/locale'),
    detectVirtualMachine(ctx),
    system.run('who', [], { env: { LC_ALL: 'C' } }).then(
      (r) => r.stdout,
      () => '',
    ),
  ]);
  const now = ctx.now();
  return parseLinuxSystem({
    osRelease: osRelease ?? fallbackOsRelease,
    hostname: hostname(),
    kernel: kernel?.trim() ?? null,
    machineArch: machine(),
    uptime,
    hosts,
    dmi: Object.fromEntries(DMI_FIELDS.map((f, i) => [f, dmiValues[i] ?? null])),
    detectVirt,
    cpuHypervisorFlag: cpuinfo !== null && /^flags\s*:.*\bhypervisor\b/m.test(cpuinfo),
    smbConf,
    sessions: parseWho(who, now, -now.getTimezoneOffset()),
    timezone,
    locale,
    localeConf: localeConf ?? debianLocale,
    now,
  });
}
