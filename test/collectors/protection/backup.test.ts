import { homedir } from 'node:os';

import { BackupDataSchema, type BackupMechanism } from '@deskside/shared';
import { describe, expect, it, vi } from 'vitest';

import { backupCollector } from '../../../collectors/backup/index.js';
import { DEJA_DUP_FLATPAK_KEYFILE } from '../../../collectors/backup/linux.js';
import { parseBackblazeLastCompleted } from '../../../collectors/backup/parse-backblaze.js';
import { latestTimeshiftSnapshot, parseBackupTimers, parseDejaDupKeyfile, parseDejaDupSettings, parseTimeshiftConfig } from '../../../collectors/backup/parse-linux-backup.js';
import { aliasVolumeName, parseTimeMachinePlist } from '../../../collectors/backup/parse-timemachine-plist.js';
import { parseDestinationInfo, parseLatestBackup } from '../../../collectors/backup/parse-tmutil.js';
import { knownFoldersInOneDrive, parseFileHistoryConfig, parseWbadminVersions, parseWindowsBackup, veeamResult } from '../../../collectors/backup/parse-windows-backup.js';
import { judge, overallState } from '../../../collectors/backup/state.js';
import { decodePlist } from '../../../collectors/protection/plist-value.js';
import { gsettingsSchemas, systemdWithUnits } from '../fake-system.js';
import { fakeContext, fixtureBytes, fixtureText, NOW, sectionError } from './helpers.js';

const byProduct = (mechanisms: readonly BackupMechanism[]) => Object.fromEntries(mechanisms.map((m) => [m.product, m]));

describe('backup state rule', () => {
  const base = { configured: true, enabled: true, lastSuccessKnown: true } as const;
  it.each([
    [{ ...base, configured: false, lastSuccessAt: null }, 'not-configured'],
    [{ ...base, lastSuccessAt: '2024-10-03T00:00:00.000Z' }, 'ok'],
    [{ ...base, lastSuccessAt: '2024-09-26T11:00:00.000Z' }, 'stale'],
    [{ ...base, lastSuccessAt: '2024-09-27T12:00:00.000Z' }, 'ok'],
    [{ ...base, lastSuccessAt: null }, 'failing'],
    [{ ...base, lastSuccessAt: '2024-10-03T00:00:00.000Z', lastRunFailed: true }, 'failing'],
    [{ ...base, lastSuccessAt: null, lastSuccessKnown: false }, 'unknown'],
    [{ ...base, configured: null, lastSuccessAt: null, lastSuccessKnown: false }, 'unknown'],
  ])('%j → %s', (evidence, state) => {
    expect(judge(evidence, 7, NOW).state).toBe(state);
  });

  it('says how old the last success is and when automatic backups are off', () => {
    expect(judge({ ...base, enabled: false, lastSuccessAt: '2024-09-22T12:00:00.000Z' }, 7, NOW).reason).toBe('last success 12 days ago (threshold 7 days); automatic backups are off');
  });

  it('overall is the worst configured state, not-configured when none is', () => {
    const m = (state: BackupMechanism['state'], configured: boolean | null = true) => ({ state, configured }) as BackupMechanism;
    expect(overallState([])).toBe('not-configured');
    expect(overallState([m('not-configured', false)])).toBe('not-configured');
    expect(overallState([m('ok'), m('stale'), m('not-configured', false)])).toBe('stale');
    expect(overallState([m('ok'), m('unknown', null)])).toBe('unknown');
    expect(overallState([m('failing'), m('stale')])).toBe('failing');
  });
});

