import { CATEGORIES, InventoryDocumentSchema, SECTION_DATA_SCHEMAS } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { sampleInventory } from './samples.js';

function issuesOf(doc: unknown): string[] {
  const result = InventoryDocumentSchema.safeParse(doc);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('inventory document schema', () => {
  it('accepts a complete document with Chinese text and a permission-denied section', () => {
    expect(issuesOf(sampleInventory())).toEqual([]);
  });

  it('has a data schema for every category', () => {
    expect(Object.keys(SECTION_DATA_SCHEMAS).sort()).toEqual([...CATEGORIES].sort());
  });

  it('rejects a wrong type and names the field', () => {
    const doc = sampleInventory() as unknown as { sections: { storage: { data: { volumes: { freeBytes: unknown }[] } } } };
    doc.sections.storage.data.volumes[0]!.freeBytes = '30 GB';
    expect(issuesOf(doc)).toEqual([expect.stringMatching(/^sections\.storage\.data\.volumes\.0\.freeBytes:/)]);
  });

  it('rejects a missing required field', () => {
    const doc = sampleInventory() as Partial<ReturnType<typeof sampleInventory>>;
    delete doc.device;
    expect(issuesOf(doc)).toEqual([expect.stringMatching(/^device:/)]);
  });

  it('rejects unknown keys at every level', () => {
    expect(issuesOf({ ...sampleInventory(), extra: 1 }).join()).toMatch(/Unrecognized key/);
    const doc = sampleInventory();
    (doc.sections.system!.data as unknown as Record<string, unknown>).favouriteColour = 'blue';
    expect(issuesOf(doc).join()).toMatch(/sections\.system\.data.*favouriteColour/);
  });

  it('rejects oversized strings', () => {
    const doc = sampleInventory();
    doc.device.hostname = 'x'.repeat(257);
    expect(issuesOf(doc)).toEqual([expect.stringMatching(/^device\.hostname: Too big/)]);
  });

  it('rejects an unknown schema version, section status or category', () => {
    expect(issuesOf({ ...sampleInventory(), schemaVersion: 3 })).toHaveLength(1);
    const doc = sampleInventory() as unknown as { sections: Record<string, unknown> };
    doc.sections.backup = { status: 'broken', durationMs: 1, error: 'x', data: null };
    doc.sections.toaster = { status: 'ok', durationMs: 1, data: {} };
    expect(issuesOf(doc)).toHaveLength(2);
  });

  it('requires data on ok sections and a reason on the others', () => {
    const doc = sampleInventory();
    doc.sections.system = { status: 'ok', durationMs: 1, data: null };
    doc.sections.backup = { status: 'timeout', durationMs: 5000, data: null };
    expect(issuesOf(doc).sort()).toEqual([
      expect.stringMatching(/^sections\.backup\.error: a section that is not "ok" must say why/),
      expect.stringMatching(/^sections\.system\.data: a section with status "ok" must carry data/),
    ]);
  });

  it('lets a partial upload carry only the sections that changed, but a full one needs system', () => {
    const doc = sampleInventory();
    const { system: _system, ...rest } = doc.sections;
    expect(issuesOf({ ...doc, kind: 'partial', sections: rest })).toEqual([]);
    expect(issuesOf({ ...doc, kind: 'full', sections: rest })).toEqual([expect.stringMatching(/^sections\.system:/)]);
  });

  it('keeps unknown protection values as null, not false', () => {
    const doc = InventoryDocumentSchema.parse(sampleInventory());
    expect(doc.sections.antivirus?.data?.products[0]?.realtimeProtection).toBeNull();
  });

  it('rejects malformed MAC addresses and timestamps', () => {
    const doc = sampleInventory();
    doc.device.macs = ['A4-BB-6D-11-22-33'];
    doc.collectedAt = 'yesterday';
    expect(issuesOf(doc)).toHaveLength(2);
  });
});
