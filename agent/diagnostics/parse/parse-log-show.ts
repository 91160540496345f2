import type { RecentErrorEvent } from './recent-error-event.js';
import { clipMessage } from './recent-error-event.js';

/** "2026-11-28 10:04:05.123456-0800" (macOS unified log) → ISO 8601. */
export function parseLogTimestamp(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').slice(0, 4);
  const date = new Date(`${m[1]}T${m[2]}${frac}${m[4]}:${m[5]}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const basename = (p: string) => p.split('/').filter(Boolean).pop() ?? p;

/** `log show --style ndjson` (macOS 10.15+): one JSON object per line; the last line is a summary. */
export function parseLogShowNdjson(output: string): RecentErrorEvent[] {
  const events: RecentErrorEvent[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '' || !line.startsWith('{')) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof entry.eventMessage !== 'string' || typeof entry.timestamp !== 'string') continue;
    const image = typeof entry.processImagePath === 'string' ? basename(entry.processImagePath) : '';
    const subsystem = typeof entry.subsystem === 'string' && entry.subsystem !== '' ? ` (${entry.subsystem})` : '';
    events.push({
      time: parseLogTimestamp(entry.timestamp),
      source: `${image || 'unknown'}${subsystem}`,
      level: typeof entry.messageType === 'string' ? entry.messageType.toLowerCase() : 'error',
      id: null,
      message: clipMessage(entry.eventMessage),
    });
  }
  return events;
}
