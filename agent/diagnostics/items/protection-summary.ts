import type { ProtectionFinding } from '@deskside/shared';
import { PROTECTION_CATEGORIES, PROTECTION_FINDING_CODES, PROTECTION_SEVERITIES } from '@deskside/shared';
import { z } from 'zod';

import type { DiagnosticProbe } from '../probe.js';

/** The shared summary's findings as state.json keeps them (written by `summarizeInventory`). */
const StoredFindingsSchema = z.array(
  z.strictObject({
    section: z.enum(PROTECTION_CATEGORIES),
    severity: z.enum(PROTECTION_SEVERITIES),
    code: z.enum(PROTECTION_FINDING_CODES),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    text: z.string(),
  }),
);

function countLine(findings: readonly ProtectionFinding[]): string {
  const count = (severity: ProtectionFinding['severity'], one: string, many: string) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
  };
  const parts = [count('problem', 'problem', 'problems'), count('warning', 'warning', 'warnings'), count('unknown', 'unknown', 'unknown')].filter((p) => p !== null);
  return parts.length === 0 ? 'all ok' : parts.join(', ');
}

/**
 * Antivirus, firewall, encryption, updates and backup as the last inventory found them, as the shared
 * protection summary's findings ({ section, severity, code, params, text }): the console translates
 * them by code, and reads the same sentences on the device page.
 */
export const protectionSummaryProbe: DiagnosticProbe = {
  id: 'protection-summary',
  timeoutMs: 500,
  async run(ctx) {
    const summary = ctx.state.lastInventorySummary;
    if (summary === null) return { summary: 'No inventory collected yet', data: null };
    const parsed = StoredFindingsSchema.safeParse(summary.protection);
    // An inventory collected by an older agent version kept another shape: say so rather than guess.
    if (!parsed.success) return { summary: 'Not available until the next inventory', data: null };
    // A protection category switched off by policy stays off here too, even if an older inventory had it.
    const findings: readonly ProtectionFinding[] = parsed.data.filter((f) => !ctx.settings.disabledCategories.includes(f.section));
    const asOf = typeof summary.collectedAt === 'string' ? ` (inventory of ${summary.collectedAt})` : '';
    return { summary: `${countLine(findings)}${asOf}: ${findings.map((f) => f.text).join('; ')}`, data: findings };
  },
};
