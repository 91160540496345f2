import type { UsersData } from '@deskside/shared';

import { readOptional } from '../common/files.js';
import type { CollectContext } from '../types.js';
import { parsePasswd } from './parse-posix-accounts.js';
import { whoSessions } from './sessions.js';

export async function collectLinuxUsers(ctx: CollectContext): Promise<UsersData> {
  const [active, passwd, group, loginDefs] = await Promise.all([
    whoSessions(ctx),
    ctx.system.readFile('/etc/passwd'),
    readOptional(ctx.system, '/etc/group'),
    readOptional(ctx.system, '/etc/login.defs'),
  ]);
  return { sessions: active, localAccounts: parsePasswd(passwd, group, loginDefs) };
}

