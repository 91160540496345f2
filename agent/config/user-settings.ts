import { readFile } from 'node:fs/promises';

import { writeJsonFile } from '../support/json-file.js';
import type { SettingsLayer } from './resolve-settings.js';

/** The user's own settings file: a JSON object of setting keys. Missing = empty; unreadable = a problem. */
export async function readUserSettings(path: string): Promise<SettingsLayer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { values: {} };
    return { values: {}, error: `${path} cannot be read: ${(e as Error).message}` };
  }
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { values: {}, error: `${path} must hold a JSON object` };
    return { values: parsed as Record<string, unknown> };
  } catch (e) {
    return { values: {}, error: `${path} is not valid JSON: ${(e as Error).message}` };
  }
}

export async function writeUserSettings(path: string, values: Readonly<Record<string, unknown>>): Promise<void> {
  await writeJsonFile(path, values, 0o600);
}
