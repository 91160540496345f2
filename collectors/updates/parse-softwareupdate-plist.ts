import type { PlistValue } from 'plist';

import { arrayOf, boolOf, dictOf, numberOf, stringOf, type PlistDict } from '../protection/plist-value.js';

/**
 * /Library/Preferences/com.apple.SoftwareUpdate.plist, written by the background check macOS runs
 * itself: the switches in System Settings and what that check found (RecommendedUpdates,
 * LastRecommendedUpdatesAvailable). Reading it never contacts Apple. A configuration profile's copy
 * in /Library/Managed Preferences overrides the user's switches.
 */
export interface SoftwareUpdatePrefs {
  readonly automaticUpdates: boolean | null;
  readonly pendingUpdates: number | null;
  readonly pendingSecurityUpdates: number | null;
  readonly pendingTitles: readonly string[];
}

export function parseSoftwareUpdatePlist(value: PlistValue, managed: PlistValue | null = null): SoftwareUpdatePrefs {
  const local = dictOf(value);
  if (local == null) throw new Error('com.apple.SoftwareUpdate.plist is not a dictionary');
  const policy = dictOf(managed ?? undefined);
  const read = (key: string): PlistValue | undefined => (policy && key in policy ? policy[key] : local[key]);

  const check = boolOf(read('AutomaticCheckEnabled'));
  const install = boolOf(read('AutomaticallyInstallMacOSUpdates'));
  const automaticUpdates = check === false ? false : install;

  const recommended = (local as PlistDict)['RecommendedUpdates'];
  const titles = arrayOf(recommended)
    .map((item) => {
      const entry = dictOf(item);
      return stringOf(entry?.['Display Name']) ?? stringOf(entry?.['Identifier']);
    })
    .filter((t): t is string => t != null);
  const pendingUpdates = Array.isArray(recommended) ? titles.length : numberOf(local['LastRecommendedUpdatesAvailable']);
  return {
    automaticUpdates,
    pendingUpdates,
    pendingSecurityUpdates: Array.isArray(recommended) ? titles.filter((t) => /security/i.test(t)).length : null,
    pendingTitles: titles,
  };
}
