import type { DeltaOutput } from '../inventory/delta.js';
import { withUserScope, type UserScopeDelta } from './user-scope-delta.js';
import { UserScopeStore } from './user-scope-store.js';

/** The agent's one call while queueing an inventory: the stored reports (stale ones dropped) joined to the delta. */
export async function addUserScope(dataDir: string, now: () => Date, delta: DeltaOutput, ackedHashes: Readonly<Record<string, string>>): Promise<UserScopeDelta> {
  const reports = await new UserScopeStore(dataDir, { now }).list();
  return withUserScope(delta, reports, ackedHashes);
}
