import type { InventoryDocument } from '@deskside/shared';
import { DiagnosticsSchema, diagnosticFindings, summarizeProtection } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import { protectionSummaryProbe } from '../../../agent/diagnostics/items/protection-summary.js';
import { runDiagnostics } from '../../../agent/diagnostics/run-diagnostics.js';
import { summarizeInventory } from '../../../agent/inventory/inventory-summary.js';
import type { AgentState } from '../../../agent/state/agent-state.js';
import { EMPTY_STATE } from '../../../agent/state/agent-state.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import { sampleInventory } from '../../shared/samples.js';

/** The sample with its firewall off, read a week after it was collected. */
function inventoryWithFirewallOff(): InventoryDocument {
  const doc = sampleInventory();
  doc.sections.firewall = {
    status: 'ok',
    durationMs: 20,
    data: {
      enabled: false,
      profiles: [
        { name: 'Domain', enabled: true, defaultInboundBlocked: true, source: 'Get-NetFirewallProfile' },
        { name: 'Public', enabled: false, defaultInboundBlocked: null, source: 'Get-NetFirewallProfile' },
      ],
      products: [],
      stealthMode: null,
    },
  };
  return doc;
}

/** state.json as the agent writes it after collecting `doc` (JSON round trip included). */
const stateAfter = (doc: InventoryDocument): AgentState => JSON.parse(JSON.stringify({ ...EMPTY_STATE, lastInventorySummary: summarizeInventory(doc) })) as AgentState;

const context = (state: AgentState) => ({
  platform: 'win32' as const,
  system: createSystemAccess(),
  now: () => new Date('2026-12-06T08:00:00.000Z'),
  settings: DEFAULT_SETTINGS,
  state,
  signal: new AbortController().signal,
});

describe('protection-summary diagnostic item', () => {
  it("carries the shared summary's findings, as of the inventory's collection", async () => {
    const doc = inventoryWithFirewallOff();
    const result = await protectionSummaryProbe.run(context(stateAfter(doc)));
    // a week later the signatures are still described as the inventory found them (1 day old, not 8)
    expect(result.data).toEqual(summarizeProtection(doc.sections, new Date(doc.collectedAt)));
    const findings = result.data as { section: string; severity: string; code: string; params: object; text: string }[];
    expect(findings.map((f) => [f.section, f.severity, f.code])).toEqual([
      ['antivirus', 'ok', 'av-ok'],
      ['firewall', 'problem', 'fw-off'],
      ['encryption', 'unknown', 'section-missing'],
      ['updates', 'unknown', 'section-missing'],
      ['backup', 'unknown', 'section-permission-denied'],
    ]);
    expect(findings[0]!.text).toBe('Antivirus: Microsoft Defender Antivirus on, signatures 1 day old');
    expect(findings[1]).toEqual({ section: 'firewall', severity: 'problem', code: 'fw-off', params: { profiles: 'Public' }, text: 'Firewall: off (Public profile)' });
    expect(result.summary).toBe(
      '1 problem, 3 unknown (inventory of 2026-11-29T08:00:00.000Z): Antivirus: Microsoft Defender Antivirus on, signatures 1 day old; Firewall: off (Public profile); ' +
        'Disk encryption: not collected; Updates: not collected; Backup: unknown — needs Full Disk Access',
    );
  });

  it('says so when no inventory was collected yet', async () => {
    expect(await protectionSummaryProbe.run(context(EMPTY_STATE))).toEqual({ summary: 'No inventory collected yet', data: null });
  });

  it('does not pass off a summary kept by an older version as findings', async () => {
    const old = { ...EMPTY_STATE, lastInventorySummary: { collectedAt: '2026-11-01T00:00:00.000Z', protection: { firewall: { status: 'ok', headline: 'off', error: null } } } };
    expect(await protectionSummaryProbe.run(context(old))).toEqual({ summary: 'Not available until the next inventory', data: null });
  });

  it('reaches the console as findings it surfaces by code, through redaction and the size cap', async () => {
    const diagnostics = await runDiagnostics({ probes: [protectionSummaryProbe], context: context(stateAfter(inventoryWithFirewallOff())), agentVersion: '0.1.0' });
    expect(DiagnosticsSchema.safeParse(diagnostics).success).toBe(true);
    expect(diagnostics.redactions).toBe(0);
    expect(diagnosticFindings(diagnostics)).toEqual([
      { item: 'protection-summary', severity: 'problem', code: 'fw-off', params: { profiles: 'Public', section: 'firewall' }, text: 'Firewall: off (Public profile)' },
    ]);
  });
});

describe('last inventory summary', () => {
  it('keeps the protection findings apart from the facts the inventory-summary item shows', () => {
    const summary = summarizeInventory(inventoryWithFirewallOff());
    expect(summary.protection).toHaveLength(5);
    expect(summary).toMatchObject({ hostname: 'PC-ACCT-042', os: 'Windows 11 Pro 23H2 (22631.4460)', sectionStatus: { firewall: 'ok', backup: 'permission-denied' } });
  });
});
