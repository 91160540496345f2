import { userInfo } from 'node:os';

import type { Contact } from '@deskside/shared';

/** The previous ticket's contact when there is one, else the OS account name; never guessed further. */
export function defaultContact(previous: Contact | null, account: () => string = () => userInfo().username): Contact {
  if (previous) return previous;
  let name: string | null;
  try {
    name = account().trim() || null;
  } catch {
    name = null;
  }
  return { name, email: null, phone: null };
}

/** The user's edits over the default; empty strings clear a field. */
export function mergeContact(base: Contact, edits: Partial<Contact> | undefined): Contact {
  const pick = (v: string | null | undefined, fallback: string | null) => (v === undefined ? fallback : v === null || v.trim() === '' ? null : v.trim());
  return { name: pick(edits?.name, base.name), email: pick(edits?.email, base.email), phone: pick(edits?.phone, base.phone) };
}
