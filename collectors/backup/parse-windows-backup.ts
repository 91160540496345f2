import type { BackupMechanism } from '@deskside/shared/inventory';

import { isoFromFileTime, isoFromPowerShell, isoFromMs } from '../protection/dates.js';
import { ADMINISTRATOR } from '../protection/permission.js';
import { asList, looseBool, looseNumber, looseText, lowerKeys, parseJsonText, type LooseRecord } from '../protection/values.js';
import { parseBackblazeLastCompleted } from './parse-backblaze.js';
import { mechanism } from './state.js';
import { backupProductFor } from './windows-services.js';

/** File History's Config1.xml: the target's name and URL (a drive root or a \\server\share). */
export function parseFileHistoryConfig(xml: string): { readonly targetName: string | null; readonly targetUrl: string | null } {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(xml)?.[1]?.trim() || null;
  return { targetName: tag('TargetName'), targetUrl: tag('TargetUrl') };
}

/**
 * `wbadmin get versions` (elevated): one block per backup with "Backup time:", "Backup target:" and
 * "Version identifier: MM/DD/YYYY-HH:MM", the identifier being in UTC whatever the display locale.
 * "There are no backups available" (or no identifier) means none.
 */
export function parseWbadminVersions(text: string): { readonly count: number; readonly lastAt: string | null; readonly target: string | null } {
  let lastAt: string | null = null;
  let count = 0;
  for (const m of text.matchAll(/Version identifier:\s*(\d{2})\/(\d{2})\/(\d{4})-(\d{2}):(\d{2})/gi)) {
    count += 1;
    const iso = isoFromMs(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5])));
    if (iso != null && (lastAt == null || iso > lastAt)) lastAt = iso;
  }
  const targets = [...text.matchAll(/Backup target:\s*(.+)$/gim)].map((m) => m[1]?.trim() ?? '');
  return { count, lastAt, target: targets.at(-1) || null };
}

const KNOWN_FOLDERS: readonly (readonly [string, string])[] = [
  ['desktop', 'Desktop'],
  ['personal', 'Documents'],
  ['my pictures', 'Pictures'],
];

/** Which of Desktop/Documents/Pictures point into a OneDrive account folder. */
export function knownFoldersInOneDrive(shellFolders: LooseRecord, accountFolders: readonly string[]): { readonly moved: string[]; readonly notMoved: string[] } {
  const roots = accountFolders.map((f) => f.replace(/[\\/]+$/, '').toLowerCase() + '\\');
  const moved: string[] = [];
  const notMoved: string[] = [];
  for (const [key, label] of KNOWN_FOLDERS) {
    const path = (looseText(shellFolders[key], 1024) ?? '').toLowerCase();
    const inOneDrive = path !== '' && (roots.some((r) => path.startsWith(r)) || (roots.length === 0 && /\\onedrive( - [^\\]+)?\\/.test(path)));
    (inOneDrive ? moved : notMoved).push(label);
  }
  return { moved, notMoved };
}

/** Veeam event 190: "… finished with Success|Warning|Failed." */
export function veeamResult(message: string | null): boolean | null {
  const word = /finished with (\w+)/i.exec(message ?? '')?.[1]?.toLowerCase();
  return word === 'success' || word === 'warning' ? true : word === 'failed' || word === 'error' ? false : null;
}

/**
 * File History from the script's per-user fields (Config1.xml, HKCU ProtectedUpToTime, policy, fhsvc).
 * Null on a server where it is not set up (File History is a workstation feature).
 */
