import type { UninstallEntry } from './parse-uninstall.js';

/** A registry value as regedit / `reg export` writes it, decoded. */
export type RegValue = string | number | readonly string[] | Uint8Array | null;

export interface RegKey {
  readonly path: string;
  readonly values: Readonly<Record<string, RegValue>>;
}

const hexBytes = (list: string): Uint8Array =>
  Uint8Array.from(
    list
      .split(',')
      .map((b) => b.trim())
      .filter((b) => /^[0-9a-f]{1,2}$/iu.test(b))
      .map((b) => Number.parseInt(b, 16)),
  );

/** REG_SZ text inside quotes: regedit escapes only backslash and double quote. */
const unescape = (s: string): string => s.replace(/\\(["\\])/gu, '$1');

function decodeValue(data: string, unicode: boolean): RegValue {
  if (data.startsWith('"')) return unescape(data.slice(1, data.endsWith('"') ? -1 : undefined));
  const dword = /^dword:([0-9a-f]{1,8})$/iu.exec(data);
  if (dword?.[1] !== undefined) return Number.parseInt(dword[1], 16);
  const hex = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/iu.exec(data);
  if (hex === null) return null;
  const bytes = hexBytes(hex[2] ?? '');
  const text = (): string => Buffer.from(bytes).toString(unicode ? 'utf16le' : 'latin1');
  switch ((hex[1] ?? '3').toLowerCase()) {
    case '1':
    case '2':
      return text().replace(/\0+$/u, '');
    case '7':
      return text()
        .split('\0')
        .filter((s) => s !== '');
    case '4':
      return bytes.length === 4 ? Buffer.from(bytes).readUInt32LE(0) : null;
    case 'b': {
      if (bytes.length !== 8) return null;
      const n = Buffer.from(bytes).readBigUInt64LE(0);
      return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : null;
    }
    default:
      return bytes;
  }
}

/**
 * Parses a registry export ("Windows Registry Editor Version 5.00", or REGEDIT4 whose hex strings are
 * single-byte): `[key]` sections with `"name"=data` / `@=data` lines, long hex data continued with a
 * trailing backslash. Deleted values (`=-`) and unknown lines are skipped.
 */
export function parseRegExport(text: string): RegKey[] {
  const unicode = !/^\uFEFF?REGEDIT4/u.test(text);
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const keys: { path: string; values: Record<string, RegValue> }[] = [];
  let current: { path: string; values: Record<string, RegValue> } | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i] ?? '';
    while (line.endsWith('\\') && /=(?:hex|dword)/iu.test(line) && i + 1 < lines.length) {
      i += 1;
      line = line.slice(0, -1) + (lines[i] ?? '').trim();
    }
    const section = /^\[(.+)\]\s*$/u.exec(line);
    if (section?.[1] !== undefined) {
      current = { path: section[1], values: {} };
      keys.push(current);
      continue;
    }
    if (current === null) continue;
    const named = /^"((?:[^"\\]|\\.)*)"=(.*)$/u.exec(line) ?? /^(@)=(.*)$/u.exec(line);
    if (named?.[1] === undefined || named[2] === undefined || named[2] === '-') continue;
    current.values[named[1] === '@' && line.startsWith('@') ? '' : unescape(named[1])] = decodeValue(named[2], unicode);
  }
  return keys;
}

/** The direct subkeys of an Uninstall key in an export, as entries for the Programs and Features filter. */
export function uninstallEntriesFromExport(keys: readonly RegKey[]): UninstallEntry[] {
  const entries: UninstallEntry[] = [];
  for (const key of keys) {
    const m = /\\Uninstall\\([^\\]+)$/iu.exec(key.path);
    if (m?.[1] !== undefined) entries.push({ keyName: m[1], values: key.values });
  }
  return entries;
}

/** `reg query HKU`: the SIDs of the loaded user hives (interactive accounts, not their _Classes). */
export function parseLoadedUserHives(text: string): string[] {
  return [...text.matchAll(/^HKEY_USERS\\(S-1-5-21-[\d-]+)\s*$/gmu)].map((m) => m[1] ?? '').filter((s) => s !== '');
}
