import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  INSTALLER_SECRET_LOCATIONS,
  InstallerSecretError,
  installerSecretFile,
  osInstallerSecretStore,
  parseRegSecret,
  parseSecretText,
} from '../../../agent/identity/installer-secret.js';
import type { CommandResult, SystemAccess } from '../../../collectors/types.js';
import { withTempDir } from '../helpers/temp-dir.js';

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');
const isRoot = process.getuid?.() === 0;
const KEY = INSTALLER_SECRET_LOCATIONS.win32.key;
const SECRET = 'Xq7-plum-harbor-29    lantern';

/** reg.exe as a script of answers; records what ran. */
function fakeReg(answers: Record<string, CommandResult>): SystemAccess & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    run: async (file, args) => {
      const line = `${file} ${args.join(' ')}`;
      ran.push(line);
      const answer = answers[line];
      if (!answer) throw new Error(`unexpected command ${line}`);
      return answer;
    },
    powershell: async () => Promise.reject(new Error('not used')),
    readFile: async () => Promise.reject(new Error('not used')),
    readBinaryFile: async () => Promise.reject(new Error('not used')),
    fileExists: async () => false,
    listDirectory: async () => [],
  };
}

const QUERY = `reg query ${KEY} /v enrollSecret`;
const DELETE = `reg delete ${KEY} /v enrollSecret /f`;
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (exitCode: number, stderr: string): CommandResult => ({ stdout: '', stderr, exitCode });

