import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createSystemAccess } from '../../../collectors/exec/system-access.js';

describe('createSystemAccess file reads', () => {
  it.runIf(process.platform === 'linux')('reads kernel pseudo-files (stat size 0) in full', async () => {
    const status = await createSystemAccess().readFile('/proc/self/status');
    expect(status).toMatch(/^Name:/mu);
    expect(status).toMatch(/^Pid:\s+\d+$/mu);
  });

  it('reads ordinary files and reports a missing one with its code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskside-access-'));
    try {
      writeFileSync(join(dir, 'os-release'), 'NAME="Debian GNU/Linux"\n');
      await expect(createSystemAccess().readFile(join(dir, 'os-release'))).resolves.toBe('NAME="Debian GNU/Linux"\n');
      await expect(createSystemAccess().readFile(join(dir, 'absent'))).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(createSystemAccess().readFile('/proc/deskside-no-such-file')).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
