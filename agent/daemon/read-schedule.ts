import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { DueTimes } from '../schedule/due.js';

export type Schedule = DueTimes;

const date = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t);
};

/**
 * The due times the last round wrote to state.json. Read without the schema library on purpose: this
 * runs in the long-lived daemon process, which stays small by loading nothing it does not need.
 * A missing or damaged file means "run a round now" (the round rewrites it).
 */
export async function readSchedule(dataDir: string): Promise<Schedule | null> {
  try {
    const raw = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as Record<string, unknown>;
    return { nextCheckinAt: date(raw.nextCheckinAt), nextOutboxAt: date(raw.nextOutboxAt), nextInventoryAt: date(raw.nextInventoryAt) };
  } catch {
    return null;
  }
}
