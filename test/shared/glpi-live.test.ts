import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../agent/helpers/run-cli.js';
import { canRunTs } from '../agent/helpers/run-ts.js';
import { withTempDir } from '../agent/helpers/temp-dir.js';
import { glpiSchemaPresent, glpiValidator } from './glpi-schema.js';

/**
 * `deskside-agent inventory --format glpi` on this very machine, through the real CLI and collectors:
 * the document it writes must be valid against GLPI's published schema.
 */
describe.skipIf(!canRunTs || !glpiSchemaPresent)('deskside-agent inventory --format glpi on this machine', () => {
  it('writes a GLPI native inventory that the schema accepts', { timeout: 180_000 }, async () => {
    const tmp = await withTempDir();
    try {
      const out = join(tmp.dir, 'glpi.json');
      const run = await runCli(['--data-dir', join(tmp.dir, 'data'), 'inventory', '--format', 'glpi', '--tag', 'lab', '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const document = JSON.parse(await readFile(out, 'utf8')) as { deviceid: string; tag: string; content: Record<string, unknown> };
      const errors = glpiValidator()(document);
      console.log(`GLPI schema validity on this machine: ${errors.length === 0 ? 'valid' : `${errors.length} errors`}; sections: ${Object.keys(document.content).join(', ')}`);
      expect(errors).toEqual([]);
      expect(document.tag).toBe('lab');
      expect(document.content).toHaveProperty('operatingsystem');
      expect(document.content).toHaveProperty('hardware');
    } finally {
      await tmp.cleanup();
    }
  });

  it('refuses an unknown format with a usage error', { timeout: 120_000 }, async () => {
    const run = await runCli(['inventory', '--format', 'ocs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown format: ocs (known: deskside, glpi)');
  });
});