describe('parsing the installer secret', () => {
  it('takes the secret and its newline as the installers write it', () => {
    expect(parseSecretText('correct-horse-battery\n', 'f')).toBe('correct-horse-battery');
    expect(parseSecretText('\uFEFFcorrect-horse-battery\r\n', 'f')).toBe('correct-horse-battery');
    expect(parseSecretText(' \n', 'f')).toBeNull();
  });

  it('refuses an unusable secret naming the place, never the value', () => {
    const short = (() => {
      try {
        parseSecretText('abc123\n', '/etc/deskside/enroll-secret');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(short).toBeInstanceOf(InstallerSecretError);
    expect(short?.message).toBe("the installer's enrollment secret at /etc/deskside/enroll-secret cannot be used: must be at least 8 characters");
    expect(short?.message).not.toContain('abc123');
    expect(() => parseSecretText('first-line-secret\nsecond-line-secret\n', 'f')).toThrow(/more than one line/);
  });

  it('reads the value from reg.exe output, whatever case the value name has', () => {
    expect(parseRegSecret(fixture('windows/enrollment/reg-query-enrollment-secret.txt'), 'r')).toBe(SECRET);
    expect(parseRegSecret(`\r\n${KEY.replace('HKLM', 'HKEY_LOCAL_MACHINE')}\r\n    EnrollSecret    REG_SZ    another-secret-value\r\n`, 'r')).toBe('another-secret-value');
    expect(parseRegSecret(`\r\n${KEY}\r\n`, 'r')).toBeNull();
    expect(() => parseRegSecret(`\r\n${KEY}\r\n    enrollSecret    REG_DWORD    0x1\r\n`, 'r')).toThrow(/not a string/);
  });
});

describe('where the secret file is', () => {
  it('follows DESKSIDE_ENROLL_SECRET_FILE, then the place docs/policy.md names', () => {
    expect(installerSecretFile('darwin', { DESKSIDE_ENROLL_SECRET_FILE: '/x/secret' })).toBe('/x/secret');
    expect(installerSecretFile('darwin', {})).toBe('/Library/Application Support/Deskside/enroll-secret');
    expect(installerSecretFile('linux', { CREDENTIALS_DIRECTORY: '/run/credentials/deskside-agent.service' })).toBe('/run/credentials/deskside-agent.service/enroll-secret');
    expect(installerSecretFile('linux', {})).toBe('/etc/deskside/enroll-secret');
    expect(installerSecretFile('win32', {})).toBeNull();
    expect(installerSecretFile('win32', { DESKSIDE_ENROLL_SECRET_FILE: 'C:\\ProgramData\\Deskside\\secret' })).toBe('C:\\ProgramData\\Deskside\\secret');
  });
});

describe('Windows: the protected registry value', () => {
  const service = { DESKSIDE_SERVICE: 'winsw' };

  it('is read, and deleted after use by the service', async () => {
    const system = fakeReg({ [QUERY]: ok(fixture('windows/enrollment/reg-query-enrollment-secret.txt')), [DELETE]: ok('The operation completed successfully.\r\n') });
    const store = osInstallerSecretStore('win32', system, service);
    const secret = await store.read();
    expect(secret).toEqual({ value: SECRET, location: `registry ${KEY}\\enrollSecret`, warning: null });
    expect(await store.consume(secret!)).toEqual({ done: 'deleted' });
    expect(system.ran).toEqual([QUERY, DELETE]);
  });

  it('is "not available here" when absent or denied to a user\'s process, in any language', async () => {
    for (const stderr of ['ERROR: The system was unable to find the specified registry key or value.', 'ERROR: Access is denied.', 'FEHLER: Zugriff verweigert']) {
      expect(await osInstallerSecretStore('win32', fakeReg({ [QUERY]: fail(1, stderr) }), service).read()).toBeNull();
    }
  });

  it('reports another failure of reg.exe naming the key', async () => {
    await expect(osInstallerSecretStore('win32', fakeReg({ [QUERY]: fail(5, 'ERROR: Invalid syntax.') }), service).read()).rejects.toThrow(
      /enrollment secret at registry HKLM\\SOFTWARE\\Policies\\Deskside\\Enrollment\\enrollSecret cannot be used: ERROR: Invalid syntax/,
    );
  });

  it('says why it stays when the value cannot be deleted', async () => {
    const store = osInstallerSecretStore('win32', fakeReg({ [DELETE]: fail(1, 'ERROR: Access is denied.') }), service);
    expect(await store.consume({ value: SECRET, location: 'r', warning: null })).toEqual({ done: 'kept', reason: 'ERROR: Access is denied.' });
  });

  it('is left for the service when an administrator enrolls by hand', async () => {
    const system = fakeReg({});
    const outcome = await osInstallerSecretStore('win32', system, {}).consume({ value: SECRET, location: 'r', warning: null });
    expect(outcome).toEqual({ done: 'kept', reason: 'left for the Deskside agent service (this process is not the service)' });
    expect(system.ran).toEqual([]);
  });
});

describe('macOS and Linux: the root-only file', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let file: string;
  const none = fakeReg({});
  beforeEach(async () => {
    tmp = await withTempDir();
    file = join(tmp.dir, 'enroll-secret');
  });
  afterEach(async () => {
    await chmod(tmp.dir, 0o700).catch(() => undefined);
    await tmp.cleanup();
  });

  it('is read from DESKSIDE_ENROLL_SECRET_FILE and deleted by the service after use', async () => {
    await writeFile(file, 'correct-horse-battery\n', { mode: 0o600 });
    const store = osInstallerSecretStore('darwin', none, { DESKSIDE_ENROLL_SECRET_FILE: file, DESKSIDE_SERVICE: 'launchd' });
    const secret = await store.read();
    expect(secret).toEqual({ value: 'correct-horse-battery', location: file, warning: null });
    expect(await store.consume(secret!)).toEqual({ done: 'deleted' });
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('stays in place when this process is not the service', async () => {
    await writeFile(file, 'correct-horse-battery\n', { mode: 0o600 });
    const store = osInstallerSecretStore('linux', none, { DESKSIDE_ENROLL_SECRET_FILE: file });
    expect((await store.consume((await store.read())!)).done).toBe('kept');
    expect(await readFile(file, 'utf8')).toBe('correct-horse-battery\n');
  });

  it('is absent without error, and blank counts as absent (systemd SetCredential= default)', async () => {
    const store = osInstallerSecretStore('linux', none, { DESKSIDE_ENROLL_SECRET_FILE: file });
    expect(await store.read()).toBeNull();
    await writeFile(file, '', { mode: 0o600 });
    expect(await store.read()).toBeNull();
  });

  it('warns when other users can read it', async () => {
    await writeFile(file, 'correct-horse-battery\n');
    await chmod(file, 0o644);
    const secret = await osInstallerSecretStore('linux', none, { DESKSIDE_ENROLL_SECRET_FILE: file }).read();
    expect(secret?.warning).toBe(`${file} is readable by other local users (mode 644): rotate the secret on the server once the rollout is done`);
  });

  it.skipIf(isRoot)('is "not available here" to a process that may not read it', async () => {
    await writeFile(file, 'correct-horse-battery\n', { mode: 0o000 });
    expect(await osInstallerSecretStore('linux', none, { DESKSIDE_ENROLL_SECRET_FILE: file }).read()).toBeNull();
  });

  it.skipIf(isRoot)('stays, with the reason, when neither the folder nor the file may be written (a read-only credential copy)', async () => {
    const dir = join(tmp.dir, 'ro');
    await mkdir(dir);
    const inner = join(dir, 'enroll-secret');
    await writeFile(inner, 'correct-horse-battery\n', { mode: 0o400 });
    await chmod(dir, 0o500);
    const store = osInstallerSecretStore('linux', none, { DESKSIDE_ENROLL_SECRET_FILE: inner, DESKSIDE_SERVICE: 'systemd' });
    expect(await store.consume((await store.read())!)).toEqual({ done: 'kept', reason: `${inner} cannot be deleted by this process (EACCES)` });
  });

  it.skipIf(isRoot)('is blanked when its folder is read-only but the file is writable', async () => {
    const dir = join(tmp.dir, 'ro');
    await mkdir(dir);
    const inner = join(dir, 'enroll-secret');
    await writeFile(inner, 'correct-horse-battery\n', { mode: 0o600 });
    await chmod(dir, 0o500);
    const store = osInstallerSecretStore('linux', none, { DESKSIDE_ENROLL_SECRET_FILE: inner, DESKSIDE_SERVICE: 'systemd' });
    expect(await store.consume((await store.read())!)).toEqual({ done: 'blanked' });
    await chmod(dir, 0o700);
    expect(await readFile(inner, 'utf8')).toBe('');
    expect(await store.read()).toBeNull();
  });
});
