import type { InventoryDocument, UserScopeEntry } from '@deskside/shared';
import { USER_SCOPE_LIMITS } from '@deskside/shared';

const newestFirst = (a: UserScopeEntry, b: UserScopeEntry): number => Date.parse(b.collectedAt) - Date.parse(a.collectedAt);

/**
 * The device's per-user sections after an upload. A full document lists every user its agent keeps,
 * so its list replaces the stored one (none listed: none kept, as from an agent that never had user
 * reports). A partial replaces only the users it carries, each by account id, and forgets the ones
 * named in `removedUsers`; an entry older than the stored one of that account (a late retry) does not
 * replace it. At most USER_SCOPE_LIMITS.maxUsers accounts are kept, the most recently collected.
 */
export function mergeUsers(previous: readonly UserScopeEntry[], doc: InventoryDocument): UserScopeEntry[] {
  const incoming = doc.users ?? [];
  if (doc.kind === 'full') return [...incoming].sort(newestFirst).slice(0, USER_SCOPE_LIMITS.maxUsers);
  const removed = new Set(doc.removedUsers ?? []);
  const byId = new Map(previous.filter((u) => !removed.has(u.account.id)).map((u) => [u.account.id, u]));
  for (const entry of incoming) {
    const stored = byId.get(entry.account.id);
    if (stored === undefined || Date.parse(entry.collectedAt) >= Date.parse(stored.collectedAt)) byId.set(entry.account.id, entry);
  }
  return [...byId.values()].sort(newestFirst).slice(0, USER_SCOPE_LIMITS.maxUsers);
}
