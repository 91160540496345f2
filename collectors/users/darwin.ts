import type { UsersData } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';
import { SectionError } from '../types.js';
import { parseDsclGroup, parseDsclUsers } from './parse-dscl.js';
import { whoSessions } from './sessions.js';

export async function collectMacUsers(ctx: CollectContext): Promise<UsersData> {
  const [who, users, admins] = await Promise.all([
    whoSessions(ctx),
    ctx.system.run('dscl', ['-plist', '.', '-readall', '/Users', 'RecordName', 'RealName', 'UniqueID', 'UserShell', 'AuthenticationAuthority']),
    ctx.system.run('dscl', ['-plist', '.', '-read', '/Groups/admin', 'GroupMembership']),
  ]);
  const adminSet = admins.exitCode === 0 ? parseDsclGroup(admins.stdout) : null;
  const accounts = users.exitCode === 0 ? parseDsclUsers(users.stdout, adminSet) : null;
  const data = { sessions: who.sessions ?? [], localAccounts: accounts ?? [] };
  // Neither list may pass as empty when its source failed.
  const problems = [who.why, accounts === null ? `dscl: ${users.stderr.trim() || `exit code ${users.exitCode}`}` : null].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new SectionError('error', problems.join('; '), undefined, data);
  return data;
}
