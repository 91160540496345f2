import type { InventoryDocument } from '@deskside/shared';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { summaryLines } from '../../agent/commands/inventory-lines.js';
import { EXIT_BAD_CATEGORY, parseCategoryList, registerInventoryCommand, UnknownCategoryError } from '../../agent/commands/inventory.js';
import { sampleInventory } from '../shared/samples.js';

describe('deskside-agent inventory', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('parses category lists and names the unknown ones', () => {
    expect(parseCategoryList(undefined)).toBeUndefined();
    expect(parseCategoryList('system, Hardware,,storage')).toEqual(['system', 'hardware', 'storage']);
    expect(() => parseCategoryList('system,bogus,other')).toThrow(UnknownCategoryError);
    expect(() => parseCategoryList('bogus')).toThrow(/unknown category: bogus \(known: system, hardware/);
  });

  it('exits 2 with a clear message on an unknown category, without collecting', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const program = new Command('deskside-agent').exitOverride();
    registerInventoryCommand(program);
    await program.parseAsync(['node', 'deskside-agent', 'inventory', '--skip', 'sytem']);
    expect(process.exitCode).toBe(EXIT_BAD_CATEGORY);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('unknown category: sytem');
    expect(stdout).not.toHaveBeenCalled();
  });

  it('summarizes one line per section with status, duration and key facts', () => {
    const doc: InventoryDocument = sampleInventory();
    const lines = summaryLines(doc);
    expect(lines[0]).toBe('Deskside inventory of PC-ACCT-042 at 2026-11-29T08:00:00.000Z (full)');
    expect(lines.find((l) => l.startsWith('system'))).toMatch(/^system\s+ok\s+12 ms {2}PC-ACCT-042 · Windows 11 Pro \(22631\.4460\) · x64 · Dell Inc\. Latitude 7440 · S\/N 5R2KNK2 · up 1 d 0 h · user CORP\\marie$/);
    expect(lines.find((l) => l.startsWith('storage'))).toContain('C: 27.9 GB free of 475 GB (5.9%)');
    expect(lines.find((l) => l.startsWith('backup'))).toMatch(/permission-denied .*Time Machine settings are protected \[needs Full Disk Access\]$/);
    expect(lines).toHaveLength(1 + Object.keys(doc.sections).length);
  });
});
