import { Client, type Entry } from 'ldapts';

import type { StoredLdapSettings } from '../storage/sso-repo.js';
import type { DirectoryPerson } from './directory-sign-in.js';

const TIMEOUT_MS = 8_000;

/** RFC 4515: what a typed user name may not smuggle into a search filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const first = (v: Entry[string] | undefined): string | null => {
  const value = Array.isArray(v) ? v[0] : v;
  if (value === undefined) return null;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
};
const all = (v: Entry[string] | undefined): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x))));
/** `cn=Helpdesk,ou=groups,dc=example,dc=com` → `Helpdesk`: mappings may name a group by DN or by name. */
const rdnValue = (dn: string): string | null => /^[^=]+=((?:\\.|[^,\\])+)/.exec(dn)?.[1]?.replace(/\\(.)/g, '$1') ?? null;

export type LdapOutcome = { readonly ok: true; readonly person: DirectoryPerson } | { readonly ok: false; readonly reason: 'wrong' | 'unavailable'; readonly detail: string };

/**
 * LDAP / Active Directory sign-in: bind as the service account, find exactly one user with the
 * filter, bind as that user with the typed password, then read group membership from memberOf and,
 * when a group base is set, from a group search (as the service account).
 */
export async function ldapAuthenticate(s: StoredLdapSettings, username: string, password: string): Promise<LdapOutcome> {
  // An empty password would be an unauthenticated bind, which many servers accept as "success".
  if (password === '' || username.trim() === '') return { ok: false, reason: 'wrong', detail: 'empty user name or password' };
  const tlsOptions = s.caCertificate === null ? {} : { ca: [s.caCertificate] };
  const connect = async () => {
    const client = new Client({ url: s.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS, ...(s.url.startsWith('ldaps:') ? { tlsOptions } : {}) });
    if (s.startTls) await client.startTLS(tlsOptions);
    return client;
  };
  const service = await connect().catch((err: Error) => err);
  if (service instanceof Error) return { ok: false, reason: 'unavailable', detail: `connect: ${service.message}` };
  try {
    try {
      await service.bind(s.bindDn, s.bindPassword);
    } catch (err) {
      return { ok: false, reason: 'unavailable', detail: `service account bind: ${(err as Error).message}` };
    }
    const name = escapeFilterValue(username.trim());
    const { searchEntries: users } = await service.search(s.userBase, {
      scope: 'sub',
      filter: s.userFilter.replaceAll('{username}', name),
      attributes: [s.usernameAttribute, s.displayNameAttribute, 'mail', 'memberOf', 'entryUUID', 'objectGUID'],
      explicitBufferAttributes: ['objectGUID'],
      sizeLimit: 2,
    });
    if (users.length !== 1) return { ok: false, reason: 'wrong', detail: users.length === 0 ? 'no such user' : 'the filter matches several users' };
    const user = users[0]!;

    const asUser = await connect();
    try {
      await asUser.bind(user.dn, password);
    } catch (err) {
      return { ok: false, reason: 'wrong', detail: `user bind: ${(err as Error).message}` };
    } finally {
      await asUser.unbind().catch(() => undefined);
    }

    const groups = new Set<string>();
    const addGroup = (dn: string, cn: string | null) => {
      groups.add(dn);
      const label = cn ?? rdnValue(dn);
      if (label !== null) groups.add(label);
    };
    for (const dn of all(user.memberOf)) addGroup(dn, null);
    if (s.groupBase !== null && s.groupBase !== '') {
      const { searchEntries } = await service.search(s.groupBase, {
        scope: 'sub',
        filter: s.groupFilter.replaceAll('{dn}', escapeFilterValue(user.dn)).replaceAll('{username}', name),
        attributes: [s.groupNameAttribute],
        sizeLimit: 1000,
      });
      for (const g of searchEntries) addGroup(g.dn, first(g[s.groupNameAttribute]));
    }
    const guid = user.objectGUID;
    const stableId = first(user.entryUUID) ?? (Buffer.isBuffer(guid) ? guid.toString('hex') : null) ?? user.dn.toLowerCase();
    return {
      ok: true,
      person: {
        provider: 'ldap',
        subject: `${s.url}#${stableId}`,
        username: first(user[s.usernameAttribute]) ?? username,
        displayName: first(user[s.displayNameAttribute]) ?? username,
        email: first(user.mail) ?? null,
        groups: [...groups],
      },
    };
  } catch (err) {
    return { ok: false, reason: 'unavailable', detail: (err as Error).message };
  } finally {
    await service.unbind().catch(() => undefined);
  }
}
