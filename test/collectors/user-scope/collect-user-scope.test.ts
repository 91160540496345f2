import { UserScopeReportSchema } from '@deskside/shared/inventory';
import { describe, expect, it } from 'vitest';

import { collectUserScope } from '../../../collectors/user-scope/index.js';
import { parseWhoamiUser, parseWindowsUserScope } from '../../../collectors/user-scope/parse-windows-user-scope.js';
import { posixAccount } from '../../../collectors/user-scope/posix-account.js';
import { createFakeSystem, gsettingsSchemas, readFixture } from '../fake-system.js';
import { NOW } from '../protection/helpers.js';

const now = () => NOW;
const SID = 'S-1-5-21-3623811015-3361044348-30300820-1013';

describe('parseWindowsUserScope', () => {
  it('reads the account, a PAC proxy, File History on a share and OneDrive not running', () => {
    const r = parseWindowsUserScope(readFixture('windows/user-scope/script-kfm-pac.json'), 7, NOW);
    expect(r.account).toEqual({ name: 'CONTOSO\\jdoe', id: SID });
    expect(r.proxy).toMatchObject({ mode: 'pac', pacUrl: 'http://wpad.contoso.com/proxy.pac', bypass: ['*.contoso.com', '<local>'], winHttp: null });
    expect(r.fileHistory).toMatchObject({ product: 'File History', configured: true, enabled: true, state: 'ok', lastSuccessAt: '2024-10-01T06:00:00.000Z' });
    expect(r.fileHistory?.destination).toEqual({ name: 'Backups', kind: 'network', encrypted: null });
    expect(r.oneDrive).toMatchObject({ product: 'OneDrive Known Folder Move', configured: true, enabled: false, state: 'failing' });
    expect(r.oneDrive?.reason).toContain('OneDrive is not running');
  });

  it('says "not set up" for a user with neither, and auto-detect for WPAD', () => {
    const r = parseWindowsUserScope(readFixture('windows/user-scope/script-nothing-set-up.json'), 7, NOW);
    expect(r.proxy.mode).toBe('auto-detect');
    expect(r.fileHistory).toMatchObject({ configured: false, state: 'not-configured' });
    expect(r.oneDrive).toMatchObject({ configured: false, state: 'not-configured' });
  });

  it('keeps what it could not read unknown: no account, proxy "unknown", no File History on a server, no OneDrive', () => {
    const r = parseWindowsUserScope(readFixture('windows/user-scope/script-server-unreadable.json'), 7, NOW);
    expect(r.account).toBeNull();
    expect(r.proxy.mode).toBe('unknown');
    expect(r.fileHistory).toBeNull();
    expect(r.oneDrive).toBeNull();
  });

  it('refuses an id that is not a SID (it names a file in the agent store)', () => {
    const text = JSON.stringify({ account: { name: 'x', sid: '..\\..\\evil' } });
    expect(parseWindowsUserScope(text, 7, NOW).account).toBeNull();
  });
});

describe('parseWhoamiUser', () => {
  it('reads "name","SID"', () => {
    expect(parseWhoamiUser(readFixture('windows/user-scope/whoami-user-csv.txt'))).toEqual({ name: 'contoso\\jdoe', id: SID });
  });
  it('gives null for anything else', () => {
    expect(parseWhoamiUser('ERROR: Access denied')).toBeNull();
  });
});

describe('posixAccount', () => {
  it('keys the account by uid', () => {
    expect(posixAccount({ username: 'alice', uid: 1000 })).toEqual({ name: 'alice', id: '1000' });
  });
  it('refuses a process without a uid (Windows reports -1)', () => {
    expect(() => posixAccount({ username: 'x', uid: -1 })).toThrow(/uid/);
  });
});

