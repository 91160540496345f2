import type { UsersData } from '@deskside/shared/inventory';

type Account = UsersData['localAccounts'][number];

const NO_LOGIN = /(nologin|\/false|\/sync|\/shutdown|\/halt)$/;

/** UID_MIN from /etc/login.defs: where human accounts start (1000 on most distributions). */
export function uidMin(loginDefs: string | null): number {
  const m = loginDefs ? /^\s*UID_MIN\s+(\d+)/m.exec(loginDefs) : null;
  return m ? Number(m[1]) : 1000;
}

/** Members of the groups that grant root through sudo/polkit on Debian, Ubuntu, Fedora, Arch. */
export function adminMembers(groupFile: string): Set<string> {
  const admins = new Set<string>();
  for (const line of groupFile.split(/\r?\n/)) {
    const [name, , , members = ''] = line.split(':');
    if (name === 'sudo' || name === 'wheel' || name === 'admin') {
      for (const m of members.split(',')) if (m.trim()) admins.add(m.trim());
    }
  }
  return admins;
}

function adminGids(groupFile: string): Set<string> {
  const gids = new Set<string>();
  for (const line of groupFile.split(/\r?\n/)) {
    const [name, , gid] = line.split(':');
    if ((name === 'sudo' || name === 'wheel' || name === 'admin') && gid) gids.add(gid);
  }
  return gids;
}

/** Human accounts from /etc/passwd: UID from UID_MIN up, not nobody (65534). */
export function parsePasswd(passwd: string, groupFile: string | null, loginDefs: string | null): Account[] {
  const min = uidMin(loginDefs);
  const admins = groupFile === null ? null : adminMembers(groupFile);
  const gids = groupFile === null ? null : adminGids(groupFile);
  const accounts: Account[] = [];
  for (const line of passwd.split(/\r?\n/)) {
    const fields = line.split(':');
    if (fields.length < 7) continue;
    const [name = '', , uidText = '', gid = '', gecos = '', , shell = ''] = fields;
    const uid = Number(uidText);
    if (name === '' || !Number.isInteger(uid) || uid < min || uid === 65534 || uid >= 4_294_967_294) continue;
    accounts.push({
      name,
      fullName: gecos.split(',')[0]?.trim() || null,
      admin: admins === null || gids === null ? null : admins.has(name) || gids.has(gid),
      // A login shell of nologin/false is how Linux disables an account without /etc/shadow (root-only).
      disabled: NO_LOGIN.test(shell.trim()) ? true : null,
      lastLogonAt: null,
    });
    if (accounts.length >= 512) break;
  }
  return accounts;
}
