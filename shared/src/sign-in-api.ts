import { z } from 'zod';

import { RoleSchema } from './console-api.js';
import { maybeDateTime, maybeText, text, uuid } from './limits.js';

/**
 * Single sign-on for technicians. A directory group can grant a role and team memberships; local
 * accounts (user name and password) always keep working as the break-glass way in.
 */
export const GroupMappingSchema = z.strictObject({
  /** The group as the directory names it: an OIDC groups-claim value or an LDAP group DN or name. */
  group: text(512),
  /** The role this group grants; the highest role among a person's groups wins. */
  role: RoleSchema.nullable(),
  /** Teams its members join (and leave when they no longer are in the group). */
  teamIds: z.array(uuid).max(50),
});
export type GroupMapping = z.infer<typeof GroupMappingSchema>;

const httpsOrLoopbackUrl = z
  .url()
  .max(512)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  }, 'the issuer must be an https:// URL (http:// is accepted only on this machine, for tests)');

export const OidcSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** Shown on the sign-in button: "Sign in with <displayName>". */
  displayName: text(64),
  /** The issuer; its /.well-known/openid-configuration is read at sign-in. */
  issuer: httpsOrLoopbackUrl,
  clientId: text(256),
  scopes: text(256).default('openid profile email'),
  /** The claim the Deskside user name comes from (lower-cased), e.g. preferred_username or email. */
  usernameClaim: text(64).default('preferred_username'),
  /** The claim that lists the person's groups (Entra ID and Okta: groups; Keycloak: groups with a mapper). */
  groupsClaim: text(64).default('groups'),
});
export type OidcSettings = z.infer<typeof OidcSettingsSchema>;

export const LdapSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** `ldap://host:389` or `ldaps://host:636`. */
  url: z.string().max(512).regex(/^ldaps?:\/\/[^\s/?#]+\/?$/, 'the URL is ldap://host[:port] or ldaps://host[:port]'),
  /** Upgrade an ldap:// connection with StartTLS before anything is sent. */
  startTls: z.boolean().default(false),
  /** Trust only certificates from this CA (PEM) for ldaps:// and StartTLS; null trusts the system's CAs. */
  caCertificate: z.string().max(20_000).nullable().default(null),
  /** The service account that searches for users and groups. */
  bindDn: text(512),
  userBase: text(512),
  /** `{username}` is replaced by the typed name, escaped for LDAP filters. */
  userFilter: text(512).default('(&(objectClass=person)(|(uid={username})(sAMAccountName={username})(userPrincipalName={username})))'),
  usernameAttribute: text(64).default('uid'),
  displayNameAttribute: text(64).default('cn'),
  /** Where to search groups that list the user as a member; null reads only the user's memberOf. */
  groupBase: z.string().max(512).nullable().default(null),
  /** `{dn}` is the user's DN, `{username}` the user name, both escaped. */
  groupFilter: text(512).default('(|(member={dn})(uniqueMember={dn})(memberUid={username}))'),
  groupNameAttribute: text(64).default('cn'),
});
export type LdapSettings = z.infer<typeof LdapSettingsSchema>;

/** Who may come in through a directory, and as what. */
export const DirectoryPolicySchema = z.strictObject({
  /** Create a technician on first sign-in when none has this name yet. */
  createTechnicians: z.boolean().default(true),
  /** Role for people in no mapped group; null refuses them. */
  defaultRole: RoleSchema.nullable().default(null),
  mappings: z.array(GroupMappingSchema).max(200).default([]),
});
export type DirectoryPolicy = z.infer<typeof DirectoryPolicySchema>;

export const SignInSettingsViewSchema = z.strictObject({
  oidc: OidcSettingsSchema.extend({ clientSecretSet: z.boolean() }).nullable(),
  ldap: LdapSettingsSchema.extend({ bindPasswordSet: z.boolean() }).nullable(),
  policy: DirectoryPolicySchema,
  updatedAt: maybeDateTime,
  updatedBy: maybeText(),
});
export type SignInSettingsView = z.infer<typeof SignInSettingsViewSchema>;

export const SignInSettingsUpdateSchema = z.strictObject({
  /** null turns OpenID Connect off and forgets its settings. */
  oidc: OidcSettingsSchema.extend({
    /** Omitted keeps the stored secret; null clears it (a public client with PKCE only). */
    clientSecret: z.string().min(1).max(1024).nullable().optional(),
  }).nullable(),
  /** null turns LDAP sign-in off and forgets its settings. */
  ldap: LdapSettingsSchema.extend({
    /** Omitted keeps the stored password. */
    bindPassword: z.string().min(1).max(1024).optional(),
  })
    .nullable()
    .default(null),
  policy: DirectoryPolicySchema,
});
export type SignInSettingsUpdate = z.input<typeof SignInSettingsUpdateSchema>;

/** What the sign-in page offers besides the local form; readable without a session. */
export const SignInOptionsSchema = z.strictObject({
  oidc: z.strictObject({ displayName: text(64), startUrl: text(512) }).nullable(),
  /** The user name and password form also accepts directory (LDAP) accounts. */
  ldap: z.boolean(),
});
export type SignInOptions = z.infer<typeof SignInOptionsSchema>;

/** Why a single sign-on came back without a session; the console words each one. */
export const SSO_ERRORS = ['failed', 'state', 'not-allowed', 'disabled', 'no-username', 'not-configured'] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
export const SSO_ERROR_PARAM = 'sso_error';
