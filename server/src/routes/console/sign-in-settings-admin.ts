import { SignInSettingsUpdateSchema, SignInSettingsViewSchema } from '@deskside/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { badRequest } from '../../http/http-error.js';
import { requireTechnicianContext } from '../../http/request-context.js';
import { signInSettingsView } from '../../storage/sso-repo.js';
import type { RouteDeps } from '../deps.js';

/** Administrator-only: single sign-on settings and the group → role and team mappings. */
export const signInSettingsAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store }) => {
  app.get('/settings/sign-in', { schema: { response: { 200: SignInSettingsViewSchema } } }, async () => signInSettingsView(await store.sso.settings()));

  app.put('/settings/sign-in', { schema: { body: SignInSettingsUpdateSchema, response: { 200: SignInSettingsViewSchema } } }, async (request) => {
    const t = requireTechnicianContext(request.technician);
    const { oidc, ldap, policy } = request.body;
    const teamIds = [...new Set(policy.mappings.flatMap((m) => m.teamIds))];
    for (const [i, m] of policy.mappings.entries()) {
      for (const id of m.teamIds) {
        if ((await store.teams.row(id)) === null) throw badRequest('a mapping names a team that does not exist', [{ path: `policy.mappings.${i}.teamIds`, message: `unknown team ${id}` }]);
      }
    }
    const before = await store.sso.settings();
    const { clientSecret, ...rest } = oidc ?? { clientSecret: undefined };
    const secret = clientSecret === undefined ? (before.oidc?.clientSecret ?? null) : clientSecret;
    let storedLdap = null;
    if (ldap !== null) {
      const host = new URL(ldap.url).hostname;
      if (ldap.url.startsWith('ldap://') && !ldap.startTls && !['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
        throw badRequest('ldap:// without StartTLS would send passwords in clear text; use ldaps:// or turn on StartTLS', [{ path: 'ldap.startTls', message: 'required for ldap:// to another host' }]);
      }
      const { bindPassword, ...ldapRest } = ldap;
      const password = bindPassword ?? before.ldap?.bindPassword;
      if (password === undefined) throw badRequest('the LDAP service account needs a password', [{ path: 'ldap.bindPassword', message: 'required' }]);
      storedLdap = { ...ldapRest, bindPassword: password };
    }
    const saved = await store.sso.saveSettings({ oidc: oidc === null ? null : { ...(rest as Omit<NonNullable<typeof oidc>, 'clientSecret'>), clientSecret: secret }, ldap: storedLdap, policy }, t.displayName);
    const view = signInSettingsView(saved);
    await store.audit.record(
      {
        actor: { kind: 'technician', id: t.id, name: t.displayName },
        action: 'settings.sign-in',
        target: { kind: 'settings', id: 'sign-in' },
        // Never the secrets themselves: only whether they changed.
        details: { before: signInSettingsView(before), after: view, clientSecretChanged: clientSecret !== undefined, bindPasswordChanged: ldap?.bindPassword !== undefined, teams: teamIds.length },
        ip: request.ip,
      },
      store.clock(),
    );
    return view;
  });
};
