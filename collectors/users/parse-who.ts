/** One line of `who`: a login session. */
export interface WhoEntry {
  readonly user: string;
  readonly terminal: string;
  readonly startedAt: string | null;
  readonly host: string | null;
  readonly kind: 'console' | 'remote' | 'other';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses `who` as GNU coreutils (Linux) and BSD (macOS) print it:
 *   jane     tty2         2026-11-29 08:01 (tty2)        GNU, any locale with a real LC_TIME
 *   jane     pts/0        Nov 29 08:01 (10.0.0.5)        GNU in the C locale, and macOS
 * Times are local; `offsetMinutes` is the machine's UTC offset (east positive) at collection time.
 */
export function parseWho(text: string, now: Date, offsetMinutes: number): WhoEntry[] {
  const entries: WhoEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const iso = /^(\S+)\s+(\S+)\s+(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})(?:\s+\((.*)\))?/.exec(line);
    const bsd = iso ? null : /^(\S+)\s+(\S+)\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?:\s+\((.*)\))?/.exec(line);
    let user: string | undefined;
    let terminal: string | undefined;
    let startedAt: string | null = null;
    let host: string | undefined;
    if (iso) {
      [, user, terminal] = iso;
      startedAt = localToIso(Number(iso[3]), Number(iso[4]) - 1, Number(iso[5]), Number(iso[6]), Number(iso[7]), offsetMinutes);
      host = iso[8];
    } else if (bsd) {
      [, user, terminal] = bsd;
      const month = MONTHS.indexOf((bsd[3] ?? '').toLowerCase());
      if (month >= 0) {
        // No year in this form: the most recent such date not in the future.
        let year = now.getUTCFullYear();
        let at = localToIso(year, month, Number(bsd[4]), Number(bsd[5]), Number(bsd[6]), offsetMinutes);
        if (at !== null && Date.parse(at) > now.getTime() + 86_400_000) {
          year -= 1;
          at = localToIso(year, month, Number(bsd[4]), Number(bsd[5]), Number(bsd[6]), offsetMinutes);
        }
        startedAt = at;
      }
      host = bsd[7];
    } else {
      continue;
    }
    if (!user || !terminal) continue;
    const remoteHost = host && !/^:\d/.test(host) && !/^tty/.test(host) ? host : null;
    entries.push({ user, terminal, startedAt, host: remoteHost, kind: sessionKind(terminal, remoteHost) });
  }
  return entries;
}

function sessionKind(terminal: string, host: string | null): WhoEntry['kind'] {
  if (host !== null) return 'remote';
  if (terminal === 'console' || /^(tty\d*|:\d+|seat\d+)$/.test(terminal)) return 'console';
  return 'other';
}

function localToIso(year: number, month: number, day: number, hour: number, minute: number, offsetMinutes: number): string | null {
  const utc = Date.UTC(year, month, day, hour, minute) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

/** The user at the machine: a console session first, then any local one. */
export function consoleUser(entries: readonly WhoEntry[]): string | null {
  return (entries.find((e) => e.kind === 'console') ?? entries.find((e) => e.kind === 'other'))?.user ?? null;
}
