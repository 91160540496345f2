import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DeviceTagSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { fileTagReader, INSTALLER_TAG_LOCATIONS, osInstallerTagReader, parseRegTag, parseTagText } from '../../../agent/identity/installer-tag.js';
import type { CommandResult, SystemAccess } from '../../../collectors/types.js';
import { withTempDir } from '../helpers/temp-dir.js';

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');
const QUERY = `reg query ${INSTALLER_TAG_LOCATIONS.win32.key} /v TAG`;

function fakeReg(answer: CommandResult): SystemAccess {
  return {
    run: async (file, args) => {
      if (`${file} ${args.join(' ')}` !== QUERY) throw new Error(`unexpected command ${file} ${args.join(' ')}`);
      return answer;
    },
    powershell: async () => Promise.reject(new Error('not used')),
    readFile: async () => Promise.reject(new Error('not used')),
    readBinaryFile: async () => Promise.reject(new Error('not used')),
    fileExists: async () => false,
    listDirectory: async () => [],
  };
}

describe('installer tag', () => {
  it('accepts what the installers accept and nothing else', () => {
    expect(parseTagText('Paris 3F\n', 'f')).toBe('Paris 3F');
    expect(parseTagText('上海/研发部 @2F\r\n', 'f')).toBe('上海/研发部 @2F');
    expect(parseTagText('\n', 'f')).toBeNull();
    expect(() => parseTagText('lab; rm -rf /\n', '/etc/deskside/tag')).toThrow("the installer's tag at /etc/deskside/tag is ignored: must be 1 to 128 letters, digits, spaces or . _ : / @ -");
    expect(() => parseTagText('x'.repeat(129), 'f')).toThrow(/1 to 128/);
    expect(DeviceTagSchema.safeParse('x'.repeat(128)).success).toBe(true);
  });

  it('is read from the MSI/NSIS registry value on Windows', async () => {
    expect(parseRegTag(fixture('windows/enrollment/reg-query-installer-tag.txt'), 'r')).toBe('Paris 3F / Compta');
    expect(await osInstallerTagReader('win32', fakeReg({ stdout: fixture('windows/enrollment/reg-query-installer-tag.txt'), stderr: '', exitCode: 0 })).read()).toBe('Paris 3F / Compta');
    expect(await osInstallerTagReader('win32', fakeReg({ stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.', exitCode: 1 })).read()).toBeNull();
  });

  it('is read from the file the pkg and the deb write', async () => {
    expect(osInstallerTagReader('darwin', fakeReg({ stdout: '', stderr: '', exitCode: 0 })).description).toBe('file /Library/Application Support/Deskside/tag');
    expect(osInstallerTagReader('linux', fakeReg({ stdout: '', stderr: '', exitCode: 0 })).description).toBe('file /etc/deskside/tag');
    const tmp = await withTempDir();
    try {
      const file = join(tmp.dir, 'tag');
      expect(await fileTagReader(file).read()).toBeNull();
      await writeFile(file, 'lab-2\n');
      expect(await fileTagReader(file).read()).toBe('lab-2');
    } finally {
      await tmp.cleanup();
    }
  });
});
