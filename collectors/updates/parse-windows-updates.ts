import type { UpdatesData } from '@deskside/shared/inventory';

import { isoFromPowerShell } from '../protection/dates.js';
import { asList, looseBool, looseNumber, looseText, lowerKeys, parseJsonText } from '../protection/values.js';
import { combineRebootChecks, type LastInstalled, type RebootCheck } from './types.js';

/** IUpdateHistoryEntry.ResultCode: 2 succeeded, 3 succeeded with errors. */
const SUCCEEDED = new Set([2, 3]);
/**
 * Defender's definition and platform packages arrive through Windows Update several times a day; counted
 * as "the last update" they would hide an OS that has not been patched for months.
 */
const DEFINITION_UPDATE = /Security Intelligence Update|Definition Update|KB2267602|KB2461484|KB4052623|KB915597/i;

function lastInstalled(history: readonly unknown[], hotfixes: readonly unknown[]): LastInstalled | null {
  let best: LastInstalled | null = null;
  const consider = (title: string | null, at: string | null) => {
    if (at == null) return;
    if (best?.at == null || Date.parse(at) > Date.parse(best.at)) best = { title, at };
  };
  for (const raw of history) {
    const entry = lowerKeys(raw);
    const title = looseText(entry['title'], 2000);
    if (!SUCCEEDED.has(looseNumber(entry['resultcode']) ?? -1) || DEFINITION_UPDATE.test(title ?? '')) continue;
    consider(title, isoFromPowerShell(entry['date']));
  }
  if (best == null) {
    // No Windows Update history (WSUS-less servers, wiped DataStore): hotfixes still say when.
    for (const raw of hotfixes) {
      const entry = lowerKeys(raw);
      const id = looseText(entry['id']);
      const description = looseText(entry['description']);
      consider(id == null ? description : description ? `${id} (${description})` : id, isoFromPowerShell(entry['installedon']));
    }
  }
  return best;
}

/**
 * Automatic updates: whether updates get installed without someone acting. Policy wins
 * (NoAutoUpdate=1 off; AUOptions 4 "download and schedule the install" on; 2, 3 and 7 only notify or
 * download, so off; 5 leaves it to the local administrator, so read on), then a disabled wuauserv (off),
 * then the Automatic Updates notification level (4 scheduled install on; 1–3 off; 0 "not configured"
 * is Windows 10/11's default of installing automatically).
 */
export function automaticUpdatesFrom(policy: unknown, wuauserv: unknown, notificationLevel: unknown): boolean | null {
  const p = lowerKeys(policy);
  if (looseNumber(p['noautoupdate']) === 1) return false;
  if ((looseText(wuauserv) ?? '').toLowerCase() === 'disabled') return false;
  switch (looseNumber(p['auoptions'])) {
    case 4:
      return true;
    case 2:
    case 3:
    case 7:
      return false;
    default:
      break;
  }
  switch (looseNumber(notificationLevel)) {
    case 1:
    case 2:
    case 3:
      return false;
    case 0:
    case 4:
      return true;
    default:
      return null;
  }
}

export function windowsRebootCheck(reboot: unknown, error: string | null): RebootCheck {
  if (reboot == null) return { pending: null, reasons: [], source: `registry reboot markers${error ? ` (${error})` : ''}` };
  const r = lowerKeys(reboot);
  const reasons: string[] = [];
  if (looseBool(r['cbsrebootpending']) === true) reasons.push('Component Based Servicing: RebootPending');
  if (looseBool(r['wurebootrequired']) === true) reasons.push('Windows Update: RebootRequired');
  const renames = looseNumber(r['pendingfilerenames']) ?? 0;
  if (renames > 0) reasons.push(`Session Manager: ${renames} PendingFileRenameOperations`);
  const volatile = looseNumber(r['updateexevolatile']);
  if (volatile != null && volatile !== 0) reasons.push('Updates: UpdateExeVolatile');
  if (looseBool(r['computerrenamepending']) === true) reasons.push('computer rename pending');
  return { pending: reasons.length > 0, reasons, source: 'registry reboot markers' };
}

/** `pendingText` is the offline-scan script's output, or null when it failed or timed out. */
export function parseWindowsUpdates(text: string, pendingText: string | null): UpdatesData {
  const payload = lowerKeys(parseJsonText(text, 'the Windows updates script'));
  let pending: ReturnType<typeof lowerKeys> | null = null;
  if (pendingText != null) {
    try {
      pending = lowerKeys(parseJsonText(pendingText, 'the Windows pending-updates script'));
    } catch {
      pending = null; // An unreadable count stays unknown; the rest of the section still holds.
    }
  }
  const sources = ['Windows Update history', 'Get-HotFix', 'registry'];
  if (pending) sources.push('Windows Update offline scan cache');
  return {
    lastInstalled: lastInstalled(asList(payload['history']), asList(payload['hotfixes'])),
    automaticUpdates: automaticUpdatesFrom(payload['policy'], payload['wuauserv'], payload['notificationlevel']),
    ...combineRebootChecks([windowsRebootCheck(payload['reboot'], looseText(payload['rebooterror']))]),
    pendingUpdates: pending ? looseNumber(pending['count']) : null,
    pendingSecurityUpdates: pending ? looseNumber(pending['security']) : null,
    sources,
  };
}