describe('collectUserScope', () => {
  it('Windows: one script gives proxy, File History and OneDrive; Déjà Dup is unsupported', async () => {
    const system = createFakeSystem({ powershell: [['WindowsIdentity]::GetCurrent()', 'windows/user-scope/script-kfm-pac.json']] });
    const report = await collectUserScope({ platform: 'win32', system, now, agentVersion: '1.2.3' });
    expect(UserScopeReportSchema.parse(report)).toEqual(report);
    expect(report.account.id).toBe(SID);
    expect(Object.keys(report.sections)).toEqual(['proxy', 'oneDrive', 'fileHistory', 'dejaDup']);
    expect(report.sections.proxy?.status).toBe('ok');
    expect(report.sections.oneDrive?.data?.state).toBe('failing');
    expect(report.sections.fileHistory?.data?.state).toBe('ok');
    expect(report.sections.dejaDup).toMatchObject({ status: 'unsupported', data: null });
    expect(system.calls.filter((c) => c.kind === 'powershell')).toHaveLength(1);
  });

  it('Windows: asks whoami for the account when the script could not, and marks what it could not read', async () => {
    const system = createFakeSystem({
      powershell: [['WindowsIdentity]::GetCurrent()', 'windows/user-scope/script-server-unreadable.json']],
      commands: { 'whoami /user /fo csv /nh': 'windows/user-scope/whoami-user-csv.txt' },
    });
    const report = await collectUserScope({ platform: 'win32', system, now });
    expect(report.account).toEqual({ name: 'contoso\\jdoe', id: SID });
    expect(report.sections.fileHistory).toMatchObject({ status: 'unsupported' });
    expect(report.sections.oneDrive).toMatchObject({ status: 'error', error: 'User Shell Folders could not be read' });
    expect(report.sections.proxy?.data?.mode).toBe('unknown');
  });

  it('Windows: a script that cannot run costs its sections, and no account means no report', async () => {
    const system = createFakeSystem({ powershell: [['WindowsIdentity', { fail: new Error('boom') }]] });
    await expect(collectUserScope({ platform: 'win32', system, now })).rejects.toThrow(/account/);
  });

  it('Linux: the desktop proxy from gsettings and Déjà Dup from the user settings', async () => {
    const system = createFakeSystem({
      commands: {
        'gsettings list-recursively org.gnome.system.proxy': 'linux/network/gsettings-proxy-manual.txt',
        'gsettings list-recursively org.gnome.DejaDup': 'linux/backup/gsettings-dejadup-failed.txt',
      },
      files: gsettingsSchemas('org.gnome.system.proxy', 'org.gnome.DejaDup'),
    });
    const report = await collectUserScope({ platform: 'linux', system, now, env: {} });
    expect(report.sections.proxy?.data).toMatchObject({ mode: 'manual', source: 'gsettings org.gnome.system.proxy' });
    expect(report.sections.proxy?.data?.server).not.toContain('hunter2');
    expect(report.sections.dejaDup?.data).toMatchObject({ product: 'Déjà Dup', state: 'failing' });
    expect(report.sections.fileHistory).toMatchObject({ status: 'unsupported', error: 'File History exists on Windows only' });
    expect(report.sections.oneDrive?.status).toBe('unsupported');
    expect(report.account.id).toMatch(/^\d+$/);
  });

  it('Linux: without GNOME the session environment gives the proxy, and Déjà Dup is "not installed", not "off"', async () => {
    const system = createFakeSystem({});
    const report = await collectUserScope({ platform: 'linux', system, now, env: { https_proxy: 'http://bob:pw@proxy:3128' } });
    expect(report.sections.proxy?.data).toMatchObject({ mode: 'manual', server: 'https=http://proxy:3128' });
    expect(report.sections.dejaDup).toMatchObject({ status: 'unsupported', data: null });
    expect(report.sections.dejaDup?.error).toMatch(/not installed/);
  });

  it('macOS: every section is unsupported with its reason, and nothing is run', async () => {
    const system = createFakeSystem({});
    const report = await collectUserScope({ platform: 'darwin', system, now });
    for (const s of Object.values(report.sections)) expect(s).toMatchObject({ status: 'unsupported', data: null });
    expect(report.sections.proxy?.error).toMatch(/machine/);
    expect(system.calls).toEqual([]);
  });

  it('a hung part times out alone and its command is killed', async () => {
    const system = createFakeSystem({ powershell: [['WindowsIdentity', { hang: true }]], commands: { 'whoami /user /fo csv /nh': 'windows/user-scope/whoami-user-csv.txt' } });
    const report = await collectUserScope({ platform: 'win32', system, now, timeoutMs: 50 });
    expect(report.sections.proxy?.status).toBe('timeout');
    expect(report.sections.dejaDup?.status).toBe('unsupported');
    const ps = system.calls.find((c) => c.kind === 'powershell');
    expect(ps?.options?.signal?.aborted).toBe(true);
  });

  it('only: leaves the other sections out', async () => {
    const report = await collectUserScope({ platform: 'darwin', system: createFakeSystem({}), now, only: ['proxy'] });
    expect(Object.keys(report.sections)).toEqual(['proxy']);
  });
});