describe('Time Machine', () => {
  it('destinationinfo with a local and a network destination, and none', () => {
    const parsed = parseDestinationInfo(fixtureText('macos/backup/tmutil-destinationinfo-two.txt'));
    expect(parsed.destinations.map((d) => [d.name, d.kind, d.id])).toEqual([
      ['Backup Disk', 'local', '5B33C22B-A4A1-4024-A2F5-C9979C4AB001'],
      ['Office NAS', 'network', '0F1E2D3C-4B5A-6978-8899-AABBCCDDEE02'],
    ]);
    expect(parseDestinationInfo(fixtureText('macos/backup/tmutil-destinationinfo-none.txt'))).toEqual({ configured: false, destinations: [] });
    expect(() => parseDestinationInfo('tmutil: unknown verb')).toThrow(/no destination/);
  });

  it('latestbackup paths in HFS+ and APFS layouts, in local time', () => {
    expect(parseLatestBackup(fixtureText('macos/backup/tmutil-latestbackup-hfs.txt'), 120)).toBe('2024-10-02T20:15:30.000Z');
    expect(parseLatestBackup(fixtureText('macos/backup/tmutil-latestbackup-apfs.txt'), 0)).toBe('2024-09-20T09:10:05.000Z');
    expect(parseLatestBackup('', 0)).toBeNull();
  });

  it('the binary preferences plist: auto-backup, destinations, encryption, newest snapshot', () => {
    const prefs = parseTimeMachinePlist(decodePlist(fixtureBytes('macos/backup/com.apple.TimeMachine-autobackup-off.plist')));
    expect(prefs).toEqual({
      autoBackup: false,
      destinations: [
        { id: '5B33C22B-A4A1-4024-A2F5-C9979C4AB001', name: 'Backup Disk', network: false, encrypted: true, lastSnapshotAt: '2024-09-20T07:10:05.000Z' },
        { id: '0F1E2D3C-4B5A-6978-8899-AABBCCDDEE02', name: 'nas._smb._tcp.local./TimeMachine', network: true, encrypted: false, lastSnapshotAt: '2024-09-15T12:00:00.000Z' },
      ],
    });
    expect(aliasVolumeName(new Uint8Array(5))).toBeNull();
  });

  const tmCommands = (latest: string | { stdout: string; exitCode: number }) => ({
    '/usr/bin/tmutil destinationinfo': 'macos/backup/tmutil-destinationinfo-two.txt',
    '/usr/bin/tmutil latestbackup': latest,
  });

  it('collector: stale with auto-backup off, destination and encryption from the plist', async () => {
    const data = await backupCollector.collect(
      fakeContext('darwin', {
        commands: tmCommands('macos/backup/tmutil-latestbackup-apfs.txt'),
        files: { '/Library/Preferences/com.apple.TimeMachine.plist': 'macos/backup/com.apple.TimeMachine-autobackup-off.plist' },
      }),
    );
    const tm = BackupDataSchema.parse(data).mechanisms[0];
    expect(tm).toMatchObject({
      product: 'Time Machine',
      configured: true,
      enabled: false,
      state: 'stale',
      destination: { name: 'Backup Disk', kind: 'local', encrypted: true },
      missingPermission: null,
    });
    expect(data.overall).toBe('stale');
  });

  it('collector: without Full Disk Access the section is permission-denied and names the permission', async () => {
    const error = await sectionError(
      backupCollector.collect(
        fakeContext('darwin', {
          commands: tmCommands({ stdout: fixtureText('macos/backup/tmutil-latestbackup-fda.txt'), exitCode: 1 }),
          files: { '/Library/Preferences/com.apple.TimeMachine.plist': { fail: Object.assign(new Error("EPERM: operation not permitted, open '/Library/Preferences/com.apple.TimeMachine.plist'"), { code: 'EPERM' }) } },
        }),
      ),
    );
    expect(error.status).toBe('permission-denied');
    expect(error.missingPermission).toBe('Full Disk Access');
    const data = BackupDataSchema.parse(error.partialData);
    expect(data.mechanisms[0]).toMatchObject({ state: 'unknown', configured: true, enabled: null, missingPermission: 'Full Disk Access' });
    expect(data.mechanisms[0]?.reason).toMatch(/Full Disk Access/);
    expect(data.overall).toBe('unknown');
  });

  it('collector: not set up, plus Backblaze from its report', async () => {
    const data = await backupCollector.collect(
      fakeContext('darwin', {
        commands: { '/usr/bin/tmutil destinationinfo': 'macos/backup/tmutil-destinationinfo-none.txt' },
        files: {
          '/Library/Backblaze.bzpkg': { stdout: '' },
          '/Library/Backblaze.bzpkg/bzdata/bzreports/bzstat_lastbackupcompleted.xml': 'macos/backup/bzstat_lastbackupcompleted.xml',
        },
      }),
    );
    expect(data.mechanisms.map((m) => [m.product, m.state])).toEqual([
      ['Time Machine', 'not-configured'],
      ['Backblaze', 'ok'],
    ]);
    expect(data.overall).toBe('ok');
  });

  it('Backblaze report parsing', () => {
    expect(parseBackblazeLastCompleted(fixtureText('macos/backup/bzstat_lastbackupcompleted.xml'))).toBe('2024-10-03T21:14:08.000Z');
    expect(parseBackblazeLastCompleted('<contents/>')).toBeNull();
  });
});

