import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { InventoryDocument } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { summaryLines } from '../../agent/commands/inventory-lines.js';
import { EXIT_BAD_CATEGORY, inventoryCacheDir, parseCategoryList, registerInventoryCommand, UnknownCategoryError } from '../../agent/commands/inventory.js';
import { compactInventoryJson } from '../../collectors/compact-json.js';
import { sampleInventory } from '../shared/samples.js';

const collectInventory = vi.hoisted(() => vi.fn());
vi.mock('../../collectors/runner.js', () => ({ collectInventory }));

async function run(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const program = new Command('deskside-agent').exitOverride();
  registerInventoryCommand(program);
  await program.parseAsync(['node', 'deskside-agent', 'inventory', ...args]);
  vi.restoreAllMocks();
  return { stdout, stderr };
}

describe('inventoryCacheDir', () => {
  it('is <data-dir>/cache: the --data-dir option first, then DESKSIDE_DATA_DIR, then the OS default', () => {
    expect(inventoryCacheDir({ dataDir: '/srv/deskside' }, { DESKSIDE_DATA_DIR: '/elsewhere' })).toBe(join('/srv/deskside', 'cache'));
    expect(inventoryCacheDir({}, { DESKSIDE_DATA_DIR: '/elsewhere' })).toBe(join('/elsewhere', 'cache'));
    expect(inventoryCacheDir({}, {})).toMatch(/deskside[\\/]agent[\\/]cache$|Deskside[\\/]agent[\\/]cache$/);
  });
});

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

  it('prints compact JSON to a pipe, indented with --pretty, and writes --out owner-only', async () => {
    collectInventory.mockResolvedValue(sampleInventory());
    const dir = mkdtempSync(join(tmpdir(), 'deskside-inv-'));
    try {
      const out = join(dir, 'inventory.json');
      const piped = await run('--json', '--out', out, '--only', 'system,storage');
      expect(collectInventory).toHaveBeenLastCalledWith(expect.objectContaining({ only: ['system', 'storage'], cacheDir: inventoryCacheDir({}) }));
      // The compact form: unknown package values left out, the same document once parsed.
      expect(piped.stdout).toBe(`${compactInventoryJson(sampleInventory())}\n`);
      expect(piped.stdout).not.toContain('"installLocation":null');
      expect(InventoryDocumentSchema.parse(JSON.parse(piped.stdout))).toEqual(sampleInventory());
      expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const pretty = await run('--json', '--pretty');
      expect(pretty.stdout).toBe(`${JSON.stringify(sampleInventory(), null, 2)}\n`);
      const summary = await run();
      expect(summary.stdout.split('\n')[0]).toBe('Deskside inventory of PC-ACCT-042 at 2026-11-29T08:00:00.000Z (full)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failed run on stderr with exit code 1', async () => {
    collectInventory.mockRejectedValue(new Error('inventory document failed validation: device.hostname: Too small'));
    const result = await run('--json');
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('deskside-agent inventory: inventory document failed validation');
    expect(process.exitCode).toBe(1);
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
