import { describe, expect, it } from 'vitest';

import { summaryLines } from '../../../agent/commands/inventory-lines.js';
import { sampleInventory } from '../../shared/samples.js';

const line = (lines: readonly string[], section: string) => lines.find((l) => l.startsWith(`${section} `)) ?? '';

describe('inventory summary lines: protection sections', () => {
  it("use the shared protection summary's wording and mark what needs a look", () => {
    const doc = sampleInventory();
    doc.sections.firewall = {
      status: 'ok',
      durationMs: 7,
      data: { enabled: false, profiles: [{ name: 'Public', enabled: false, defaultInboundBlocked: null, source: 'netsh' }], products: [], stealthMode: null },
    };
    doc.sections.antivirus!.data!.products[0]!.signaturesUpToDate = false;
    doc.sections.antivirus!.data!.products[0]!.signaturesUpdatedAt = '2026-11-19T08:00:00.000Z';
    const lines = summaryLines(doc);
    expect(line(lines, 'antivirus')).toMatch(/^antivirus\s+ok\s+12 ms {2}WARNING: Microsoft Defender Antivirus on, signatures 10 days old \(out of date\)$/);
    expect(line(lines, 'firewall')).toMatch(/^firewall\s+ok\s+7 ms {2}PROBLEM: off$/);
    // a section without data keeps its own error and the permission it lacks
    expect(line(lines, 'backup')).toMatch(/^backup\s+permission-denied\s+3 ms {2}Time Machine settings are protected \[needs Full Disk Access\]$/);
  });

  it('say an ok finding plainly', () => {
    expect(line(summaryLines(sampleInventory()), 'antivirus')).toMatch(/ms {2}Microsoft Defender Antivirus on, signatures 1 day old$/);
  });
});
