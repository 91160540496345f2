import { decodePlist, dictOf, numberOf, stringOf } from '../protection/plist-value.js';
import { configValue } from './parse-key-value.js';

const asId = (value: number | string | null): string | null => {
  if (value === null) return null;
  const text = String(value).trim();
  return /^\d{6,12}$/.test(text) && text !== '0' ? text : null;
};

/**
 * Linux `/etc/teamviewer/global.conf`: typed lines such as `[int32] ClientID = 1234567890`. Only
 * that line is read (the file also holds the permanent password's hash).
 */
export function parseTeamViewerGlobalConf(text: string): string | null {
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*\[int32\]\s+ClientID\s*=\s*(\d+)\s*$/.exec(raw);
    if (m) return asId(m[1] ?? null);
  }
  return asId(configValue(text, 'ClientID'));
}

/** macOS `/Library/Preferences/com.teamviewer.teamviewer.preferences.plist`: the `ClientID` integer. */
export function parseTeamViewerPlist(bytes: Uint8Array | string): string | null {
  const dict = dictOf(decodePlist(bytes));
  if (dict === null) return null;
  const value = dict.ClientID;
  return asId(numberOf(value) ?? stringOf(value));
}

/** Windows: the `ClientID` DWORD of `HKLM\SOFTWARE\TeamViewer` (or WOW6432Node), as the script read it. */
export function parseTeamViewerRegistryValue(value: unknown): string | null {
  return typeof value === 'number' || typeof value === 'string' ? asId(value) : null;
}