export function fileHistoryMechanism(p: LooseRecord, staleDays: number, now: Date): BackupMechanism | null {
  const server = (looseNumber(p['producttype']) ?? 1) !== 1;
  const fhXml = looseText(p['fhconfig'], 200_000);
  const fh = fhXml ? parseFileHistoryConfig(fhXml) : null;
  const fhsvc = lowerKeys(p['fhsvc']);
  const policyOff = looseNumber(p['fhpolicydisabled']) === 1;
  const fhLast = isoFromFileTime(looseText(p['fhprotecteduptotime']));
  const fhConfigured = policyOff ? false : fh?.targetUrl != null || fhLast != null;
  if (!fhConfigured && server) return null;
  const svcStatus = (looseText(fhsvc['status']) ?? '').toLowerCase();
  const svcStart = (looseText(fhsvc['starttype']) ?? '').toLowerCase();
  const enabled = !fhConfigured ? false : svcStart === 'disabled' ? false : svcStatus === 'running' ? true : null;
  const url = fh?.targetUrl ?? null;
  return mechanism(
    {
      product: 'File History',
      kind: 'os',
      source: 'FileHistory Config1.xml + HKCU FileHistory ProtectedUpToTime + fhsvc',
      destination: url || fh?.targetName ? { name: fh?.targetName ?? url, kind: url?.startsWith('\\\\') ? 'network' : url ? 'local' : 'unknown', encrypted: null } : null,
    },
    { configured: fhConfigured, enabled, lastSuccessAt: fhLast, lastSuccessKnown: fhConfigured, unknownBecause: null },
    staleDays,
    now,
  );
}

/** OneDrive Known Folder Move from HKCU User Shell Folders and OneDrive's accounts; null when they were unreadable. */
export function oneDriveMechanism(p: LooseRecord, staleDays: number, now: Date): BackupMechanism | null {
  if (p['shellfolders'] == null) return null;
  const accounts = asList(p['onedriveaccounts']).map((a) => looseText(lowerKeys(a)['folder'], 1024)).filter((f): f is string => f != null);
  const { moved, notMoved } = knownFoldersInOneDrive(lowerKeys(p['shellfolders']), accounts);
  const running = looseBool(p['onedriverunning']);
  const configured = moved.length > 0;
  const base = {
    product: 'OneDrive Known Folder Move',
    kind: 'cloud-sync' as const,
    source: 'User Shell Folders + HKCU OneDrive Accounts + OneDrive process',
    destination: configured ? { name: accounts[0]?.split('\\').at(-1) ?? 'OneDrive', kind: 'cloud' as const, encrypted: null } : null,
  };
  if (!configured) return mechanism(base, { configured: false, enabled: false, lastSuccessAt: null, lastSuccessKnown: false }, staleDays, now);
  const which = `${moved.join(', ')} in OneDrive${notMoved.length ? `; ${notMoved.join(', ')} not` : ''}`;
  const state = running === false ? ('failing' as const) : running === true ? ('ok' as const) : ('unknown' as const);
  const reason =
    running === false
      ? `OneDrive is not running, so ${moved.join(', ')} are not syncing (${which})`
      : running === true
        ? `${which}; syncing continuously (sync health is not readable locally)`
        : `${which}; whether OneDrive runs is unknown`;
  return { ...mechanism(base, { configured: true, enabled: running, lastSuccessAt: null, lastSuccessKnown: false }, staleDays, now), state, reason };
}

export interface WindowsBackupOptions {
  /**
   * False when the agent service collects: File History and OneDrive are configured per user, and the
   * service account's HKCU and profile are not a signed-in user's, so they are left to the user-scope
   * report rather than shown as "not set up".
   */
  readonly userParts?: boolean;
}

