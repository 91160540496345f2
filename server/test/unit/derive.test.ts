import type { Sections } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { antivirusState, backupState, deriveFacts, minFreeDiskPercent, searchText } from '../../src/inventory/derive.js';
import { mergeInventory } from '../../src/inventory/merge.js';
import { fullInventory, fullSections, partialInventory } from '../helpers/inventory.js';

describe('device facts derived from the inventory', () => {
  it('reads antivirus as ok, outdated, off or unknown — never off when unreadable', () => {
    expect(antivirusState(fullSections())).toBe('ok');
    expect(antivirusState(fullSections({ avSignaturesUpToDate: false }))).toBe('outdated');
    expect(antivirusState(fullSections({ avSignaturesUpToDate: null }))).toBe('ok');
    expect(antivirusState(fullSections({ avMode: 'disabled' }))).toBe('off');
    const none: Sections = { antivirus: { status: 'ok', durationMs: 1, data: { products: [] } } };
    expect(antivirusState(none)).toBe('off');
    expect(antivirusState({ antivirus: { status: 'permission-denied', durationMs: 1, error: 'denied', data: null } })).toBe('unknown');
    expect(antivirusState({})).toBe('unknown');
  });

  it('reads an enabled product whose real-time protection is off as off, like its own protection panel', () => {
    expect(antivirusState(fullSections({ avRealtime: false }))).toBe('off');
    expect(antivirusState(fullSections({ avRealtime: false, avSignaturesUpToDate: false }))).toBe('off');
    // Some products do not report real-time protection at all: not known to be off, so still protecting.
    expect(antivirusState(fullSections({ avRealtime: null }))).toBe('ok');
  });

  it('maps backup states and takes the lowest free space over fixed volumes', () => {
    expect(backupState(fullSections({ backup: 'not-configured' }))).toBe('none');
    expect(backupState(fullSections({ backup: 'stale' }))).toBe('stale');
    expect(backupState({})).toBe('unknown');
    // The removable stick at 0.1 % is ignored; C: is computed from bytes when freePercent is null.
    expect(minFreeDiskPercent(fullSections({ freePercent: 12.34 }))).toBe(12.3);
    expect(minFreeDiskPercent({})).toBeNull();
  });

  it('collects search text and non-loopback addresses', () => {
    const facts = deriveFacts(fullSections({ ipv4: ['192.168.1.20'] }));
    expect(facts.addresses).toEqual(['192.168.1.20']);
    expect(searchText(['PC-01', null, 'Alice'])).toBe('pc-01 alice');
  });
});

describe('merging uploads', () => {
  it('replaces only the sections a partial upload carries and keeps the newest collection time', () => {
    const base = mergeInventory(null, fullInventory({ collectedAt: '2026-11-01T09:00:00.000Z' }), 1);
    const late = partialInventory({ backup: fullSections({ backup: 'failing' }).backup }, { collectedAt: '2026-11-01T08:00:00.000Z' });
    const merged = mergeInventory(base, late, 2);
    expect(merged.sections.backup?.data?.overall).toBe('failing');
    expect(merged.sections.hardware).toEqual(base.sections.hardware);
    expect(merged.collectedAt).toBe(Date.parse('2026-11-01T09:00:00.000Z'));
    expect(merged.sectionUpdatedAt.backup).toBe(Date.parse('2026-11-01T08:00:00.000Z'));
  });

  it('lets a full upload drop categories the agent no longer collects', () => {
    const base = mergeInventory(null, fullInventory(), 1);
    const doc = fullInventory();
    const { peripherals: _p, backup: _b, ...rest } = doc.sections;
    const merged = mergeInventory(base, { ...doc, sections: rest }, 2);
    expect(merged.sections.backup).toBeUndefined();
    expect(merged.sectionUpdatedAt.backup).toBeUndefined();
  });
});
