import { userInfo } from 'node:os';

import type { UserAccount } from '@deskside/shared/inventory';

/** The calling POSIX account: its login name and uid (the uid keys the report; names can be reused). */
export function posixAccount(info: { readonly username: string; readonly uid: number } = userInfo()): UserAccount {
  if (!Number.isInteger(info.uid) || info.uid < 0) throw new Error('this process has no POSIX uid');
  return { name: info.username || String(info.uid), id: String(info.uid) };
}
