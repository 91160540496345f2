import { z } from 'zod';

import { isoDateTime, list, text } from '../limits.js';
import { ProxySettingsSchema } from './network.js';
import { BackupMechanismSchema } from './protection.js';
import { section } from './section.js';
import { PlatformSchema } from './system.js';

/**
 * Per-user state that a service account cannot see: HKCU, %LOCALAPPDATA%, a user's dconf and
 * environment. Each signed-in user's own process (tray app or CLI) collects it and hands it to the
 * service, which keeps the latest report per account and uploads it with the next inventory.
 */

export const USER_SCOPE_SCHEMA_VERSION = 1;

export const USER_SCOPE_LIMITS = {
  /** Accounts one device reports: a shared lab PC keeps its most recent users, not everyone who ever signed in. */
  maxUsers: 16,
  /** One report's JSON: a few KiB in practice; this stops one odd profile from crowding the upload. */
  reportBytes: 64 * 1024,
  /** A report not refreshed for this long is dropped by the agent: its user has not signed in since. */
  maxAgeDays: 30,
} as const;

/** Every user-scope section, in reading order. */
export const USER_SCOPE_SECTIONS = ['proxy', 'oneDrive', 'fileHistory', 'dejaDup'] as const;
export const UserScopeSectionNameSchema = z.enum(USER_SCOPE_SECTIONS);
export type UserScopeSectionName = z.infer<typeof UserScopeSectionNameSchema>;

/**
 * A Windows SID (S-1-5-21-…) or a POSIX uid. Nothing else: the id names the agent's store file
 * (`<dataDir>/user-scope/<id>.json`), so it must never carry a path separator or a dot.
 */
export const AccountIdSchema = z.string().regex(/^(?:S-1-\d{1,14}(?:-\d{1,10}){0,15}|\d{1,10})$/, 'a Windows SID (S-1-…) or a numeric uid');

export const UserAccountSchema = z.strictObject({
  /** As the OS names the account: "DOMAIN\\alice" on Windows, "alice" elsewhere. */
  name: text(),
  id: AccountIdSchema,
});
export type UserAccount = z.infer<typeof UserAccountSchema>;

/** Each section's data schema, for checking one section at a time (collectors, the agent's store). */
export const USER_SCOPE_DATA_SCHEMAS = {
  proxy: ProxySettingsSchema,
  oneDrive: BackupMechanismSchema,
  fileHistory: BackupMechanismSchema,
  dejaDup: BackupMechanismSchema,
} as const satisfies Record<UserScopeSectionName, z.ZodType>;

/** Same envelope as the machine's sections: an unreadable or inapplicable part says so, never "empty". */
export const UserScopeSectionsSchema = z.strictObject({
  /** The user's own proxy: HKCU Internet Settings (Windows), gsettings + the session's environment (Linux). */
  proxy: section(ProxySettingsSchema).optional(),
  /** OneDrive Known Folder Move (Windows). */
  oneDrive: section(BackupMechanismSchema).optional(),
  /** File History (Windows), configured per user. */
  fileHistory: section(BackupMechanismSchema).optional(),
  /** Déjà Dup (Linux), the user's GNOME settings. */
  dejaDup: section(BackupMechanismSchema).optional(),
});
export type UserScopeSections = z.infer<typeof UserScopeSectionsSchema>;

const withinBytes = (v: unknown): boolean => JSON.stringify(v).length <= USER_SCOPE_LIMITS.reportBytes;
const TOO_LARGE = `a user-scope report must stay within ${USER_SCOPE_LIMITS.reportBytes} bytes of JSON`;

/** What a user's process hands to the service. */
export const UserScopeReportSchema = z
  .strictObject({
    schemaVersion: z.literal(USER_SCOPE_SCHEMA_VERSION),
    account: UserAccountSchema,
    platform: PlatformSchema,
    agentVersion: text(64),
    collectedAt: isoDateTime,
    sections: UserScopeSectionsSchema,
  })
  .refine(withinBytes, { message: TOO_LARGE });
export type UserScopeReport = z.infer<typeof UserScopeReportSchema>;

/** One user's sections as the inventory document carries them. */
export const UserScopeEntrySchema = z
  .strictObject({
    account: UserAccountSchema,
    collectedAt: isoDateTime,
    sections: UserScopeSectionsSchema,
  })
  .refine(withinBytes, { message: TOO_LARGE });
export type UserScopeEntry = z.infer<typeof UserScopeEntrySchema>;

export const UserScopeEntriesSchema = list(UserScopeEntrySchema, USER_SCOPE_LIMITS.maxUsers).refine(
  (users) => new Set(users.map((u) => u.account.id)).size === users.length,
  { message: 'each account may appear once' },
);

/** Account ids whose reports the agent dropped (too old): the server forgets them too. */
export const RemovedUsersSchema = list(AccountIdSchema, 64);
