import { DIAGNOSTIC_ITEM_MAX_BYTES, DiagnosticsSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import type { DiagnosticProbe } from '../../../agent/diagnostics/probe.js';
import { ProbeUnsupportedError } from '../../../agent/diagnostics/probe.js';
import { DIAGNOSTIC_PROBES } from '../../../agent/diagnostics/probes.js';
import { runDiagnostics } from '../../../agent/diagnostics/run-diagnostics.js';
import { capSize } from '../../../agent/diagnostics/size-cap.js';
import { EMPTY_STATE } from '../../../agent/state/agent-state.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';

const context = { platform: 'linux' as const, system: createSystemAccess(), now: () => new Date('2026-11-29T09:00:00.000Z'), settings: DEFAULT_SETTINGS, state: EMPTY_STATE };

/** Two probes that each wait for the other to have started: they finish only when run in parallel. */
function barrierPair(): DiagnosticProbe[] {
  let release: () => void = () => undefined;
  let started = 0;
  const both = new Promise<void>((resolve) => (release = resolve));
  const probe = (id: 'uptime' | 'memory'): DiagnosticProbe => ({
    id,
    timeoutMs: 2000,
    async run() {
      started += 1;
      if (started === 2) release();
      await both;
      return { summary: `${id} ok`, data: { id } };
    },
  });
  return [probe('uptime'), probe('memory')];
}

describe('runDiagnostics', () => {
  it('runs items in parallel', async () => {
    const d = await runDiagnostics({ probes: barrierPair(), context, agentVersion: '0.1.0' });
    expect(d.items.map((i) => [i.id, i.status])).toEqual([
      ['memory', 'ok'],
      ['uptime', 'ok'],
    ]);
  });

  it('gives each item its own time limit; a hung or failing item costs only itself', async () => {
    const probes: DiagnosticProbe[] = [
      { id: 'network', timeoutMs: 50, run: (ctx) => new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))) },
      { id: 'disks', timeoutMs: 1000, run: async () => Promise.reject(new Error('df: cannot read table of mounted file systems')) },
      { id: 'pending-reboot', timeoutMs: 1000, run: async () => Promise.reject(new ProbeUnsupportedError('not on this OS')) },
      { id: 'uptime', timeoutMs: 1000, run: async () => ({ summary: 'Up 1 day', data: { uptimeSeconds: 86_400 } }) },
    ];
    const d = await runDiagnostics({ probes, context, agentVersion: '0.1.0' });
    const byId = Object.fromEntries(d.items.map((i) => [i.id, i]));
    expect(byId.network).toMatchObject({ status: 'timeout', error: 'did not finish within 50 ms', data: null });
    expect(byId.disks).toMatchObject({ status: 'error', error: 'df: cannot read table of mounted file systems' });
    expect(byId['pending-reboot']).toMatchObject({ status: 'unsupported' });
    // The English line is worded from the same codes every reader translates.
    expect(byId.uptime).toMatchObject({ status: 'ok', summary: 'Up 1 d 0 h' });
  });

  it("follows the organisation's privacy switches: a disabled category and the running-programs and recent-errors keys", async () => {
    const ran: string[] = [];
    const probe = (id: DiagnosticProbe['id']): DiagnosticProbe => ({ id, timeoutMs: 1000, run: async () => (ran.push(id), { summary: null, data: { id, addresses: ['10.0.0.5'] } }) });
    const probes = (['network', 'disks', 'memory', 'processes', 'uptime', 'recent-errors'] as const).map(probe);
    const settings = { ...DEFAULT_SETTINGS, disabledCategories: ['network' as const], runningProgramsAllowed: false, recentErrorsAllowed: false };
    const d = await runDiagnostics({ probes, context: { ...context, settings }, agentVersion: '0.1.0' });
    expect(ran.sort()).toEqual(['disks', 'memory', 'uptime']);
    expect(d.items.map((i) => i.id)).toEqual(['disks', 'memory', 'uptime']);
    expect(d.withheld).toEqual(['network', 'processes', 'recent-errors']);
    expect(d.omitted).toEqual([]);
    const storageOff = await runDiagnostics({ probes, context: { ...context, settings: { ...DEFAULT_SETTINGS, disabledCategories: ['storage' as const] } }, agentVersion: '0.1.0' });
    expect(storageOff.withheld).toEqual(['disks']);
    expect(DiagnosticsSchema.safeParse(d).success).toBe(true);
  });

  it('does not run items the user left out, and names them', async () => {
    let ran = false;
    const probes: DiagnosticProbe[] = [{ id: 'processes', timeoutMs: 100, run: async () => ((ran = true), { summary: null, data: null }) }];
    const d = await runDiagnostics({ probes, context, omit: ['processes', 'recent-errors'], agentVersion: '0.1.0' });
    expect(ran).toBe(false);
    expect(d.items).toEqual([]);
    expect(d.omitted).toEqual(['processes', 'recent-errors']);
  });

  it('redacts secrets and counts them; caps size with a note', async () => {
    const events = Array.from({ length: 2000 }, (_, i) => ({ message: `event ${i}: connect failed password=hunter${i} ${'x'.repeat(40)}` }));
    const probes: DiagnosticProbe[] = [{ id: 'recent-errors', timeoutMs: 1000, run: async () => ({ summary: 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz', data: { events } }) }];
    const d = await runDiagnostics({ probes, context, agentVersion: '0.1.0' });
    const item = d.items[0]!;
    expect(JSON.stringify(d)).not.toMatch(/hunter\d|abcdefghijklmnopqrstuvwxyz/);
    expect(d.redactions).toBe(2001);
    expect(JSON.stringify(item.data).length).toBeLessThanOrEqual(DIAGNOSTIC_ITEM_MAX_BYTES);
    expect(item.truncated).toMatch(/^size cap \d+ KiB: events: \d+ of 2000 entries kept$/);
    expect(DiagnosticsSchema.safeParse(d).success).toBe(true);
  });

  it('real probes on this machine produce a valid document', async () => {
    const d = await runDiagnostics({ probes: DIAGNOSTIC_PROBES, context, agentVersion: '0.1.0' });
    expect(DiagnosticsSchema.safeParse(d).success).toBe(true);
    expect(d.items.map((i) => i.id)).toEqual(['network', 'disks', 'memory', 'processes', 'uptime', 'pending-reboot', 'recent-errors', 'inventory-summary', 'protection-summary']);
    expect(d.items.find((i) => i.id === 'uptime')?.status).toBe('ok');
  });
});

describe('capSize', () => {
  it('leaves small data alone and shortens long strings', () => {
    expect(capSize({ a: 1 }, 100)).toEqual({ data: { a: 1 }, note: null });
    const { data, note } = capSize({ text: 'y'.repeat(10_000) }, 5000);
    expect((data as { text: string }).text).toHaveLength(4001);
    expect(note).toContain('1 long text value(s) shortened');
  });
});
