import type { UpdatesData } from '@deskside/shared/inventory';

import { cachedByFiles } from '../common/file-cache.js';
import { exists, probeList, probeReadFile, probeRun } from '../protection/probe.js';
import { parseSystemctlShow, SYSTEMCTL_SHOW_ARGS } from '../protection/systemd.js';
import type { CollectContext } from '../types.js';
import { parseAptHistory, parseAptPeriodic, parseAptSimulate } from './parse-apt.js';
import { kernelCheck, needsRestartingCheck, rebootRequiredFileCheck } from './parse-linux-reboot.js';
import { parseDnfCheckUpdate, parseDnfSecurityList, parseRpmLast } from './parse-rpm.js';
import { combineRebootChecks, type RebootCheck } from './types.js';

const C_LOCALE = { env: { LC_ALL: 'C', LANG: 'C' } } as const;

/** What `apt-get -s upgrade` reads: the installed set, the downloaded lists, the binary cache. */
export const APT_STATE_FILES: readonly string[] = ['/var/lib/dpkg/status', '/var/lib/apt/lists', '/var/cache/apt/pkgcache.bin', '/etc/apt/preferences', '/etc/apt/preferences.d'];

/** What `apt-config dump` prints: apt's configuration files, and its defaults (which change with apt). */
const APT_CONFIG_FILES: readonly string[] = ['/etc/apt/apt.conf', '/etc/apt/apt.conf.d', '/var/lib/dpkg/status'];

type AptCounts = ReturnType<typeof parseAptSimulate>;

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A cached count read back from disk is trusted only in its exact shape. */
export function acceptAptCounts(value: unknown): AptCounts | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pending, security } = value as Record<string, unknown>;
  return count(pending) && count(security) && security <= pending ? { pending, security } : null;
}

async function simulateAptUpgrade(ctx: CollectContext): Promise<AptCounts | null> {
  const sim = await probeRun(ctx, 'apt-get', ['-s', '-o', 'Debug::NoLocking=1', 'upgrade'], { ...C_LOCALE, timeoutMs: 40_000 });
  if (sim.kind !== 'ok' || sim.value.exitCode !== 0) return null;
  try {
    return parseAptSimulate(sim.value.stdout);
  } catch {
    // Unrecognised output: counts stay unknown.
    return null;
  }
}

type DistroFacts = Omit<UpdatesData, 'pendingReboot' | 'pendingRebootReasons'> & { readonly reboot: RebootCheck[] };

async function debian(ctx: CollectContext, offset: number): Promise<DistroFacts> {
  const sources: string[] = [];
  let pendingUpdates: number | null = null;
  let pendingSecurityUpdates: number | null = null;
  // With no downloaded package lists, "0 upgradable" would be a lie: the count stays unknown.
  const lists = await probeList(ctx, '/var/lib/apt/lists');
  const hasLists = lists.kind === 'ok' && lists.value.some((f) => /_Packages(?:\.\w+)?$/.test(f));
  if (hasLists) {
    // The simulation takes seconds; its answer only changes with dpkg's status or apt's lists/cache.
    const { value: counted } = await cachedByFiles({
      cacheDir: ctx.cacheDir,
      name: 'apt-pending-updates',
      watch: APT_STATE_FILES,
      accept: acceptAptCounts,
      compute: () => simulateAptUpgrade(ctx),
    });
    if (counted !== null) {
      pendingUpdates = counted.pending;
      pendingSecurityUpdates = counted.security;
      sources.push('apt-get -s upgrade (local package lists)');
    }
  }
  let lastInstalled: UpdatesData['lastInstalled'] = null;
  const history = await probeReadFile(ctx, '/var/log/apt/history.log');
  if (history.kind === 'ok') {
    lastInstalled = parseAptHistory(history.value, offset);
    sources.push('/var/log/apt/history.log');
  }
  // apt's configuration only changes with its files or an apt upgrade (new compiled-in defaults).
  const { value: periodic } = await cachedByFiles({
    cacheDir: ctx.cacheDir,
    name: 'apt-periodic',
    watch: APT_CONFIG_FILES,
    accept: (v) => (typeof v === 'object' && v !== null && typeof (v as { periodic?: unknown }).periodic === 'boolean' ? (v as { periodic: boolean }) : null),
    compute: async () => {
      const config = await probeRun(ctx, 'apt-config', ['dump'], C_LOCALE);
      return config.kind === 'ok' && config.value.exitCode === 0 ? { periodic: parseAptPeriodic(config.value.stdout) } : null;
    },
  });
  let automaticUpdates: boolean | null = null;
  if (periodic !== null) {
    const installed = await exists(ctx, '/usr/bin/unattended-upgrade');
    automaticUpdates = installed && periodic.periodic;
    sources.push('apt-config dump');
  }
  const file = await exists(ctx, '/var/run/reboot-required');
  const pkgs = file ? await probeReadFile(ctx, '/var/run/reboot-required.pkgs') : null;
  const reboot = [rebootRequiredFileCheck(file, pkgs?.kind === 'ok' ? pkgs.value : null, true)];
  return { lastInstalled, automaticUpdates, pendingUpdates, pendingSecurityUpdates, sources, reboot };
}

