import type { UsersData } from '@deskside/shared/inventory';
import { parse as parsePlist } from 'plist';

import { str } from '../common/values.js';

type Account = UsersData['localAccounts'][number];

const attr = (record: Record<string, unknown>, name: string): string | null => {
  const value = record[`dsAttrTypeStandard:${name}`];
  return Array.isArray(value) ? str(value[0]) : str(value);
};

/** Group members from `dscl -plist . -read /Groups/admin GroupMembership`. */
export function parseDsclGroup(xml: string): Set<string> {
  const record = parsePlist(xml) as Record<string, unknown>;
  const members = record['dsAttrTypeStandard:GroupMembership'];
  return new Set(Array.isArray(members) ? members.map(String) : []);
}

/**
 * Accounts from `dscl -plist . -readall /Users RecordName RealName UniqueID UserShell
 * AuthenticationAuthority`. Service accounts (UID < 500, names starting with "_") are left out.
 */
export function parseDsclUsers(xml: string, admins: ReadonlySet<string> | null): Account[] {
  const records = parsePlist(xml);
  if (!Array.isArray(records)) throw new Error('dscl -readall did not print a list of records');
  const accounts: Account[] = [];
  for (const item of records) {
    const record = item as Record<string, unknown>;
    const name = attr(record, 'RecordName');
    const uid = Number(attr(record, 'UniqueID'));
    if (name === null || name.startsWith('_') || !Number.isInteger(uid) || uid < 500) continue;
    const shell = attr(record, 'UserShell') ?? '';
    const authority = record['dsAttrTypeStandard:AuthenticationAuthority'];
    const authorities = Array.isArray(authority) ? authority.map(String) : [];
    accounts.push({
      name,
      fullName: attr(record, 'RealName'),
      admin: admins === null ? null : admins.has(name),
      disabled: authorities.some((a) => a.includes('DisabledUser')) || /\/false$/.test(shell) ? true : authorities.length > 0 ? false : null,
      lastLogonAt: null,
    });
  }
  return accounts.slice(0, 512);
}
