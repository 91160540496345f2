import type { GroupMapping, Role, SignInSettingsUpdate, SignInSettingsView, TeamList } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const ROLE_CHOICES: readonly (Role | '')[] = ['', 'technician', 'admin'];

function MappingRow({ mapping, teams, index, onChange, onRemove }: { readonly mapping: GroupMapping; readonly teams: TeamList['items']; readonly index: number; readonly onChange: (m: GroupMapping) => void; readonly onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <input type="text" required maxLength={512} aria-label={t('signInSettings.groupOf', { n: index + 1 })} value={mapping.group} onChange={(e) => onChange({ ...mapping, group: e.target.value })} />
      </td>
      <td>
        <select aria-label={t('signInSettings.roleOf', { n: index + 1 })} value={mapping.role ?? ''} onChange={(e) => onChange({ ...mapping, role: e.target.value === '' ? null : (e.target.value as Role) })}>
          {ROLE_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r === '' ? t('signInSettings.noRole') : t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {teams.map((team) => (
          <label key={team.id} className="small" style={{ marginRight: '0.75rem' }}>
            <input
              type="checkbox"
              checked={mapping.teamIds.includes(team.id)}
              onChange={(e) => onChange({ ...mapping, teamIds: e.target.checked ? [...mapping.teamIds, team.id] : mapping.teamIds.filter((id) => id !== team.id) })}
            />{' '}
            {team.name}
          </label>
        ))}
      </td>
      <td>
        <button type="button" className="btn btn-small" onClick={onRemove}>
          {t('signInSettings.remove')}
        </button>
      </td>
    </tr>
  );
}

function SignInForm({ initial, teams, onSaved }: { readonly initial: SignInSettingsView; readonly teams: TeamList['items']; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const o = initial.oidc;
  const [enabled, setEnabled] = useState(o?.enabled ?? false);
  const [displayName, setDisplayName] = useState(o?.displayName ?? '');
  const [issuer, setIssuer] = useState(o?.issuer ?? '');
  const [clientId, setClientId] = useState(o?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState(o?.scopes ?? 'openid profile email');
  const [usernameClaim, setUsernameClaim] = useState(o?.usernameClaim ?? 'preferred_username');
  const [groupsClaim, setGroupsClaim] = useState(o?.groupsClaim ?? 'groups');
  const l = initial.ldap;
  const [ldapEnabled, setLdapEnabled] = useState(l?.enabled ?? false);
  const [ldapUrl, setLdapUrl] = useState(l?.url ?? '');
  const [startTls, setStartTls] = useState(l?.startTls ?? false);
  const [caCertificate, setCaCertificate] = useState(l?.caCertificate ?? '');
  const [bindDn, setBindDn] = useState(l?.bindDn ?? '');
  const [bindPassword, setBindPassword] = useState('');
  const [userBase, setUserBase] = useState(l?.userBase ?? '');
  const [userFilter, setUserFilter] = useState(l?.userFilter ?? '(&(objectClass=person)(|(uid={username})(sAMAccountName={username})(userPrincipalName={username})))');
  const [usernameAttribute, setUsernameAttribute] = useState(l?.usernameAttribute ?? 'uid');
  const [displayNameAttribute, setDisplayNameAttribute] = useState(l?.displayNameAttribute ?? 'cn');
  const [groupBase, setGroupBase] = useState(l?.groupBase ?? '');
  const ldapConfigured = ldapUrl.trim() !== '';
  const [createTechnicians, setCreateTechnicians] = useState(initial.policy.createTechnicians);
  const [defaultRole, setDefaultRole] = useState<Role | null>(initial.policy.defaultRole);
  const [mappings, setMappings] = useState<GroupMapping[]>(initial.policy.mappings);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const configured = issuer.trim() !== '' || clientId.trim() !== '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await client.access.saveSignInSettings({
        oidc: configured
          ? { enabled, displayName: displayName.trim(), issuer: issuer.trim(), clientId: clientId.trim(), scopes: scopes.trim(), usernameClaim: usernameClaim.trim(), groupsClaim: groupsClaim.trim(), ...(clientSecret !== '' ? { clientSecret } : {}) }
          : null,
        ldap: ldapConfigured
          ? {
              enabled: ldapEnabled,
              url: ldapUrl.trim(),
              startTls,
              caCertificate: caCertificate.trim() === '' ? null : caCertificate.trim(),
              bindDn: bindDn.trim(),
              userBase: userBase.trim(),
              userFilter: userFilter.trim(),
              usernameAttribute: usernameAttribute.trim(),
              displayNameAttribute: displayNameAttribute.trim(),
              groupBase: groupBase.trim() === '' ? null : groupBase.trim(),
              ...(l !== null ? { groupFilter: l.groupFilter, groupNameAttribute: l.groupNameAttribute } : {}),
              ...(bindPassword !== '' ? { bindPassword } : {}),
            }
          : null,
        policy: { createTechnicians, defaultRole, mappings: mappings.map((m) => ({ ...m, group: m.group.trim() })) },
      } satisfies SignInSettingsUpdate);
      setClientSecret('');
      setBindPassword('');
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('signInSettings.title')}>
      <h3>{t('signInSettings.oidc')}</h3>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('signInSettings.enabled')}
      </label>
      <div className="filters">
        <Field label={t('signInSettings.displayName')}>
          <input type="text" maxLength={64} required={configured} value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="Entra ID" />
        </Field>
        <Field label={t('signInSettings.issuer')} className="grow">
          <input type="url" maxLength={512} required={configured} value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder="https://login.microsoftonline.com/…/v2.0" />
        </Field>
        <Field label={t('signInSettings.clientId')}>
          <input type="text" maxLength={256} required={configured} value={clientId} onChange={(e) => setClientId(e.target.value)} />
        </Field>
        <Field label={t('signInSettings.clientSecret')}>
          <input type="password" autoComplete="off" maxLength={1024} value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} placeholder={o?.clientSecretSet === true ? t('signInSettings.secretKept') : ''} />
        </Field>
        <Field label={t('signInSettings.scopes')}>
          <input type="text" maxLength={256} value={scopes} onChange={(e) => setScopes(e.target.value)} />
        </Field>
        <Field label={t('signInSettings.usernameClaim')}>
          <input type="text" maxLength={64} value={usernameClaim} onChange={(e) => setUsernameClaim(e.target.value)} />
        </Field>
        <Field label={t('signInSettings.groupsClaim')}>
          <input type="text" maxLength={64} value={groupsClaim} onChange={(e) => setGroupsClaim(e.target.value)} />
        </Field>
      </div>
      <p className="small muted">{t('signInSettings.redirectHelp', { url: `${window.location.origin}/api/v1/console/sso/oidc/callback` })}</p>
      <h3>{t('signInSettings.ldap')}</h3>
      <label>
        <input type="checkbox" checked={ldapEnabled} onChange={(e) => setLdapEnabled(e.target.checked)} /> {t('signInSettings.ldapEnabled')}
      </label>
      <div className="filters">
        <Field label={t('signInSettings.ldapUrl')} className="grow">
          <input type="text" maxLength={512} value={ldapUrl} onChange={(e) => setLdapUrl(e.target.value)} placeholder="ldaps://dc1.example.com:636" />
        </Field>
        <label>
          <input type="checkbox" checked={startTls} onChange={(e) => setStartTls(e.target.checked)} /> {t('signInSettings.startTls')}
        </label>
        <Field label={t('signInSettings.bindDn')} className="grow">
          <input type="text" maxLength={512} required={ldapConfigured} value={bindDn} onChange={(e) => setBindDn(e.target.value)} placeholder="CN=deskside,OU=Service Accounts,DC=example,DC=com" />
        </Field>
        <Field label={t('signInSettings.bindPassword')}>
          <input type="password" autoComplete="off" maxLength={1024} value={bindPassword} onChange={(e) => setBindPassword(e.target.value)} placeholder={l?.bindPasswordSet === true ? t('signInSettings.secretKept') : ''} />
        </Field>
        <Field label={t('signInSettings.userBase')} className="grow">
          <input type="text" maxLength={512} required={ldapConfigured} value={userBase} onChange={(e) => setUserBase(e.target.value)} placeholder="OU=Staff,DC=example,DC=com" />
        </Field>
        <Field label={t('signInSettings.userFilter')} className="grow">
          <input type="text" maxLength={512} value={userFilter} onChange={(e) => setUserFilter(e.target.value)} />
        </Field>
        <Field label={t('signInSettings.usernameAttribute')}>
          <input type="text" maxLength={64} value={usernameAttribute} onChange={(e) => setUsernameAttribute(e.target.value)} />
        </Field>
        <Field label={t('signInSettings.displayNameAttribute')}>
          <input type="text" maxLength={64} value={displayNameAttribute} onChange={(e) => setDisplayNameAttribute(e.target.value)} />
        </Field>
        <Field label={t('signInSettings.groupBase')} className="grow">
          <input type="text" maxLength={512} value={groupBase} onChange={(e) => setGroupBase(e.target.value)} placeholder={t('signInSettings.memberOfOnly')} />
        </Field>
      </div>
      <Field label={t('signInSettings.caCertificate')}>
        <textarea rows={3} maxLength={20_000} value={caCertificate} onChange={(e) => setCaCertificate(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" className="mono" />
      </Field>
      <h3>{t('signInSettings.policy')}</h3>
      <label>
        <input type="checkbox" checked={createTechnicians} onChange={(e) => setCreateTechnicians(e.target.checked)} /> {t('signInSettings.createTechnicians')}
      </label>
      <Field label={t('signInSettings.defaultRole')}>
        <select value={defaultRole ?? ''} onChange={(e) => setDefaultRole(e.target.value === '' ? null : (e.target.value as Role))}>
          {ROLE_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r === '' ? t('signInSettings.refuse') : t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <table className="data compact" aria-label={t('signInSettings.mappings')}>
        <thead>
          <tr>
            <th>{t('signInSettings.group')}</th>
            <th>{t('signInSettings.role')}</th>
            <th>{t('signInSettings.teams')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {mappings.map((m, i) => (
            <MappingRow key={i} index={i} mapping={m} teams={teams} onChange={(next) => setMappings(mappings.map((x, j) => (j === i ? next : x)))} onRemove={() => setMappings(mappings.filter((_, j) => j !== i))} />
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="btn" onClick={() => setMappings([...mappings, { group: '', role: 'technician', teamIds: [] }])}>
          {t('signInSettings.addMapping')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('signInSettings.save')}
        </button>
        {saved && <span className="small">{t('signInSettings.saved')}</span>}
        {error !== null && (
          <span className="inline-error" role="alert">
            {error}
          </span>
        )}
        <span className="small muted">
          {initial.updatedAt !== null && (
            <>
              {t('admin.lastChanged')} <DateText iso={initial.updatedAt} /> {initial.updatedBy ?? ''}
            </>
          )}
        </span>
      </div>
    </form>
  );
}

/** Single sign-on: the OpenID provider, and which directory groups grant which role and teams. */
export function SignInSettingsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('sign-in-settings', async (signal) => ({ settings: await client.access.signInSettings(signal), teams: (await client.helpdesk.teams(signal)).items }));
  return (
    <section className="panel" aria-labelledby="admin-sign-in">
      <h2 id="admin-sign-in">{t('signInSettings.title')}</h2>
      <p className="small muted">{t('signInSettings.help')}</p>
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && <SignInForm initial={res.data.settings} teams={res.data.teams} onSaved={res.reload} />}
    </section>
  );
}
