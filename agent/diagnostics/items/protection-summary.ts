import type { DiagnosticProbe } from '../probe.js';

/** Antivirus, firewall, encryption, updates and backup as the last inventory found them. */
export const protectionSummaryProbe: DiagnosticProbe = {
  id: 'protection-summary',
  timeoutMs: 500,
  async run(ctx) {
    const protection = ctx.state.lastInventorySummary?.protection as Record<string, { status: string; headline: string | null }> | undefined;
    if (!protection) return { summary: 'No inventory collected yet', data: null };
    const line = Object.entries(protection)
      .map(([category, p]) => `${category}: ${p.headline ?? p.status}`)
      .join('; ');
    return { summary: line, data: protection };
  },
};
