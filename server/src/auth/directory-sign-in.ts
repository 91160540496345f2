import { USERNAME_PATTERN, type DirectoryPolicy, type Role } from '@deskside/shared';

import type { Store } from '../storage/store.js';
import type { TechniciansTable } from '../storage/tables.js';

/** A person as a directory (an OpenID provider, LDAP) vouched for them. */
export interface DirectoryPerson {
  readonly provider: 'oidc' | 'ldap';
  /** Stable id at the provider (OIDC `sub` with the issuer, LDAP entry DN or objectGUID). */
  readonly subject: string;
  readonly username: string;
  readonly displayName: string;
  /** The address the directory gives (OIDC `email`, LDAP `mail`), for mail notifications; null when none. */
  readonly email?: string | null;
  readonly groups: readonly string[];
}

export type DirectoryRefusal = 'not-allowed' | 'disabled' | 'no-username';
export type DirectoryOutcome = { readonly ok: true; readonly technician: TechniciansTable } | { readonly ok: false; readonly reason: DirectoryRefusal };

const RANK: Record<Role, number> = { technician: 1, admin: 2 };
const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The role and teams a person's groups grant under the policy (highest role wins). */
export function mapGroups(policy: DirectoryPolicy, groups: readonly string[]): { role: Role | null; join: string[]; leave: string[] } {
  const matching = policy.mappings.filter((m) => groups.some((g) => same(g, m.group)));
  let role: Role | null = null;
  for (const m of matching) if (m.role !== null && (role === null || RANK[m.role] > RANK[role])) role = m.role;
  const join = [...new Set(matching.flatMap((m) => m.teamIds))];
  const mapped = new Set(policy.mappings.flatMap((m) => m.teamIds));
  return { role: role ?? policy.defaultRole, join, leave: [...mapped].filter((id) => !join.includes(id)) };
}

/**
 * Finds or creates the technician a directory sign-in stands for and brings their role and mapped
 * teams in line with their groups; every change is audited. The caller opens the session.
 */
export async function signInFromDirectory(store: Store, policy: DirectoryPolicy, person: DirectoryPerson, ip: string): Promise<DirectoryOutcome> {
  const now = store.clock();
  const username = person.username.trim().toLowerCase();
  const refuse = async (reason: DirectoryRefusal, technicianId: string | null): Promise<DirectoryOutcome> => {
    await store.audit.record(
      { actor: { kind: 'system', id: null, name: null }, action: 'session.login-failed', target: { kind: 'session', id: technicianId }, details: { username: username.slice(0, 64), via: person.provider, reason, groups: person.groups.slice(0, 50) }, ip },
      now,
    );
    return { ok: false, reason };
  };
  if (!USERNAME_PATTERN.test(username)) return refuse('no-username', null);
  const { role, join, leave } = mapGroups(policy, person.groups);

  const linkedId = await store.sso.technicianFor(person.provider, person.subject);
  let row = linkedId === null ? await store.technicians.byUsername(username) : await store.technicians.byId(linkedId);
  if (row !== null && row.disabled !== 0) return refuse('disabled', row.id);
  if (role === null) return refuse('not-allowed', row?.id ?? null);
  const system = { kind: 'system' as const, id: null, name: person.provider === 'oidc' ? 'OpenID Connect' : 'LDAP' };
  if (row === null) {
    if (!policy.createTechnicians) return refuse('not-allowed', null);
    row = await store.technicians.createFromDirectory({ username, displayName: person.displayName || username, role, email: person.email ?? null });
    await store.audit.record({ actor: system, action: 'technician.create', target: { kind: 'technician', id: row.id }, details: { username, role, via: person.provider }, ip }, now);
  } else if (row.role !== role) {
    await store.technicians.update(row.id, { role });
    await store.audit.record({ actor: system, action: 'technician.update', target: { kind: 'technician', id: row.id }, details: { before: { role: row.role }, after: { role }, via: person.provider }, ip }, now);
    row = { ...row, role };
  }
  await store.sso.link(person.provider, person.subject, row.id);
  const teams = await store.teams.syncTechnician(row.id, join, leave);
  if (teams.joined.length + teams.left.length > 0) {
    await store.audit.record({ actor: system, action: 'technician.teams', target: { kind: 'technician', id: row.id }, details: { joined: teams.joined, left: teams.left, via: person.provider }, ip }, now);
  }
  return { ok: true, technician: row };
}
