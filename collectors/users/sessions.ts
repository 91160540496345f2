import type { UsersData } from '@deskside/shared';

import type { CollectContext } from '../types.js';
import { parseWho } from './parse-who.js';

/** Login sessions from `who` (utmp), the same on Linux and macOS. */
export async function whoSessions(ctx: CollectContext): Promise<UsersData['sessions']> {
  const who = await ctx.system.run('who', [], { env: { LC_ALL: 'C' } });
  const now = ctx.now();
  return parseWho(who.stdout, now, -now.getTimezoneOffset())
    .slice(0, 128)
    .map((s) => ({ user: s.user, kind: s.kind, terminal: s.terminal, host: s.host, startedAt: s.startedAt }));
}

