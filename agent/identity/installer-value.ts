import type { z } from 'zod';

import { parseRegQuery } from '../config/parse-reg-query.js';

/**
 * What an installer records for the agent (the enrollment secret, the rollout tag) is one line of text,
 * in a file or a REG_SZ value. Both readers share these rules; `fail` builds each caller's own error,
 * which names the place and never the value.
 */
export function parseInstallerLine(raw: string, schema: z.ZodType<string | null>, fail: (detail: string) => Error): string | null {
  const value = raw.replace(/^\uFEFF/, '').trim();
  if (value === '') return null;
  if (/[\r\n]/.test(value)) throw fail('it holds more than one line');
  const checked = schema.safeParse(value);
  if (!checked.success) throw fail(checked.error.issues[0]?.message ?? 'not a valid value');
  return value;
}

/** The named value (any letter case) of `reg query` output, as a line; null when absent or blank. */
export function parseInstallerRegValue(output: string, valueName: string, schema: z.ZodType<string | null>, fail: (detail: string) => Error): string | null {
  const values = parseRegQuery(output);
  const name = Object.keys(values).find((k) => k.toLowerCase() === valueName.toLowerCase());
  const value = name === undefined ? undefined : values[name];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw fail('the value is not a string (REG_SZ)');
  return parseInstallerLine(value, schema, fail);
}
