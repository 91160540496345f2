import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';

/**
 * The account name of a uid through the system's name service (so directory users from SSSD, LDAP or
 * Open Directory resolve too): `getent passwd UID` on Linux, `id -nu UID` on macOS. Null when unknown.
 */
export async function posixAccountName(platform: Platform, system: SystemAccess, uid: number): Promise<string | null> {
  try {
    if (platform === 'darwin') {
      const result = await system.run('id', ['-nu', String(uid)], { timeoutMs: 5000 });
      return result.exitCode === 0 ? parseIdName(result.stdout) : null;
    }
    const result = await system.run('getent', ['passwd', String(uid)], { timeoutMs: 5000 });
    return result.exitCode === 0 ? parseGetentPasswd(result.stdout, uid) : null;
  } catch {
    return null;
  }
}

/** `name:x:uid:gid:gecos:home:shell`; the line must be the asked uid's. */
export function parseGetentPasswd(text: string, uid: number): string | null {
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 3 && fields[2] === String(uid) && fields[0]) return fields[0];
  }
  return null;
}

export function parseIdName(text: string): string | null {
  const name = text.trim();
  return name === '' || /\s/u.test(name) ? null : name;
}
