import type { UserScopeEntry } from '@deskside/shared';

import type { Change } from './history-diff.js';

const BACKUP_PARTS = ['oneDrive', 'fileHistory', 'dejaDup'] as const;

/**
 * A user's backup turning ok → failing (or back) is history, like the machine's backup state; what
 * the user's proxy says, a user appearing or going, and each day's fresh collection are not: the
 * history stays a list of things a technician acts on. Compared only where both sides read the part.
 */
export function userScopeChanges(before: readonly UserScopeEntry[] | null, after: readonly UserScopeEntry[]): Change[] {
  if (before === null) return [];
  const previous = new Map(before.map((u) => [u.account.id, u]));
  const changes: Change[] = [];
  for (const user of after) {
    const was = previous.get(user.account.id);
    if (was === undefined) continue;
    for (const part of BACKUP_PARTS) {
      const b = was.sections[part]?.data;
      const a = user.sections[part]?.data;
      if (b == null || a == null || b.state === a.state) continue;
      changes.push({ kind: 'protection-changed', category: 'backup', subject: `${user.account.name}: ${a.product}`.slice(0, 512), before: b.state, after: a.state });
    }
  }
  return changes;
}
