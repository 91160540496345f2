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

describe('inventory summary lines: remote access', () => {
  it('names each tool with its ID and the remote desktop services that are on', () => {
    const doc = sampleInventory();
    doc.sections.remoteAccess = {
      status: 'ok',
      durationMs: 5,
      data: {
        handles: [
          { tool: 'anydesk', id: '512345678', server: null, group: null, label: null, problem: null, source: '/etc/anydesk/system.conf' },
          { tool: 'meshcentral', id: null, server: 'wss://mesh.example.com/agent.ashx', group: null, label: null, problem: null, source: 'meshagent.msh' },
        ],
        services: [
          { service: 'vnc', enabled: true, product: 'x11vnc', source: 'systemctl' },
          { service: 'rdp', enabled: false, product: null, source: 'systemctl' },
        ],
      },
    };
    expect(line(summaryLines(doc), 'remoteAccess')).toMatch(/ms {2}AnyDesk 512345678, MeshCentral \(no ID\) · vnc on \(x11vnc\)$/);
    doc.sections.remoteAccess.data = { handles: [], services: [] };
    expect(line(summaryLines(doc), 'remoteAccess')).toMatch(/ms {2}no remote-access tool$/);
  });
});
