import type { DiagnosticProbe } from '../probe.js';

export const inventorySummaryProbe: DiagnosticProbe = {
  id: 'inventory-summary',
  timeoutMs: 500,
  async run(ctx) {
    const s = ctx.state.lastInventorySummary;
    if (s === null) return { summary: 'No inventory collected yet', data: null };
    const { protection: _protection, ...summary } = s;
    const line = [summary.os, summary.model, `collected ${String(summary.collectedAt)}`].filter((x) => typeof x === 'string' && x !== '').join(', ');
    return { summary: line, data: { ...summary, uploadedAt: ctx.state.lastInventoryAt } };
  },
};