export function parseWindowsBackup(text: string, staleDays: number, now: Date, options: WindowsBackupOptions = {}): BackupMechanism[] {
  const p = lowerKeys(parseJsonText(text, 'the Windows backup script'));
  const mechanisms: BackupMechanism[] = [];
  const server = (looseNumber(p['producttype']) ?? 1) !== 1;

  const userParts = options.userParts ?? true;
  const fileHistory = userParts ? fileHistoryMechanism(p, staleDays, now) : null;
  if (fileHistory) mechanisms.push(fileHistory);

  // Windows Server Backup.
  const summary = p['wbsummary'] == null ? null : lowerKeys(p['wbsummary']);
  const wbText = looseText(p['wbadmin'], 200_000);
  const wbError = looseText(p['wbadminerror'], 500);
  if (summary != null) {
    const last = isoFromPowerShell(summary['lastsuccess']);
    const attempt = isoFromPowerShell(summary['lastattempt']);
    const hr = looseNumber(summary['lastresult']);
    mechanisms.push(
      mechanism(
        { product: 'Windows Server Backup', kind: 'os', source: 'Get-WBSummary', destination: looseText(summary['target']) ? { name: looseText(summary['target']), kind: 'unknown', encrypted: null } : null },
        { configured: last != null || attempt != null, enabled: null, lastSuccessAt: last, lastAttemptAt: attempt, lastSuccessKnown: true, lastRunFailed: hr == null ? null : hr !== 0 },
        staleDays,
        now,
      ),
    );
  } else if (wbText != null) {
    const versions = parseWbadminVersions(wbText);
    const target = versions.target;
    mechanisms.push(
      mechanism(
        {
          product: 'Windows Server Backup',
          kind: 'os',
          source: 'wbadmin get versions',
          destination: target ? { name: target.replace(/^.*labeled\s+/i, ''), kind: /network share/i.test(target) ? 'network' : 'local', encrypted: null } : null,
        },
        { configured: versions.count > 0, enabled: null, lastSuccessAt: versions.lastAt, lastSuccessKnown: true },
        staleDays,
        now,
      ),
    );
  } else if (server && wbError != null) {
    mechanisms.push(
      mechanism(
        { product: 'Windows Server Backup', kind: 'os', source: 'wbadmin get versions', missingPermission: /access|denied|elevat|administrator/i.test(wbError) ? ADMINISTRATOR : null },
        { configured: null, enabled: null, lastSuccessAt: null, lastSuccessKnown: false, unknownBecause: `wbadmin: ${wbError.slice(0, 300)}` },
        staleDays,
        now,
      ),
    );
  }

  const oneDrive = userParts ? oneDriveMechanism(p, staleDays, now) : null;
  if (oneDrive) mechanisms.push(oneDrive);

  // Third-party agents by service.
  const veeam = p['veeamlastjob'] == null ? null : lowerKeys(p['veeamlastjob']);
  const backblaze = looseText(p['backblazereport'], 100_000);
  const seen = new Set<string>();
  for (const raw of asList(p['services'])) {
    const svc = lowerKeys(raw);
    const name = looseText(svc['name']);
    const product = name ? backupProductFor(name) : null;
    if (!name || !product || seen.has(product)) continue;
    seen.add(product);
    const status = (looseText(svc['status']) ?? '').toLowerCase();
    const startType = (looseText(svc['starttype']) ?? '').toLowerCase();
    const running = status === 'running' ? true : status === 'stopped' || startType === 'disabled' ? false : null;
    let lastSuccessAt: string | null = null;
    let lastAttemptAt: string | null = null;
    let lastRunFailed: boolean | null = null;
    let source = `Windows service ${name}`;
    if (product.startsWith('Veeam') && veeam != null) {
      lastAttemptAt = isoFromPowerShell(veeam['at']);
      const ok = veeamResult(looseText(veeam['message']));
      lastRunFailed = ok == null ? null : !ok;
      if (ok === true) lastSuccessAt = lastAttemptAt;
      source += ' + Veeam Agent event 190';
    }
    if (product === 'Backblaze' && backblaze != null) {
      lastSuccessAt = parseBackblazeLastCompleted(backblaze);
      source += ' + bzstat_lastbackupcompleted.xml';
    }
    const known = lastSuccessAt != null || lastRunFailed != null;
    const m = mechanism(
      { product, kind: 'third-party', source },
      {
        configured: known ? true : null,
        enabled: running,
        lastSuccessAt,
        lastAttemptAt,
        lastRunFailed,
        lastSuccessKnown: known,
        unknownBecause: running === false ? null : 'installed; its last backup time is not exposed locally',
      },
      staleDays,
      now,
    );
    mechanisms.push(running === false && !known ? { ...m, state: 'failing', reason: `the ${name} service is ${status || 'disabled'}` } : m);
  }
  return mechanisms;
}
