import type { UsersData } from '@deskside/shared';

import type { CollectContext } from '../types.js';
import { parseDsclGroup, parseDsclUsers } from './parse-dscl.js';
import { whoSessions } from './sessions.js';

export async function collectMacUsers(ctx: CollectContext): Promise<UsersData> {
  const [active, users, admins] = await Promise.all([
    whoSessions(ctx),
    ctx.system.run('dscl', ['-plist', '.', '-readall', '/Users', 'RecordName', 'RealName', 'UniqueID', 'UserShell', 'AuthenticationAuthority']),
    ctx.system.run('dscl', ['-plist', '.', '-read', '/Groups/admin', 'GroupMembership']),
  ]);
  const adminSet = admins.exitCode === 0 ? parseDsclGroup(admins.stdout) : null;
  return { sessions: active, localAccounts: users.exitCode === 0 ? parseDsclUsers(users.stdout, adminSet) : [] };
}
