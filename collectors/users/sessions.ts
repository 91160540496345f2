import type { UsersData } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';
import { parseWho } from './parse-who.js';

/** Login sessions from `who` (utmp), the same on Linux and macOS; null when `who` could not run. */
export async function whoSessions(ctx: CollectContext): Promise<{ sessions: UsersData['sessions'] | null; why: string | null }> {
  try {
    const who = await ctx.system.run('who', [], { env: { LC_ALL: 'C' } });
    const now = ctx.now();
    const sessions = parseWho(who.stdout, now, -now.getTimezoneOffset())
      .slice(0, 128)
      .map((s) => ({ user: s.user, kind: s.kind, terminal: s.terminal, host: s.host, startedAt: s.startedAt }));
    return { sessions, why: null };
  } catch (error) {
    return { sessions: null, why: `who: ${(error as Error).message}` };
  }
}
