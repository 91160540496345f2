import type { BackupMechanism, ProxySettings, UserAccount } from '@deskside/shared/inventory';
import { AccountIdSchema } from '@deskside/shared/inventory';

import { fileHistoryMechanism, oneDriveMechanism } from '../backup/parse-windows-backup.js';
import { parseInternetSettings } from '../network/parse-windows-proxy.js';
import { looseText, lowerKeys, parseJsonText } from '../protection/values.js';

export interface WindowsUserScope {
  /** Null when the script could not name the caller (whoami is asked then). */
  readonly account: UserAccount | null;
  /** Mode "unknown" when HKCU Internet Settings was unreadable. */
  readonly proxy: ProxySettings;
  /** Null on a server without File History set up: the feature is not offered there. */
  readonly fileHistory: BackupMechanism | null;
  /** Null when User Shell Folders was unreadable. */
  readonly oneDrive: BackupMechanism | null;
}

/** An account only when its id is a SID we can key a store file by; anything else is "not known". */
export function accountOf(name: string | null, id: string | null): UserAccount | null {
  if (name === null || id === null || !AccountIdSchema.safeParse(id).success) return null;
  return { name: name.slice(0, 256), id };
}

/** Reads the user-scope script's JSON (WINDOWS_USER_SCOPE_SCRIPT). */
export function parseWindowsUserScope(text: string, staleDays: number, now: Date): WindowsUserScope {
  const p = lowerKeys(parseJsonText(text, 'the Windows user-scope script'));
  const account = p['account'] == null ? null : lowerKeys(p['account']);
  const inet = p['internetsettings'];
  return {
    account: account === null ? null : accountOf(looseText(account['name']), looseText(account['sid'], 200)),
    // The record keeps its registry value names (ProxyEnable, …), which parseInternetSettings reads as is.
    proxy: parseInternetSettings(typeof inet === 'object' && inet !== null && !Array.isArray(inet) ? (inet as Record<string, unknown>) : null, null),
    fileHistory: fileHistoryMechanism(p, staleDays, now),
    oneDrive: oneDriveMechanism(p, staleDays, now),
  };
}

/** `whoami /user /fo csv /nh`: one CSV line, the account name then its SID. */
export function parseWhoamiUser(text: string): UserAccount | null {
  const m = /^\s*"([^"]+)","([^"]+)"\s*$/m.exec(text);
  return m ? accountOf(m[1] ?? null, m[2] ?? null) : null;
}
