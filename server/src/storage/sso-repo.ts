import { DirectoryPolicySchema, LdapSettingsSchema, OidcSettingsSchema, type DirectoryPolicy, type LdapSettings, type OidcSettings, type SignInSettingsView } from '@deskside/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { Clock } from './clock.js';
import type { Database, SsoFlowsTable } from './tables.js';
import { isoOrNull, json } from './values.js';

const SETTINGS_KEY = 'sign-in';
/** A sign-in at the identity provider must come back within this long. */
export const SSO_FLOW_TTL_MS = 10 * 60_000;

const StoredSchema = z.object({
  oidc: OidcSettingsSchema.extend({ clientSecret: z.string().nullable() }).nullable().catch(null).default(null),
  ldap: LdapSettingsSchema.extend({ bindPassword: z.string() }).nullable().catch(null).default(null),
  policy: DirectoryPolicySchema.catch({ createTechnicians: true, defaultRole: null, mappings: [] }),
});
export type StoredOidcSettings = OidcSettings & { readonly clientSecret: string | null };
export type StoredLdapSettings = LdapSettings & { readonly bindPassword: string };
export interface SignInSettings {
  readonly oidc: StoredOidcSettings | null;
  readonly ldap: StoredLdapSettings | null;
  readonly policy: DirectoryPolicy;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/** Sign-in settings, single sign-on flows in progress, and directory identities linked to technicians. */
export class SsoRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async settings(): Promise<SignInSettings> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', SETTINGS_KEY).executeTakeFirst();
    // Parsed through the schema: a hand-edited row turns single sign-on off rather than half on.
    const parsed = StoredSchema.parse(row === undefined ? {} : JSON.parse(row.value));
    return { oidc: parsed.oidc, ldap: parsed.ldap, policy: parsed.policy, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null };
  }

  async saveSettings(settings: { oidc: StoredOidcSettings | null; ldap: StoredLdapSettings | null; policy: DirectoryPolicy }, by: string): Promise<SignInSettings> {
    const now = this.clock();
    const value = json(settings);
    await this.db
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
      .execute();
    return this.settings();
  }

  async startFlow(flow: Omit<SsoFlowsTable, 'expires_at'>): Promise<void> {
    const now = this.clock();
    // Abandoned sign-ins are swept when new ones start, so no timer is needed on any instance.
    await this.db.deleteFrom('sso_flows').where('expires_at', '<', now).execute();
    await this.db.insertInto('sso_flows').values({ ...flow, expires_at: now + SSO_FLOW_TTL_MS }).execute();
  }

  /** The flow for this state, removed as it is read: each state can finish one sign-in only. */
  async takeFlow(state: string): Promise<SsoFlowsTable | null> {
    const row = await this.db.selectFrom('sso_flows').selectAll().where('state', '=', state).executeTakeFirst();
    if (row === undefined) return null;
    const deleted = await this.db.deleteFrom('sso_flows').where('state', '=', state).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0 || row.expires_at < this.clock()) return null;
    return row;
  }

  async technicianFor(provider: string, subject: string): Promise<string | null> {
    const row = await this.db.selectFrom('technician_identities').select('technician_id').where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst();
    return row?.technician_id ?? null;
  }

  async link(provider: string, subject: string, technicianId: string): Promise<void> {
    const now = this.clock();
    await this.db
      .insertInto('technician_identities')
      .values({ provider, subject, technician_id: technicianId, created_at: now, last_seen_at: now })
      .onConflict((oc) => oc.columns(['provider', 'subject']).doUpdateSet({ technician_id: technicianId, last_seen_at: now }))
      .execute();
  }
}

export function signInSettingsView(s: SignInSettings): SignInSettingsView {
  const oidc = s.oidc === null ? null : (({ clientSecret, ...rest }) => ({ ...rest, clientSecretSet: clientSecret !== null }))(s.oidc);
  const ldap = s.ldap === null ? null : (({ bindPassword: _password, ...rest }) => ({ ...rest, bindPasswordSet: true }))(s.ldap);
  return { oidc, ldap, policy: s.policy, updatedAt: isoOrNull(s.updatedAt), updatedBy: s.updatedBy };
}
