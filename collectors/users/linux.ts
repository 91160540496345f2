import type { UsersData } from '@deskside/shared/inventory';

import { readOptional } from '../common/files.js';
import type { CollectContext } from '../types.js';
import { SectionError } from '../types.js';
import { parsePasswd } from './parse-posix-accounts.js';
import { whoSessions } from './sessions.js';

export async function collectLinuxUsers(ctx: CollectContext): Promise<UsersData> {
  const [who, passwd, group, loginDefs] = await Promise.all([
    whoSessions(ctx),
    ctx.system.readFile('/etc/passwd'),
    readOptional(ctx.system, '/etc/group'),
    readOptional(ctx.system, '/etc/login.defs'),
  ]);
  const data = { sessions: who.sessions ?? [], localAccounts: parsePasswd(passwd, group, loginDefs) };
  // The accounts are known; the sessions are not, and an empty list would say "nobody is logged in".
  if (who.why !== null) throw new SectionError('error', who.why, undefined, data);
  return data;
}
