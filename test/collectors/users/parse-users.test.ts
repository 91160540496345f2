import { UsersDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseCultureDateTime } from '../../../collectors/users/culture-date.js';
import { parseDsclGroup, parseDsclUsers } from '../../../collectors/users/parse-dscl.js';
import { parsePasswd } from '../../../collectors/users/parse-posix-accounts.js';
import { parseQuser } from '../../../collectors/users/parse-quser.js';
import { parseWindowsUsers } from '../../../collectors/users/parse-windows.js';
import { readFixture, readJsonFixture } from '../fake-system.js';

const us = { shortDatePattern: 'M/d/yyyy', shortTimePattern: 'h:mm tt', amDesignator: 'AM', pmDesignator: 'PM', offsetMinutes: -300 };
const fr = { shortDatePattern: 'dd/MM/yyyy', shortTimePattern: 'HH:mm', amDesignator: '', pmDesignator: '', offsetMinutes: 60 };
const de = { shortDatePattern: 'dd.MM.yyyy', shortTimePattern: 'HH:mm', amDesignator: '', pmDesignator: '', offsetMinutes: 60 };
const zh = { shortDatePattern: 'yyyy/M/d', shortTimePattern: 'tt h:mm', amDesignator: '上午', pmDesignator: '下午', offsetMinutes: 480 };

describe('parseQuser', () => {
  it('reads English sessions: console, RDP and disconnected', () => {
    expect(parseQuser(readFixture('windows/users/quser-en-us.txt'), us)).toEqual([
      { user: 'marie', kind: 'console', terminal: 'console', host: null, startedAt: '2026-11-29T13:01:00.000Z' },
      { user: 'paul.martin', kind: 'remote', terminal: 'rdp-tcp#3', host: null, startedAt: '2026-11-29T17:15:00.000Z' },
      { user: 'jean', kind: 'other', terminal: '#3', host: null, startedAt: '2026-11-28T22:00:00.000Z' },
    ]);
  });

  it('reads French, German and Chinese output by shape, whatever the header says', () => {
    expect(parseQuser(readFixture('windows/users/quser-fr-fr.txt'), fr).map((s) => [s.user, s.kind, s.startedAt])).toEqual([
      ['marie.dupont', 'console', '2026-11-29T07:01:00.000Z'],
      ['admin-it', 'remote', '2026-11-28T22:45:00.000Z'],
    ]);
    expect(parseQuser(readFixture('windows/users/quser-de-de.txt'), de).map((s) => [s.user, s.kind, s.terminal, s.startedAt])).toEqual([
      ['müller', 'console', 'console', '2026-11-29T07:01:00.000Z'],
      ['schmidt', 'other', '#2', '2026-11-28T13:30:00.000Z'],
    ]);
    expect(parseQuser(readFixture('windows/users/quser-zh-cn.txt'), zh).map((s) => [s.user, s.kind, s.startedAt])).toEqual([
      ['张伟', 'console', '2026-11-29T00:01:00.000Z'],
      ['李娜', 'remote', '2026-11-29T05:05:00.000Z'],
    ]);
  });

  it('leaves the time unknown without culture data and ignores garbage and empty output', () => {
    expect(parseQuser(readFixture('windows/users/quser-en-us.txt'), null)[0]?.startedAt).toBeNull();
    expect(parseQuser('No User exists for *', us)).toEqual([]);
    expect(parseQuser('', us)).toEqual([]);
    expect(parseCultureDateTime('13/45/2026 8:00', us)).toBeNull();
  });
});

describe('parseWindowsUsers', () => {
  it('marks administrators by SID and reads Get-LocalUser', () => {
    const data = parseWindowsUsers(readJsonFixture('windows/users/cim-users-en-us.json'));
    expect(data.sessions).toHaveLength(3);
    expect(data.localAccounts).toEqual([
      { name: 'Administrator', fullName: null, admin: true, disabled: true, lastLogonAt: null },
      { name: 'itadmin', fullName: 'IT Support', admin: true, disabled: false, lastLogonAt: '2026-11-20T09:15:00.000Z' },
      { name: 'Guest', fullName: null, admin: false, disabled: true, lastLogonAt: null },
    ]);
    expect(UsersDataSchema.safeParse(data).success).toBe(true);
  });

  it('falls back to the CIM console user and Win32_UserAccount; admin unknown when the group was unreadable', () => {
    const data = parseWindowsUsers(readJsonFixture('windows/users/cim-users-home-no-quser-win32useraccount.json'));
    expect(data.sessions).toEqual([{ user: 'LAPTOP-X\\lea', kind: 'console', terminal: 'console', host: null, startedAt: null }]);
    expect(data.localAccounts).toEqual([
      { name: 'lea', fullName: 'Léa Martin', admin: null, disabled: false, lastLogonAt: null },
      { name: 'DefaultAccount', fullName: null, admin: null, disabled: true, lastLogonAt: null },
    ]);
  });
});

describe('POSIX accounts', () => {
  it('lists human accounts from /etc/passwd with sudo membership and nologin as disabled', () => {
    const accounts = parsePasswd(
      readFixture('linux/users/passwd-workstation.txt'),
      readFixture('linux/users/group-workstation.txt'),
      readFixture('linux/users/login-defs.txt'),
    );
    expect(accounts).toEqual([
      { name: 'rene', fullName: 'René Lefèvre', admin: true, disabled: null, lastLogonAt: null },
      { name: 'ana', fullName: null, admin: false, disabled: null, lastLogonAt: null },
      { name: 'stagiaire', fullName: 'Stagiaire 2026', admin: false, disabled: true, lastLogonAt: null },
    ]);
    expect(parsePasswd(readFixture('linux/users/passwd-workstation.txt'), null, null)[0]?.admin).toBeNull();
  });

  it('lists macOS accounts from dscl plists, service accounts left out', () => {
    const admins = parseDsclGroup(readFixture('macos/users/dscl-read-admin-group.plist'));
    expect(parseDsclUsers(readFixture('macos/users/dscl-readall-users.plist'), admins)).toEqual([
      { name: 'rene', fullName: 'René Lefèvre', admin: true, disabled: false, lastLogonAt: null },
      { name: 'stagiaire', fullName: 'Ancien Stagiaire', admin: false, disabled: true, lastLogonAt: null },
    ]);
    expect(() => parseDsclUsers('<plist><dict></dict></plist>', null)).toThrow(/list of records/);
  });
});
