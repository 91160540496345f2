import type { RecentErrorEvent } from './recent-error-event.js';
import { clipMessage } from './recent-error-event.js';

/** PowerShell 5.1's ConvertTo-Json writes dates as "\/Date(1732780800000)\/"; 7.x writes ISO. */
export function parsePowerShellDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const legacy = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (legacy) return new Date(Number(legacy[1])).toISOString();
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * `Get-WinEvent … | Select-Object TimeCreated, Id, ProviderName, LevelDisplayName, LogName, Message |
 * ConvertTo-Json`: an array, a single object when there is one event, or nothing when there are none.
 */
export function parseWinEventsJson(output: string): RecentErrorEvent[] {
  const text = output.replace(/^\uFEFF/, '').trim();
  if (text === '') return [];
  const parsed: unknown = JSON.parse(text);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list
    .filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object')
    .map((e) => ({
      time: parsePowerShellDate(e.TimeCreated),
      source: typeof e.ProviderName === 'string' && e.ProviderName !== '' ? `${e.ProviderName}${typeof e.LogName === 'string' ? ` (${e.LogName})` : ''}` : 'unknown',
      level: typeof e.LevelDisplayName === 'string' && e.LevelDisplayName !== '' ? e.LevelDisplayName.toLowerCase() : 'error',
      id: typeof e.Id === 'number' ? e.Id : null,
      message: clipMessage(typeof e.Message === 'string' ? e.Message : '(no message text: the provider\'s message file is missing)'),
    }));
}
