import { isoFromLocalParts } from '../protection/dates.js';
import type { LastInstalled } from './types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `rpm -qa --last` in the C locale, newest first: "name-ver-rel.arch   Tue 01 Oct 2024 06:25:14 AM UTC".
 * A zone other than UTC/GMT is read as the machine's local time.
 */
export function parseRpmLast(text: string, utcOffsetMinutes: number): LastInstalled | null {
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\S+)\s+\w{3}\s+(\d{1,2})\s+(\w{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)?\s*(\S+)?\s*$/i.exec(line.trim());
    if (!m) continue;
    const month = MONTHS.indexOf((m[3] ?? '').toLowerCase()) + 1;
    let hour = Number(m[5]);
    if (m[8]?.toUpperCase() === 'PM' && hour !== 12) hour += 12;
    if (m[8]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    const offset = /^(UTC|GMT)$/i.test(m[9] ?? '') ? 0 : utcOffsetMinutes;
    const at = month === 0 ? null : isoFromLocalParts({ year: Number(m[4]), month, day: Number(m[2]), hour, minute: Number(m[6]), second: Number(m[7]) }, offset);
    if (at != null) return { title: m[1] ?? null, at };
  }
  return null;
}

/**
 * `dnf -C -q check-update` (cache only: no repository is contacted). Exit 100 with one "name.arch
 * version repo" line per update, 0 when none, 1 on error (e.g. no cache yet: unknown, not zero).
 */
export function parseDnfCheckUpdate(stdout: string, exitCode: number): number | null {
  if (exitCode === 0) return 0;
  if (exitCode !== 100) return null;
  let count = 0;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^(Obsoleting|Security:)/i.test(line.trim())) break;
    if (/^\S+\.\S+\s+\S+\s+\S+\s*$/.test(line.trim())) count += 1;
  }
  return count;
}

/** `dnf -C -q updateinfo list --security`: one "ADVISORY severity/Sec. package" line per pending fix. */
export function parseDnfSecurityList(stdout: string, exitCode: number): number | null {
  if (exitCode !== 0) return null;
  const packages = new Set<string>();
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\S+\s+\S*Sec\.?\s+(\S+)/i.exec(line.trim());
    if (m?.[1]) packages.add(m[1]);
  }
  return packages.size;
}
