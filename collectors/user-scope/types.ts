import type { UserAccount, UserScopeSectionName } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';

/** One section's fetch-and-parse: resolves with its data or throws (SectionError for an honest status). */
export type UserScopePart = () => Promise<unknown>;

/** What a platform offers: who is asking, and a part per section it can read (the rest are unsupported). */
export interface PlatformUserScope {
  readonly account: () => Promise<UserAccount>;
  readonly parts: Partial<Readonly<Record<UserScopeSectionName, UserScopePart>>>;
  /** Why a section this platform lacks is unsupported, worded for the technician. */
  readonly unsupported: Readonly<Record<UserScopeSectionName, string>>;
}

export type PlatformUserScopeFactory = (ctx: CollectContext, env: Readonly<Record<string, string | undefined>>) => PlatformUserScope;
