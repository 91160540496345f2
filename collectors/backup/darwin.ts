import type { BackupData, BackupMechanism } from '@deskside/shared/inventory';

import { laterIso } from '../protection/dates.js';
import { FULL_DISK_ACCESS } from '../protection/permission.js';
import { decodePlist } from '../protection/plist-value.js';
import { exists, probeReadBinary, probeReadFile, probeRun } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseBackblazeLastCompleted } from './parse-backblaze.js';
import { parseTimeMachinePlist, type TmPlist } from './parse-timemachine-plist.js';
import { mentionsFullDiskAccess, parseDestinationInfo, parseLatestBackup, type TmDestination } from './parse-tmutil.js';
import { backupData, mechanism } from './state.js';

const TM_PLIST = '/Library/Preferences/com.apple.TimeMachine.plist';
const BACKBLAZE = '/Library/Backblaze.bzpkg';
const BACKBLAZE_REPORT = `${BACKBLAZE}/bzdata/bzreports/bzstat_lastbackupcompleted.xml`;

async function timeMachine(ctx: CollectContext): Promise<BackupMechanism> {
  const offset = -ctx.now().getTimezoneOffset();
  const denied: string[] = [];
  const problems: string[] = [];

  let configured: boolean | null = null;
  let destinations: readonly TmDestination[] = [];
  const info = await probeRun(ctx, '/usr/bin/tmutil', ['destinationinfo']);
  if (info.kind === 'ok') {
    const text = `${info.value.stdout}\n${info.value.stderr}`;
    if (mentionsFullDiskAccess(text)) denied.push('tmutil destinationinfo');
    else {
      try {
        ({ configured, destinations } = parseDestinationInfo(text));
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  } else if (info.kind === 'denied') denied.push('tmutil destinationinfo');
  else problems.push(`tmutil destinationinfo: ${info.detail}`);

  let latest: string | null = null;
  let latestKnown = false;
  if (configured !== false) {
    const run = await probeRun(ctx, '/usr/bin/tmutil', ['latestbackup']);
    if (run.kind === 'ok') {
      const text = `${run.value.stdout}\n${run.value.stderr}`;
      if (mentionsFullDiskAccess(text)) denied.push('tmutil latestbackup');
      else {
        latest = parseLatestBackup(run.value.stdout, offset);
        // Without a mounted destination tmutil cannot look; that proves nothing about the last backup.
        latestKnown = latest != null;
      }
    } else if (run.kind === 'denied') denied.push('tmutil latestbackup');
  }

  let prefs: TmPlist | null = null;
  const read = await probeReadBinary(ctx, TM_PLIST);
  if (read.kind === 'ok') {
    try {
      prefs = parseTimeMachinePlist(decodePlist(read.value));
    } catch (error) {
      problems.push(`${TM_PLIST}: ${(error as Error).message}`);
    }
  } else if (read.kind === 'denied') denied.push(TM_PLIST);
  else if (read.kind === 'failed') problems.push(`${TM_PLIST}: ${read.detail}`);

  if (configured == null && prefs != null) configured = prefs.destinations.length > 0;
  const snapshot = prefs?.destinations.reduce<string | null>((acc, d) => laterIso(acc, d.lastSnapshotAt), null) ?? null;
  const lastSuccessAt = laterIso(latest, snapshot);
  const first = destinations[0];
  const plistDest = prefs?.destinations.find((d) => d.id != null && d.id === first?.id) ?? prefs?.destinations[0];
  const destination =
    first || plistDest
      ? {
          name: first?.name ?? plistDest?.name ?? null,
          kind: first?.kind ?? (plistDest?.network ? ('network' as const) : ('unknown' as const)),
          encrypted: plistDest?.encrypted ?? null,
        }
      : null;
  const missingPermission = denied.length > 0 ? FULL_DISK_ACCESS : null;
  const unknownBecause =
    denied.length > 0
      ? `macOS denied access to ${denied.join(', ')}: give Deskside Full Disk Access (System Settings › Privacy & Security)`
      : problems.length > 0
        ? problems.join('; ')
        : 'the backup destination is not connected and the Time Machine preferences hold no snapshot dates';
  return mechanism(
    {
      product: 'Time Machine',
      kind: 'os',
      source: ['tmutil destinationinfo', 'tmutil latestbackup', TM_PLIST].join(' + '),
      destination,
      missingPermission,
    },
    {
      configured,
      enabled: configured === false ? false : (prefs?.autoBackup ?? null),
      lastSuccessAt,
      lastSuccessKnown: latestKnown || snapshot != null,
      unknownBecause,
    },
    ctx.backupStaleDays,
    ctx.now(),
  );
}

async function backblaze(ctx: CollectContext): Promise<BackupMechanism | null> {
  if (!(await exists(ctx, BACKBLAZE))) return null;
  const report = await probeReadFile(ctx, BACKBLAZE_REPORT);
  const last = report.kind === 'ok' ? parseBackblazeLastCompleted(report.value) : null;
  return mechanism(
    { product: 'Backblaze', kind: 'third-party', source: BACKBLAZE_REPORT, destination: { name: 'Backblaze B2', kind: 'cloud', encrypted: null } },
    {
      configured: true,
      enabled: null,
      lastSuccessAt: last,
      lastSuccessKnown: last != null,
      unknownBecause: report.kind === 'denied' ? `Backblaze's report is not readable: ${report.detail}` : 'no completed backup is recorded yet',
    },
    ctx.backupStaleDays,
    ctx.now(),
  );
}

const BUNDLES = [
  { path: '/Applications/Code42.app', product: 'Code42 (CrashPlan)' },
  { path: '/Applications/CrashPlan.app', product: 'CrashPlan' },
  { path: '/Applications/Carbon Copy Cloner.app', product: 'Carbon Copy Cloner' },
  { path: '/Applications/Arq.app', product: 'Arq' },
] as const;

/** Time Machine, Backblaze, and other backup apps recognised by bundle. */
export async function collectMacBackup(ctx: CollectContext): Promise<BackupData> {
  const mechanisms: BackupMechanism[] = [await timeMachine(ctx)];
  const bb = await backblaze(ctx);
  if (bb) mechanisms.push(bb);
  for (const bundle of BUNDLES) {
    if (!(await exists(ctx, bundle.path))) continue;
    mechanisms.push(
      mechanism(
        { product: bundle.product, kind: 'third-party', source: `app bundle ${bundle.path}` },
        { configured: null, enabled: null, lastSuccessAt: null, lastSuccessKnown: false, unknownBecause: 'installed; its last backup time is not exposed locally' },
        ctx.backupStaleDays,
        ctx.now(),
      ),
    );
  }
  const data = backupData(mechanisms, ctx.backupStaleDays);
  const blocked = mechanisms.find((m) => m.missingPermission != null && (m.state === 'unknown' || m.enabled === null));
  if (blocked) {
    throw new SectionError('permission-denied', `${blocked.product}: ${blocked.reason}`, blocked.missingPermission ?? FULL_DISK_ACCESS, data);
  }
  return data;
}