describe('Windows backup', () => {
  it('parsers', () => {
    expect(parseFileHistoryConfig('<Target><TargetName>NAS</TargetName><TargetUrl>\\\\nas\\fh</TargetUrl></Target>')).toEqual({ targetName: 'NAS', targetUrl: '\\\\nas\\fh' });
    expect(parseWbadminVersions('There are no backups available.')).toEqual({ count: 0, lastAt: null, target: null });
    expect(veeamResult("Veeam Agent 'Job' finished with Success.")).toBe(true);
    expect(veeamResult("Veeam Agent 'Job' finished with Warning.")).toBe(true);
    expect(veeamResult('something else')).toBeNull();
    expect(knownFoldersInOneDrive({ desktop: 'C:\\Users\\a\\OneDrive\\Desktop', personal: 'D:\\Docs', 'my pictures': '' }, [])).toEqual({ moved: ['Desktop'], notMoved: ['Documents', 'Pictures'] });
  });

  it('workstation: File History, OneDrive KFM, Veeam failing, Backblaze ok, Carbonite disabled', () => {
    const mechanisms = byProduct(parseWindowsBackup(fixtureText('windows/backup/script-workstation-filehistory-kfm.json'), 7, NOW));
    expect(Object.keys(mechanisms)).toEqual(['File History', 'OneDrive Known Folder Move', 'Veeam Agent for Microsoft Windows', 'Backblaze', 'Carbonite']);
    expect(mechanisms['File History']).toMatchObject({
      configured: true,
      enabled: true,
      lastSuccessAt: '2024-10-01T06:00:00.000Z',
      state: 'ok',
      destination: { name: 'Backup (E:)', kind: 'local' },
    });
    expect(mechanisms['OneDrive Known Folder Move']).toMatchObject({ state: 'ok', destination: { name: 'OneDrive - Contoso', kind: 'cloud' } });
    expect(mechanisms['OneDrive Known Folder Move']?.reason).toMatch(/^Desktop, Documents in OneDrive; Pictures not/);
    expect(mechanisms['Veeam Agent for Microsoft Windows']).toMatchObject({ state: 'failing', lastAttemptAt: '2024-10-03T22:00:41.000Z', lastSuccessAt: null });
    expect(mechanisms['Backblaze']).toMatchObject({ state: 'ok', lastSuccessAt: '2024-10-03T21:14:08.000Z' });
    expect(mechanisms['Carbonite']).toMatchObject({ state: 'failing', enabled: false });
    expect(Object.values(mechanisms).some((m) => m.product === 'Windows Server Backup')).toBe(false);
  });

  it('server: wbadmin versions (identifier in UTC), nothing else configured', () => {
    const mechanisms = byProduct(parseWindowsBackup(fixtureText('windows/backup/script-server-wbadmin.json'), 7, NOW));
    expect(mechanisms['Windows Server Backup']).toMatchObject({
      configured: true,
      lastSuccessAt: '2024-09-21T04:00:00.000Z',
      state: 'stale',
      destination: { name: '\\\\backup01\\srv', kind: 'network' },
    });
    expect(mechanisms['OneDrive Known Folder Move']?.state).toBe('not-configured');
    expect(mechanisms['File History']).toBeUndefined();
  });

  it('server unelevated: Windows Server Backup unknown, naming the missing elevation', async () => {
    const data = await backupCollector.collect(fakeContext('win32', { powershell: [['Get-WBSummary', 'windows/backup/script-server-unelevated.json']] }));
    expect(BackupDataSchema.parse(data).mechanisms).toMatchObject([{ product: 'Windows Server Backup', state: 'unknown', missingPermission: 'Administrator (elevated)' }]);
    expect(data.overall).toBe('unknown');
  });
});

