import { createHash } from 'node:crypto';

import type { InventoryDocument, UserScopeEntry, UserScopeReport } from '@deskside/shared';
import { INVENTORY_SCHEMA_VERSION_USERS } from '@deskside/shared';

import type { DeltaOutput } from '../inventory/delta.js';
import { stableStringify } from '../inventory/section-hash.js';

/** Acknowledged hashes of users sit beside the categories' in state.json, under this prefix. */
export const USER_HASH_PREFIX = 'user:';
const DAY_MS = 24 * 60 * 60 * 1000;

export const userHashKey = (accountId: string): string => `${USER_HASH_PREFIX}${accountId}`;
export const isUserHashKey = (key: string): boolean => key.startsWith(USER_HASH_PREFIX);

export function toEntry(report: UserScopeReport): UserScopeEntry {
  return { account: report.account, collectedAt: report.collectedAt, sections: report.sections };
}

/**
 * What a user's entry says: the account's name and each section's status, error and data, not how
 * long it took. Its collection day counts too, so an unchanged user is still sent once a day and the
 * console's "collected 3 h ago" is never more than a day behind while that user keeps signing in.
 */
export function userEntryHash(entry: UserScopeEntry): string {
  const sections = Object.fromEntries(
    Object.entries(entry.sections).map(([name, s]) => [name, { status: s.status, error: s.error ?? null, missingPermission: s.missingPermission ?? null, data: s.data }]),
  );
  const day = Math.floor(Date.parse(entry.collectedAt) / DAY_MS);
  return createHash('sha256').update(stableStringify({ name: entry.account.name, day, sections })).digest('hex');
}

export interface UserScopeDelta extends DeltaOutput {
  /** Accounts sent with this upload (changed ones, or all on a full upload). */
  readonly users: readonly string[];
  /** Accounts the server is told to forget (their reports grew too old here). */
  readonly removedUsers: readonly string[];
}

/**
 * Adds the stored user-scope reports to a machine delta, by hash like the sections: a full upload
 * lists every user kept (the server replaces its list); a partial one carries only users whose entry
 * changed, and names the users dropped since the last acknowledgement. A document gains schemaVersion 2
 * only when it carries something per user, so an agent without user reports still speaks version 1.
 */
export function withUserScope(delta: DeltaOutput, reports: readonly UserScopeReport[], ackedHashes: Readonly<Record<string, string>>): UserScopeDelta {
  const entries = reports.map(toEntry);
  const hashes: Record<string, string> = { ...delta.hashes };
  for (const e of entries) hashes[userHashKey(e.account.id)] = userEntryHash(e);
  const full = delta.kind === 'full';
  const send = full ? entries : entries.filter((e) => ackedHashes[userHashKey(e.account.id)] !== hashes[userHashKey(e.account.id)]);
  const removed = full ? [] : Object.keys(ackedHashes).filter((k) => isUserHashKey(k) && hashes[k] === undefined).map((k) => k.slice(USER_HASH_PREFIX.length));
  const users = send.map((e) => e.account.id);
  if (send.length === 0 && removed.length === 0) return { ...delta, hashes, users, removedUsers: [] };
  const document: InventoryDocument = {
    ...delta.document,
    schemaVersion: INVENTORY_SCHEMA_VERSION_USERS,
    ...(send.length > 0 ? { users: send } : {}),
    ...(removed.length > 0 ? { removedUsers: removed } : {}),
  };
  const parts = [send.length > 0 ? `${send.length} user${send.length === 1 ? '' : 's'}` : null, removed.length > 0 ? `${removed.length} removed` : null].filter(Boolean).join(', ');
  return { ...delta, document, hashes, users, removedUsers: removed, reason: `${delta.reason}; ${parts}` };
}