async function redhat(ctx: CollectContext, offset: number, dnf: string): Promise<DistroFacts> {
  const sources: string[] = [];
  const check = await probeRun(ctx, dnf, ['-C', '-q', 'check-update'], { ...C_LOCALE, timeoutMs: 25_000 });
  const pendingUpdates = check.kind === 'ok' ? parseDnfCheckUpdate(check.value.stdout, check.value.exitCode) : null;
  if (pendingUpdates != null) sources.push(`${dnf} -C check-update (local cache)`);
  const security = await probeRun(ctx, dnf, ['-C', '-q', 'updateinfo', 'list', '--security'], { ...C_LOCALE, timeoutMs: 25_000 });
  const pendingSecurityUpdates = security.kind === 'ok' ? parseDnfSecurityList(security.value.stdout, security.value.exitCode) : null;
  const rpm = await probeRun(ctx, 'rpm', ['-qa', '--last'], C_LOCALE);
  const lastInstalled = rpm.kind === 'ok' ? parseRpmLast(rpm.value.stdout, offset) : null;
  if (lastInstalled) sources.push('rpm -qa --last');

  const units = ['dnf-automatic-install.timer', 'dnf-automatic.timer', 'dnf5-automatic.timer'];
  const show = await probeRun(ctx, 'systemctl', [...SYSTEMCTL_SHOW_ARGS, ...units]);
  const states = show.kind === 'ok' ? parseSystemctlShow(show.value.stdout, units) : [];
  const on = (unit: string) => states.some((s) => s.unit === unit && (s.active === true || s.unitFileState === 'enabled'));
  let automaticUpdates: boolean | null = null;
  if (states.length > 0) {
    const conf = await probeReadFile(ctx, '/etc/dnf/automatic.conf');
    const applies = conf.kind === 'ok' && /^\s*apply_updates\s*=\s*(yes|true|1)\s*$/im.test(conf.value);
    automaticUpdates = on('dnf-automatic-install.timer') || ((on('dnf-automatic.timer') || on('dnf5-automatic.timer')) && applies);
    sources.push('dnf-automatic timers');
  }
  const reboot: RebootCheck[] = [];
  const needs = await probeRun(ctx, 'needs-restarting', ['-r'], C_LOCALE);
  if (needs.kind === 'ok') reboot.push(needsRestartingCheck(needs.value.stdout, needs.value.exitCode));
  return { lastInstalled, automaticUpdates, pendingUpdates, pendingSecurityUpdates, sources, reboot };
}

/** apt (Debian/Ubuntu) or dnf/yum (Fedora/RHEL) from local metadata only, plus reboot markers. */
export async function collectLinuxUpdates(ctx: CollectContext): Promise<UpdatesData> {
  const offset = -ctx.now().getTimezoneOffset();
  let partial: DistroFacts;
  if (await exists(ctx, '/usr/bin/apt-get')) partial = await debian(ctx, offset);
  else if (await exists(ctx, '/usr/bin/dnf')) partial = await redhat(ctx, offset, 'dnf');
  else if (await exists(ctx, '/usr/bin/yum')) partial = await redhat(ctx, offset, 'yum');
  else partial = { lastInstalled: null, automaticUpdates: null, pendingUpdates: null, pendingSecurityUpdates: null, sources: [], reboot: [] };

  // The running kernel's release as `uname -r` prints it; the kernel's own file spares a process.
  const release = await probeReadFile(ctx, '/proc/sys/kernel/osrelease');
  const uname = release.kind === 'ok' ? release : await probeRun(ctx, 'uname', ['-r']).then((r) => (r.kind === 'ok' ? { kind: 'ok' as const, value: r.value.stdout } : r));
  const boot = await probeList(ctx, '/boot');
  if (uname.kind === 'ok' && boot.kind === 'ok') partial.reboot.push(kernelCheck(uname.value.trim(), boot.value));
  const { reboot, ...rest } = partial;
  return { ...rest, ...combineRebootChecks(reboot), sources: [...rest.sources, ...new Set(reboot.map((r) => r.source))].slice(0, 16) };
}