describe('Linux backup', () => {
  it('Déjà Dup: a newer failed run than the last success is failing', () => {
    const settings = parseDejaDupSettings(fixtureText('linux/backup/gsettings-dejadup-failed.txt'));
    expect(settings).toEqual({
      periodic: true,
      lastBackup: '2024-09-01T20:00:11.843Z',
      lastRun: '2024-10-03T20:00:09.102Z',
      backend: 'remote',
      location: 'sftp://backup.example.internal/srv/backups',
    });
    expect(() => parseDejaDupSettings('No such schema “org.gnome.DejaDup”')).toThrow(/no org.gnome.DejaDup keys/);
  });

  it('Déjà Dup from the Flatpak keyfile', async () => {
    expect(parseDejaDupKeyfile(fixtureText('linux/backup/dejadup-flatpak-keyfile'))).toEqual({
      periodic: true,
      lastBackup: '2024-10-03T21:00:04.551Z',
      lastRun: '2024-10-03T21:00:04.551Z',
      backend: 'local',
      location: '/media/jdoe/Backup/deja-dup',
    });
    const path = `${homedir()}/${DEJA_DUP_FLATPAK_KEYFILE}`;
    const data = await backupCollector.collect(fakeContext('linux', { files: { [path]: 'linux/backup/dejadup-flatpak-keyfile' } }));
    expect(data.mechanisms).toMatchObject([{ product: 'Déjà Dup', state: 'ok', source: path, destination: { kind: 'local', name: '/media/jdoe/Backup/deja-dup' } }]);
  });

  it('Timeshift configuration and snapshot names', () => {
    expect(parseTimeshiftConfig(fixtureText('linux/backup/timeshift.json'))).toEqual({ configured: true, scheduled: true, btrfs: false, device: '6a1f7b3c-3e2d-4c5b-9a8f-1e2d3c4b5a69' });
    expect(() => parseTimeshiftConfig('{')).toThrow(/not JSON/);
    expect(latestTimeshiftSnapshot(['2024-09-30_10-00-01', '2024-10-02_10-00-01', 'lost+found'], 60)).toBe('2024-10-02T09:00:01.000Z');
  });

  it('systemd timers for restic and borg, JSON and text', () => {
    expect(parseBackupTimers(fixtureText('linux/backup/list-timers.json'))).toEqual([
      { timer: 'restic-backup.timer', service: 'restic-backup.service' },
      { timer: 'borgmatic.timer', service: 'borgmatic.service' },
    ]);
    expect(parseBackupTimers(fixtureText('linux/backup/list-timers.txt'))).toEqual([{ timer: 'restic-backup.timer', service: 'restic-backup.service' }]);
  });

  it('collector: Déjà Dup failing, Timeshift snapshot age, restic ok, borgmatic failing', async () => {
    const show = 'systemctl show --no-pager -p Id,LoadState,ActiveState,SubState,UnitFileState,Result,ExecMainExitTimestamp,ExecMainStatus restic-backup.timer restic-backup.service borgmatic.timer borgmatic.service';
    const data = await backupCollector.collect(
      fakeContext('linux', {
        commands: {
          'gsettings list-recursively org.gnome.DejaDup': 'linux/backup/gsettings-dejadup-failed.txt',
          'systemctl list-timers --all --no-pager -o json': 'linux/backup/list-timers.json',
          [show]: 'linux/backup/systemctl-show-restic-borg.txt',
        },
        files: { '/etc/timeshift/timeshift.json': 'linux/backup/timeshift.json', ...gsettingsSchemas('org.gnome.DejaDup') },
        directories: { '/timeshift/snapshots': ['2024-10-02_10-00-01'], ...systemdWithUnits() },
      }),
    );
    expect(BackupDataSchema.parse(data).mechanisms.map((m) => [m.product, m.state])).toEqual([
      ['Déjà Dup', 'failing'],
      ['Timeshift', 'ok'],
      ['restic (restic-backup.timer)', 'ok'],
      ['borgmatic (borgmatic.timer)', 'failing'],
    ]);
    expect(data.overall).toBe('failing');
    expect(data.mechanisms[2]).toMatchObject({ lastSuccessAt: '2024-10-03T08:01:12.000Z', enabled: true });
  });

  it('collector: Timeshift with its device unmounted is unknown; text fallback for old systemd', async () => {
    const data = await backupCollector.collect(
      fakeContext('linux', {
        commands: {
          'systemctl list-timers --all --no-pager -o json': { exitCode: 1, stderr: 'Unknown output json' },
          'systemctl list-timers --all --no-pager': 'linux/backup/list-timers.txt',
        },
        // GNOME without Déjà Dup: gsettings is not even asked.
        files: { '/etc/timeshift/timeshift.json': 'linux/backup/timeshift.json', ...gsettingsSchemas('org.gnome.system.proxy') },
        directories: systemdWithUnits(),
      }),
    );
    expect(data.mechanisms.map((m) => [m.product, m.state])).toEqual([
      ['Timeshift', 'unknown'],
      ['restic (restic-backup.timer)', 'unknown'],
    ]);
  });

  it('collector: a per-user restic timer from the user manager', async () => {
    vi.stubEnv('XDG_RUNTIME_DIR', '/run/user/1000');
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', '');
    const show = 'systemctl --user show --no-pager -p Id,LoadState,ActiveState,SubState,UnitFileState,Result,ExecMainExitTimestamp,ExecMainStatus restic-backup.timer restic-backup.service';
    const data = await backupCollector.collect(
      fakeContext('linux', {
        commands: {
          'systemctl list-timers --all --no-pager -o json': { stdout: '[]' },
          'systemctl --user list-timers --all --no-pager -o json': 'linux/backup/list-timers.txt',
          [show]: { stdout: 'LoadState=loaded\nActiveState=active\n\nLoadState=loaded\nActiveState=inactive\nResult=success\nExecMainExitTimestamp=Thu 2024-10-03 08:01:12 UTC\nExecMainStatus=0\n' },
        },
        files: { '/run/user/1000/bus': { stdout: '' } },
        directories: systemdWithUnits(),
      }),
    );
    vi.unstubAllEnvs();
    expect(data.mechanisms).toMatchObject([{ product: 'restic (restic-backup.timer, user)', state: 'ok', enabled: true, source: 'systemd --user restic-backup.timer → restic-backup.service' }]);
  });

  it('collector: nothing installed is an honest "not-configured"', async () => {
    expect(await backupCollector.collect(fakeContext('linux', {}, NOW, 14))).toEqual({ staleAfterDays: 14, mechanisms: [], overall: 'not-configured' });
  });

  it('Déjà Dup never run is not configured', async () => {
    const data = await backupCollector.collect(
      fakeContext('linux', { commands: { 'gsettings list-recursively org.gnome.DejaDup': 'linux/backup/gsettings-dejadup-never.txt' }, files: gsettingsSchemas('org.gnome.DejaDup') }),
    );
    expect(data.mechanisms).toMatchObject([{ product: 'Déjà Dup', state: 'not-configured', destination: null }]);
  });
});
