import { createHash } from 'node:crypto';

import type { Category } from '@deskside/shared';

type Rule = 'drop' | ((value: unknown) => unknown);

const GiB = 1024 ** 3;
const quantize = (step: number) => (v: unknown) => (typeof v === 'number' ? Math.round(v / step) : v);
const tenMinutes = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Math.round(Date.parse(v) / 600_000) : v);

/**
 * Fields that move on every run without anything having changed on the machine (uptime, free space
 * shifting by a few MB, battery charge, Wi-Fi signal). They do not make a section "changed" on their
 * own; when the section is sent for another reason it carries them fresh. Free space still counts
 * once it moves by a GiB, and a reboot once the boot time moves by ten minutes.
 */
const VOLATILE: Partial<Record<Category, Readonly<Record<string, Rule>>>> = {
  system: { uptimeSeconds: 'drop', bootTime: tenMinutes },
  storage: { usedBytes: quantize(GiB), freeBytes: quantize(GiB), freePercent: quantize(1) },
  hardware: { chargePercent: 'drop', charging: 'drop', speedMhz: 'drop' },
  network: { signalDbm: 'drop', signalPercent: 'drop', txRateMbps: 'drop' },
};

function normalize(value: unknown, rules: Readonly<Record<string, Rule>>): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, rules));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const rule = rules[k];
    if (rule === 'drop') continue;
    out[k] = rule ? rule(v) : normalize(v, rules);
  }
  return out;
}

/** JSON with object keys sorted, so equal data always hashes equal whatever order a collector used. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** SHA-256 of what a section says about the machine: status, error and data, not how long it took. */
export function sectionHash(
  category: Category,
  section: { status: string; durationMs?: number; error?: string | undefined; missingPermission?: string | undefined; data: unknown },
): string {
  const rules = VOLATILE[category];
  const data = rules ? normalize(section.data, rules) : section.data;
  const material = stableStringify({ status: section.status, error: section.error ?? null, missingPermission: section.missingPermission ?? null, data });
  return createHash('sha256').update(material).digest('hex');
}
