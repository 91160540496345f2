import { parseJournalJson } from '../parse/parse-journal.js';
import { parseLogShowNdjson } from '../parse/parse-log-show.js';
import { parseWinEventsJson } from '../parse/parse-win-events.js';
import type { RecentErrorEvent } from '../parse/recent-error-event.js';
import type { DiagnosticContext, DiagnosticProbe } from '../probe.js';

export const WINDOW_HOURS = 24;
export const MAX_EVENTS = 50;
const FETCH_EVENTS = 200;

export const WINDOWS_EVENTS_SCRIPT = `
$since = (Get-Date).AddHours(-${WINDOW_HOURS})
Get-WinEvent -FilterHashtable @{ LogName = 'System','Application'; Level = 1,2; StartTime = $since } -MaxEvents ${FETCH_EVENTS} -ErrorAction SilentlyContinue |
  Select-Object @{n='TimeCreated';e={$_.TimeCreated.ToUniversalTime().ToString('o')}}, Id, ProviderName, LevelDisplayName, LogName, Message |
  ConvertTo-Json -Depth 3 -Compress`;

/** Newest first, capped, plus a count per source so a flood from one service is obvious at a glance. */
export function summarizeEvents(events: readonly RecentErrorEvent[]): { summary: string; data: unknown } {
  const sorted = [...events].sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
  const bySource = new Map<string, number>();
  for (const e of sorted) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
  const topSources = [...bySource.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([source, count]) => ({ source, count }));
  const summary =
    sorted.length === 0
      ? `No errors logged in the last ${WINDOW_HOURS} h`
      : `${sorted.length}${sorted.length >= FETCH_EVENTS ? '+' : ''} errors in the last ${WINDOW_HOURS} h; most from ${topSources
          .slice(0, 3)
          .map((s) => `${s.source} (${s.count})`)
          .join(', ')}`;
  return { summary, data: { windowHours: WINDOW_HOURS, total: sorted.length, capped: sorted.length > MAX_EVENTS, topSources, events: sorted.slice(0, MAX_EVENTS) } };
}

async function fetchEvents(ctx: DiagnosticContext): Promise<RecentErrorEvent[]> {
  switch (ctx.platform) {
    case 'linux': {
      const res = await ctx.system.run('journalctl', ['--priority=err', `--since=-${WINDOW_HOURS}h`, '--output=json', '--no-pager', '--quiet', `--lines=${FETCH_EVENTS}`], {
        timeoutMs: 4000,
        maxBytes: 8 * 1024 * 1024,
      });
      if (res.exitCode !== 0 && res.stdout.trim() === '') throw new Error(res.stderr.trim() || `journalctl exited ${res.exitCode}`);
      return parseJournalJson(res.stdout);
    }
    case 'darwin': {
      const res = await ctx.system.run(
        '/usr/bin/log',
        ['show', '--last', `${WINDOW_HOURS}h`, '--style', 'ndjson', '--predicate', 'messageType == error OR messageType == fault'],
        { timeoutMs: 4000, maxBytes: 8 * 1024 * 1024 },
      );
      if (res.exitCode !== 0) throw new Error(res.stderr.trim() || `log show exited ${res.exitCode}`);
      return parseLogShowNdjson(res.stdout);
    }
    case 'win32': {
      const res = await ctx.system.powershell(WINDOWS_EVENTS_SCRIPT, { timeoutMs: 4000, maxBytes: 8 * 1024 * 1024 });
      if (res.exitCode !== 0) throw new Error(res.stderr.trim() || `PowerShell exited ${res.exitCode}`);
      return parseWinEventsJson(res.stdout);
    }
  }
}

export const recentErrorsProbe: DiagnosticProbe = {
  id: 'recent-errors',
  timeoutMs: 4500,
  async run(ctx) {
    return summarizeEvents(await fetchEvents(ctx));
  },
};
