import { gzipSync } from 'node:zlib';

import type { InventoryDocument } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { computeDelta, FULL_INVENTORY_EVERY_MS } from '../../../agent/inventory/delta.js';
import { sectionHash, stableStringify } from '../../../agent/inventory/section-hash.js';
import { sampleInventory } from '../../shared/samples.js';

const now = new Date('2026-11-29T09:00:00.000Z');
const recentFull = new Date(now.getTime() - 86_400_000).toISOString();

function acked(doc: InventoryDocument): Record<string, string> {
  return computeDelta({ document: doc, ackedHashes: {}, lastFullAt: null, now, forceFull: true }).hashes;
}

describe('computeDelta', () => {
  it('sends a full inventory first', () => {
    const d = computeDelta({ document: sampleInventory(), ackedHashes: {}, lastFullAt: null, now, forceFull: false });
    expect(d.kind).toBe('full');
    expect(d.reason).toBe('first upload');
    expect(Object.keys(d.document.sections)).toEqual(['system', 'storage', 'software', 'antivirus', 'backup']);
  });

  it('sends no section when nothing changed, and the result is still a valid document', () => {
    const doc = sampleInventory();
    const again = structuredClone(doc);
    // durations and uptime change on every run without the machine changing
    again.sections.system!.durationMs = 999;
    again.sections.system!.data!.uptimeSeconds = 90_000;
    again.collectedAt = '2026-11-29T09:00:00.000Z';
    const d = computeDelta({ document: again, ackedHashes: acked(doc), lastFullAt: recentFull, now, forceFull: false });
    expect(d.kind).toBe('partial');
    expect(d.changed).toEqual([]);
    expect(d.document.sections).toEqual({});
    expect(InventoryDocumentSchema.safeParse(d.document).success).toBe(true);
    expect(gzipSync(JSON.stringify({ uploadId: '7d3f7c1e-4f0a-4b8e-9a55-3c2f1d0e9b71', document: d.document })).length).toBeLessThan(1024);
  });

  it('sends exactly the sections that changed', () => {
    const doc = sampleInventory();
    const changed = structuredClone(doc);
    changed.sections.software!.data!.packages[0]!.version = '3.9.13';
    changed.sections.backup = { status: 'ok', durationMs: 4, data: { staleAfterDays: 7, mechanisms: [], overall: 'not-configured' } };
    const d = computeDelta({ document: changed, ackedHashes: acked(doc), lastFullAt: recentFull, now, forceFull: false });
    expect(d.kind).toBe('partial');
    expect(d.changed).toEqual(['software', 'backup']);
    expect(Object.keys(d.document.sections)).toEqual(['software', 'backup']);
    expect(InventoryDocumentSchema.safeParse(d.document).success).toBe(true);
  });

  it('is insensitive to key order inside a section', () => {
    const doc = sampleInventory();
    const reordered = structuredClone(doc);
    const sys = reordered.sections.system!.data!;
    reordered.sections.system!.data = Object.fromEntries(Object.entries(sys).reverse()) as typeof sys;
    const d = computeDelta({ document: reordered, ackedHashes: acked(doc), lastFullAt: recentFull, now, forceFull: false });
    expect(d.changed).toEqual([]);
  });

  it('sends a full inventory weekly, when asked, and when a section disappeared', () => {
    const doc = sampleInventory();
    const hashes = acked(doc);
    const weekOld = new Date(now.getTime() - FULL_INVENTORY_EVERY_MS).toISOString();
    expect(computeDelta({ document: doc, ackedHashes: hashes, lastFullAt: weekOld, now, forceFull: false }).reason).toBe('weekly full inventory');
    expect(computeDelta({ document: doc, ackedHashes: hashes, lastFullAt: recentFull, now, forceFull: true }).kind).toBe('full');
    const without = structuredClone(doc);
    delete without.sections.software;
    const d = computeDelta({ document: without, ackedHashes: hashes, lastFullAt: recentFull, now, forceFull: false });
    expect(d.kind).toBe('full');
    expect(d.reason).toContain('software');
  });

  it('a status change (ok → timeout) is a change', () => {
    const doc = sampleInventory();
    const broken = structuredClone(doc);
    broken.sections.software = { status: 'timeout', durationMs: 60_000, error: 'software did not finish within 60000 ms', data: null };
    expect(computeDelta({ document: broken, ackedHashes: acked(doc), lastFullAt: recentFull, now, forceFull: false }).changed).toEqual(['software']);
  });
});

describe('sectionHash', () => {
  it('ignores duration but not data', () => {
    const a = { status: 'ok', durationMs: 1, data: { x: 1 } };
    expect(sectionHash('hardware', a)).toBe(sectionHash('hardware', { ...a, durationMs: 500 }));
    expect(sectionHash('hardware', a)).not.toBe(sectionHash('hardware', { ...a, data: { x: 2 } }));
  });
  it('stableStringify sorts keys at every depth', () => {
    expect(stableStringify({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});

describe('volatile fields', () => {
  it('free space moving by megabytes, uptime, battery charge and Wi-Fi signal are not changes; a GiB or a reboot is', () => {
    const volume = { mount: '/', device: null, label: null, filesystem: 'ext4', sizeBytes: 500 * 2 ** 30, usedBytes: 100 * 2 ** 30, freeBytes: 400 * 2 ** 30, freePercent: 80, system: true, removable: false };
    const storage = (delta: number) => ({ status: 'ok', data: { disks: [], volumes: [{ ...volume, usedBytes: volume.usedBytes + delta, freeBytes: volume.freeBytes - delta, freePercent: 80 - delta / 2 ** 33 }] } });
    expect(sectionHash('storage', storage(0))).toBe(sectionHash('storage', storage(150 * 2 ** 20)));
    expect(sectionHash('storage', storage(0))).not.toBe(sectionHash('storage', storage(3 * 2 ** 30)));
    const system = (boot: string, uptime: number) => ({ status: 'ok', data: { hostname: 'pc', bootTime: boot, uptimeSeconds: uptime } });
    expect(sectionHash('system', system('2026-11-29T08:18:32.000Z', 10))).toBe(sectionHash('system', system('2026-11-29T08:18:31.000Z', 5000)));
    expect(sectionHash('system', system('2026-11-29T08:18:32.000Z', 10))).not.toBe(sectionHash('system', system('2026-11-29T11:00:00.000Z', 10)));
    const battery = (charge: number) => ({ status: 'ok', data: { batteries: [{ model: 'X', chargePercent: charge, charging: charge < 50 }] } });
    expect(sectionHash('hardware', battery(40))).toBe(sectionHash('hardware', battery(90)));
  });
});
