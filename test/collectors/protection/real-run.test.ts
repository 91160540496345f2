import { PROTECTION_CATEGORIES, summarizeProtection, type SectionStatus } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { collectInventory } from '../../../collectors/runner.js';

/**
 * The five protection collectors against this very machine, through the real command runner: every
 * section must come back with an honest status and schema-valid data (collectInventory validates the
 * whole document). On a build machine "no antivirus" or "no backup" is a finding, so on Linux every
 * section is expected to be `ok`, whatever it found.
 */
describe('protection sections on this machine', () => {
  it('each of the five sections has an honest status', { timeout: 120_000 }, async () => {
    const doc = await collectInventory({ only: [...PROTECTION_CATEGORIES], budgetMs: 110_000 });
    const statuses = Object.fromEntries(PROTECTION_CATEGORIES.map((c) => [c, doc.sections[c]?.status]));
    console.log(`protection statuses: ${JSON.stringify(statuses)}`);
    const allowed: readonly SectionStatus[] = process.platform === 'linux' ? ['ok'] : ['ok', 'permission-denied', 'error'];
    for (const category of PROTECTION_CATEGORIES) {
      const section = doc.sections[category];
      expect(section, category).toBeDefined();
      expect(allowed, `${category}: ${section?.error ?? ''}`).toContain(section?.status);
    }
    const lines = summarizeProtection(doc.sections, new Date());
    for (const line of lines) console.log(`  ${line.severity.padEnd(7)} ${line.text}`);
    expect(lines.map((l) => l.section)).toEqual([...PROTECTION_CATEGORIES]);
    expect(lines.every((l) => l.code !== 'section-missing')).toBe(true);
  });
});
