import { homedir } from 'node:os';

import type { BackupData, BackupMechanism } from '@deskside/shared/inventory';

import { gsettingsSchemaInstalled } from '../common/gsettings.js';
import { probeList, probeReadFile, probeRun } from '../protection/probe.js';
import { systemdBooted, userManagerReachable } from '../protection/systemd-presence.js';
import { isoFromSystemdTimestamp, parseSystemctlShow, SYSTEMCTL_SHOW_ARGS } from '../protection/systemd.js';
import type { CollectContext } from '../types.js';
import {
  dejaDupDestinationKind,
  latestTimeshiftSnapshot,
  parseBackupTimers,
  parseDejaDupKeyfile,
  parseDejaDupSettings,
  parseTimeshiftConfig,
  toolName,
  type DejaDupSettings,
} from './parse-linux-backup.js';
import { backupData, mechanism } from './state.js';

/** systemd prints timestamps in the caller's zone: asking for UTC keeps them parseable. */
const UTC_C = { env: { TZ: 'UTC', LC_ALL: 'C' } } as const;

/** The Flatpak build's settings file, relative to the user's home. */
export const DEJA_DUP_FLATPAK_KEYFILE = '.var/app/org.gnome.DejaDup/config/glib-2.0/settings/keyfile';

async function dejaDupSettings(ctx: CollectContext): Promise<{ settings: DejaDupSettings; source: string } | null> {
  const run = (await gsettingsSchemaInstalled(ctx, 'org.gnome.DejaDup')) ? await probeRun(ctx, 'gsettings', ['list-recursively', 'org.gnome.DejaDup']) : null;
  if (run?.kind === 'ok' && run.value.exitCode === 0) {
    try {
      return { settings: parseDejaDupSettings(run.value.stdout), source: 'gsettings org.gnome.DejaDup' };
    } catch {
      // Schema present but no keys: fall through to the Flatpak build.
    }
  }
  const path = `${homedir()}/${DEJA_DUP_FLATPAK_KEYFILE}`;
  const keyfile = await probeReadFile(ctx, path);
  if (keyfile.kind !== 'ok') return null; // Neither build is installed for this user.
  try {
    return { settings: parseDejaDupKeyfile(keyfile.value), source: path };
  } catch {
    return null;
  }
}

/** The calling user's Déjà Dup, or null when neither build is installed for them. */
export async function dejaDup(ctx: CollectContext): Promise<BackupMechanism | null> {
  const found = await dejaDupSettings(ctx);
  if (found == null) return null;
  const { settings, source } = found;
  const configured = settings.lastRun != null || settings.lastBackup != null || settings.periodic === true;
  const failed = settings.lastRun != null && (settings.lastBackup == null || settings.lastRun > settings.lastBackup);
  return mechanism(
    {
      product: 'Déjà Dup',
      kind: 'os',
      source,
      destination: configured ? { name: settings.location, kind: dejaDupDestinationKind(settings.backend), encrypted: null } : null,
    },
    { configured, enabled: settings.periodic, lastSuccessAt: settings.lastBackup, lastAttemptAt: settings.lastRun, lastSuccessKnown: true, lastRunFailed: failed },
    ctx.backupStaleDays,
    ctx.now(),
  );
}

const TIMESHIFT_SNAPSHOT_DIRS = ['/timeshift/snapshots', '/run/timeshift/backup/timeshift/snapshots', '/run/timeshift/backup/timeshift-btrfs/snapshots', '/timeshift-btrfs/snapshots'];

