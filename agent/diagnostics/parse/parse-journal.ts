import type { RecentErrorEvent } from './recent-error-event.js';
import { clipMessage } from './recent-error-event.js';

const PRIORITY = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

function journalText(value: unknown): string {
  if (typeof value === 'string') return value;
  // journald emits non-UTF-8 or binary MESSAGE fields as an array of byte values.
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('utf8');
  return '';
}

/** `journalctl --output=json` (one JSON object per line, systemd.journal-fields(7)). */
export function parseJournalJson(output: string): RecentErrorEvent[] {
  const events: RecentErrorEvent[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const micros = Number(entry.__REALTIME_TIMESTAMP);
    const priority = Number(entry.PRIORITY);
    events.push({
      time: Number.isFinite(micros) ? new Date(Math.floor(micros / 1000)).toISOString() : null,
      source: journalText(entry.SYSLOG_IDENTIFIER) || journalText(entry._COMM) || journalText(entry._SYSTEMD_UNIT) || 'unknown',
      level: PRIORITY[priority] ?? 'err',
      id: null,
      message: clipMessage(journalText(entry.MESSAGE)),
    });
  }
  return events;
}
