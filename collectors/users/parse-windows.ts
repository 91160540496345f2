import type { UsersData } from '@deskside/shared/inventory';

import { parseWindowsDate } from '../common/dates.js';
import { asArray, asObject, bool, num, str } from '../common/values.js';
import type { CultureDateFormat } from './culture-date.js';
import { parseQuser } from './parse-quser.js';

function culture(value: unknown): CultureDateFormat | null {
  const c = asObject(value);
  const date = str(c?.shortDatePattern);
  const time = str(c?.shortTimePattern);
  const offset = num(c?.offsetMinutes);
  if (!c || date === null || time === null || offset === null) return null;
  return { shortDatePattern: date, shortTimePattern: time, amDesignator: String(c.amDesignator ?? ''), pmDesignator: String(c.pmDesignator ?? ''), offsetMinutes: offset };
}

export function parseWindowsUsers(parts: Readonly<Record<string, unknown>>): UsersData {
  const quserLines = asArrayOfText(parts.quser);
  let sessions: UsersData['sessions'] = parseQuser(quserLines.join('\n'), culture(parts.culture));
  // quser is missing on Home editions; the console user from CIM is better than nothing.
  const consoleUser = str(asObject(parts.cs)?.UserName);
  if (sessions.length === 0 && consoleUser !== null) {
    sessions = [{ user: consoleUser, kind: 'console', terminal: 'console', host: null, startedAt: null }];
  }

  const adminSids = new Set(asArray(parts.admins).map((a) => String(a.SID ?? '').toUpperCase()));
  const adminNames = new Set(asArray(parts.admins).map((a) => String(a.Name ?? '').toLowerCase()));
  const local = asArray(parts.localUsers);
  const accounts = (local.length > 0 ? local : asArray(parts.userAccounts)).slice(0, 512).flatMap((u) => {
    const name = str(u.Name);
    if (name === null) return [];
    const sid = typeof u.SID === 'string' ? u.SID : str(asObject(u.SID)?.Value);
    const enabled = bool(u.Enabled);
    const isAdmin = sid ? adminSids.has(sid.toUpperCase()) : adminNames.has(name.toLowerCase());
    return [
      {
        name,
        fullName: str(u.FullName),
        admin: adminSids.size > 0 || adminNames.size > 0 ? isAdmin : null,
        disabled: enabled !== null ? !enabled : bool(u.Disabled),
        lastLogonAt: parseWindowsDate(u.LastLogon),
      },
    ];
  });
  return { sessions: sessions.slice(0, 128), localAccounts: accounts };
}

function asArrayOfText(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}
