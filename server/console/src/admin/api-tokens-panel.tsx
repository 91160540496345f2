import type { ApiToken, ApiTokenCreated, ApiTokenScope } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { OneTimeSecret } from '../components/one-time-secret.js';
import { EmptyState, ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useTechnicianOptions } from '../pages/use-technician-options.js';
import { useClient } from '../session/session-context.js';

type TokenState = 'active' | 'expired' | 'revoked';

function stateOf(token: ApiToken, now: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** End of the chosen day in the browser's time zone, so "expires on 31 March" includes 31 March. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59.999`).toISOString();
}

/** API tokens for scripts and reporting tools: issued for a technician, shown once, revocable. */
export function ApiTokensPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('api-tokens', (signal) => client.access.apiTokens(signal));
  const technicians = useTechnicianOptions();
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await client.access.createApiToken({ name: name.trim(), technicianId: owner, scope, expiresAt: expires === '' ? null : endOfDay(expires) });
      setCreated(result);
      setName('');
      setExpires('');
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const revoke = async (token: ApiToken) => {
    if (!window.confirm(t('apiTokens.confirmRevoke', { name: token.name }))) return;
    setError(null);
    try {
      await client.access.revokeApiToken(token.id);
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const now = Date.now();

  return (
    <section className="panel" aria-labelledby="admin-api-tokens">
      <h2 id="admin-api-tokens">{t('apiTokens.title')}</h2>
      <p className="small muted">{t('apiTokens.help')}</p>
      {created !== null && <OneTimeSecret heading={t('apiTokens.created', { name: created.apiToken.name })} value={created.token} valueLabel={t('apiTokens.value')} onDone={() => setCreated(null)} />}
      <form className="filters" onSubmit={(e) => void submit(e)} aria-label={t('apiTokens.create')}>
        <Field label={t('apiTokens.name')} className="grow">
          <input type="text" required maxLength={256} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('apiTokens.namePlaceholder')} />
        </Field>
        <Field label={t('apiTokens.owner')}>
          <select required value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{t('apiTokens.chooseOwner')}</option>
            {technicians.map((tech) => (
              <option key={tech.id} value={tech.id}>
                {tech.displayName}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('apiTokens.scope')}>
          <select value={scope} onChange={(e) => setScope(e.target.value as ApiTokenScope)}>
            <option value="read">{t('apiTokens.scopes.read')}</option>
            <option value="read-write">{t('apiTokens.scopes.read-write')}</option>
          </select>
        </Field>
        <Field label={t('apiTokens.expiresOn')}>
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={owner === '' || name.trim() === ''}>
          {t('apiTokens.create')}
        </button>
      </form>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && res.data.items.length === 0 && <EmptyState>{t('apiTokens.none')}</EmptyState>}
      {res.state === 'ready' && res.data.items.length > 0 && (
        <table className="data compact" aria-label={t('apiTokens.title')}>
          <thead>
            <tr>
              <th>{t('apiTokens.name')}</th>
              <th>{t('admin.prefix')}</th>
              <th>{t('apiTokens.owner')}</th>
              <th>{t('apiTokens.scope')}</th>
              <th>{t('admin.state')}</th>
              <th>{t('apiTokens.lastUsed')}</th>
              <th>{t('admin.expires')}</th>
              <th>{t('admin.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((token) => {
              const state = stateOf(token, now);
              return (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td className="mono">{token.hint}…</td>
                  <td>{token.technician.displayName}</td>
                  <td>{t(`apiTokens.scopes.${token.scope}`)}</td>
                  <td>
                    <span className={`badge ${state === 'active' ? 'ok' : ''}`}>{t(`apiTokens.states.${state}`)}</span>
                  </td>
                  <td>
                    {token.lastUsedAt === null ? (
                      t('apiTokens.neverUsed')
                    ) : (
                      <>
                        <DateText iso={token.lastUsedAt} /> <span className="small muted">{token.lastUsedIp}</span>
                      </>
                    )}
                  </td>
                  <td>{token.expiresAt === null ? t('admin.never') : <DateText iso={token.expiresAt} />}</td>
                  <td>
                    <DateText iso={token.createdAt} /> <span className="small muted">{token.createdBy}</span>
                  </td>
                  <td>
                    {state === 'active' && (
                      <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(token)}>
                        {t('admin.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
