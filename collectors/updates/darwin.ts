import type { UpdatesData } from '@deskside/shared/inventory';
import type { PlistValue } from 'plist';

import { decodePlist } from '../protection/plist-value.js';
import { probeReadBinary } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { lastOsUpdate, parseInstallHistory } from './parse-install-history.js';
import { parseSoftwareUpdatePlist } from './parse-softwareupdate-plist.js';

const INSTALL_HISTORY = '/Library/Receipts/InstallHistory.plist';
const PREFS = '/Library/Preferences/com.apple.SoftwareUpdate.plist';
const MANAGED = '/Library/Managed Preferences/com.apple.SoftwareUpdate.plist';

async function readPlist(ctx: CollectContext, path: string, problems: string[]): Promise<PlistValue | null> {
  const read = await probeReadBinary(ctx, path);
  if (read.kind === 'missing') return null;
  if (read.kind !== 'ok') {
    problems.push(`${path}: ${read.detail}`);
    return null;
  }
  try {
    return decodePlist(read.value);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return null;
  }
}

/**
 * Install history for "last installed", Software Update's own preferences for the switches and for
 * what its last background check found. Never `softwareupdate -l`: that asks Apple's servers.
 */
export async function collectMacUpdates(ctx: CollectContext): Promise<UpdatesData> {
  const problems: string[] = [];
  const sources: string[] = [];
  const history = await readPlist(ctx, INSTALL_HISTORY, problems);
  let lastInstalled: UpdatesData['lastInstalled'] = null;
  if (history != null) {
    try {
      const last = lastOsUpdate(parseInstallHistory(history));
      lastInstalled = last ? { title: last.name, at: last.at } : null;
      sources.push(INSTALL_HISTORY);
    } catch (error) {
      problems.push(`${INSTALL_HISTORY}: ${(error as Error).message}`);
    }
  }
  const prefsValue = await readPlist(ctx, PREFS, problems);
  const managed = await readPlist(ctx, MANAGED, problems);
  let prefs = null;
  if (prefsValue != null) {
    try {
      prefs = parseSoftwareUpdatePlist(prefsValue, managed);
      sources.push(PREFS);
      if (managed != null) sources.push(MANAGED);
    } catch (error) {
      problems.push(`${PREFS}: ${(error as Error).message}`);
    }
  }
  const data: UpdatesData = {
    lastInstalled,
    automaticUpdates: prefs?.automaticUpdates ?? null,
    // macOS keeps no local "restart required" marker we can read without asking Apple's servers.
    pendingReboot: null,
    pendingRebootReasons: [],
    pendingUpdates: prefs?.pendingUpdates ?? null,
    pendingSecurityUpdates: prefs?.pendingSecurityUpdates ?? null,
    sources,
  };
  if (sources.length === 0) throw new SectionError('error', problems.join('; ') || 'neither the install history nor Software Update preferences exist', undefined, data);
  return data;
}
