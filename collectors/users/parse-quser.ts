import { parseCultureDateTime, type CultureDateFormat } from './culture-date.js';

export interface QuserSession {
  readonly user: string;
  readonly kind: 'console' | 'remote' | 'other';
  readonly terminal: string | null;
  readonly host: string | null;
  readonly startedAt: string | null;
}

/**
 * Parses `quser` (query user). Its header and state words are localized ("UTILISATEUR … Actif",
 * "BENUTZERNAME … Aktiv"), so the header is skipped and lines are read by shape: an optional session
 * name, a numeric id, one state word, one idle token, then the logon time in the culture's format.
 */
export function parseQuser(text: string, culture: CultureDateFormat | null): QuserSession[] {
  const sessions: QuserSession[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (const line of lines.slice(1)) {
    const m = /^[ >](\S+)\s+(?:(\S+)\s+)?(\d+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m?.[1]) continue;
    const [, user, sessionName, id, , , logon = ''] = m;
    const kind = sessionName === undefined ? 'other' : /^console$/i.test(sessionName) ? 'console' : /^rdp-tcp/i.test(sessionName) ? 'remote' : 'other';
    sessions.push({
      user,
      kind,
      terminal: sessionName ?? `#${id}`,
      host: null,
      startedAt: culture ? parseCultureDateTime(logon, culture) : null,
    });
  }
  return sessions;
}