async function timeshift(ctx: CollectContext): Promise<BackupMechanism | null> {
  let path = '/etc/timeshift/timeshift.json';
  let conf = await probeReadFile(ctx, path);
  if (conf.kind === 'missing') {
    path = '/etc/timeshift.json';
    conf = await probeReadFile(ctx, path);
  }
  if (conf.kind === 'missing') return null;
  const base = { product: 'Timeshift', kind: 'os' as const, source: path };
  if (conf.kind !== 'ok') {
    return mechanism(base, { configured: null, enabled: null, lastSuccessAt: null, lastSuccessKnown: false, unknownBecause: `${path}: ${conf.detail}` }, ctx.backupStaleDays, ctx.now());
  }
  const config = parseTimeshiftConfig(conf.value);
  let latest: string | null = null;
  let seen = false;
  for (const dir of TIMESHIFT_SNAPSHOT_DIRS) {
    const list = await probeList(ctx, dir);
    if (list.kind !== 'ok') continue;
    seen = true;
    const found = latestTimeshiftSnapshot(list.value, -ctx.now().getTimezoneOffset());
    if (found != null && (latest == null || found > latest)) latest = found;
  }
  return mechanism(
    { ...base, source: `${path} + snapshot folders`, destination: config.device ? { name: `device ${config.device}`, kind: 'local', encrypted: null } : null },
    {
      configured: config.configured,
      enabled: config.configured ? config.scheduled : false,
      lastSuccessAt: latest,
      lastSuccessKnown: seen,
      unknownBecause: 'the snapshot device is not mounted, so snapshot dates are not visible',
    },
    ctx.backupStaleDays,
    ctx.now(),
  );
}

/**
 * Backup timers of the system manager, and of the user's own manager (`--user`, where a per-user
 * restic or Vorta timer lives). Each is asked only when it is there to answer: systemd booted, a user
 * session reachable.
 */
async function timers(ctx: CollectContext, scope: readonly string[]): Promise<BackupMechanism[]> {
  const user = scope.length > 0;
  let list = await probeRun(ctx, 'systemctl', [...scope, 'list-timers', '--all', '--no-pager', '-o', 'json'], UTC_C);
  if (list.kind === 'ok' && list.value.exitCode !== 0 && !/Failed to connect|No medium|not been booted/i.test(list.value.stderr)) {
    list = await probeRun(ctx, 'systemctl', [...scope, 'list-timers', '--all', '--no-pager'], UTC_C);
  }
  if (list.kind !== 'ok' || list.value.exitCode !== 0) return [];
  let found: ReturnType<typeof parseBackupTimers>;
  try {
    found = parseBackupTimers(list.value.stdout);
  } catch {
    found = []; // Garbled JSON: no timers we can vouch for.
  }
  if (found.length === 0) return [];
  const units = found.flatMap((t) => [t.timer, t.service]);
  const [verb, ...rest] = SYSTEMCTL_SHOW_ARGS;
  const show = await probeRun(ctx, 'systemctl', [...scope, verb ?? 'show', ...rest, ...units], UTC_C);
  const states = show.kind === 'ok' ? parseSystemctlShow(show.value.stdout, units) : [];
  return found.map(({ timer, service }) => {
    const t = states.find((s) => s.unit === timer);
    const s = states.find((x) => x.unit === service);
    const exitedAt = isoFromSystemdTimestamp(s?.properties.get('ExecMainExitTimestamp'));
    const status = s?.properties.get('ExecMainStatus');
    const failed = s?.result == null ? null : s.result !== 'success' || (status != null && status !== '0');
    return mechanism(
      { product: `${toolName(service)} (${timer}${user ? ', user' : ''})`, kind: 'third-party', source: `systemd${user ? ' --user' : ''} ${timer} → ${service}` },
      {
        configured: true,
        enabled: t?.active ?? null,
        lastSuccessAt: failed === false ? exitedAt : null,
        lastAttemptAt: exitedAt,
        lastRunFailed: exitedAt == null ? null : failed,
        // systemd only remembers the latest run (since boot): an older success is not visible.
        lastSuccessKnown: failed === false && exitedAt != null,
        unknownBecause: exitedAt == null ? 'the service has not run since boot' : null,
      },
      ctx.backupStaleDays,
      ctx.now(),
    );
  });
}

/**
 * Déjà Dup (the user's GNOME settings), Timeshift, and restic/borg run by systemd timers. As the
 * service, Déjà Dup is left out: root's or a DynamicUser's dconf is nobody's desktop settings, and
 * each user's own report carries theirs.
 */
export async function collectLinuxBackup(ctx: CollectContext): Promise<BackupData> {
  const mechanisms: BackupMechanism[] = [];
  const deja = ctx.serviceAccount === true ? null : await dejaDup(ctx);
  for (const found of [deja, await timeshift(ctx)]) if (found) mechanisms.push(found);
  if (await systemdBooted(ctx)) mechanisms.push(...(await timers(ctx, [])));
  if (await userManagerReachable(ctx)) mechanisms.push(...(await timers(ctx, ['--user'])));
  return backupData(mechanisms, ctx.backupStaleDays);
}
