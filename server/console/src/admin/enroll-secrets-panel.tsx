import type { EnrollSecretCreated } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { OneTimeSecret } from '../components/one-time-secret.js';
import { EmptyState, ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

export function EnrollSecretsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('enroll-secrets', (signal) => client.enrollSecrets(signal));
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [created, setCreated] = useState<EnrollSecretCreated | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await client.createEnrollSecret({
        label: label.trim(),
        ...(days !== '' ? { expiresInDays: Number(days) } : {}),
        ...(maxUses !== '' ? { maxUses: Number(maxUses) } : {}),
      });
      setCreated(result);
      setLabel('');
      setDays('');
      setMaxUses('');
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const revoke = async (id: string, name: string) => {
    if (!window.confirm(t('admin.confirmRevoke', { label: name }))) return;
    setError(null);
    try {
      await client.revokeEnrollSecret(id);
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-secrets">
      <h2 id="admin-secrets">{t('admin.enrollSecrets')}</h2>
      <p className="small muted">{t('admin.enrollHelp')}</p>
      {created !== null && <OneTimeSecret heading={t('admin.secretCreated', { label: created.secret.label })} value={created.value} valueLabel={t('admin.secretValue')} onDone={() => setCreated(null)} />}
      <form className="filters" onSubmit={(e) => void submit(e)} aria-label={t('admin.createSecret')}>
        <Field label={t('admin.label')} className="grow">
          <input type="text" required maxLength={256} value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('admin.labelPlaceholder')} />
        </Field>
        <Field label={t('admin.expiresInDays')}>
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} placeholder={t('admin.never')} />
        </Field>
        <Field label={t('admin.maxUses')}>
          <input type="number" min={1} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} placeholder={t('admin.unlimited')} />
        </Field>
        <button type="submit" className="btn btn-primary">
          {t('admin.createSecret')}
        </button>
      </form>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && res.data.items.length === 0 && <EmptyState>{t('admin.noSecrets')}</EmptyState>}
      {res.state === 'ready' && res.data.items.length > 0 && (
        <table className="data compact" aria-label={t('admin.enrollSecrets')}>
          <thead>
            <tr>
              <th>{t('admin.label')}</th>
              <th>{t('admin.prefix')}</th>
              <th>{t('admin.state')}</th>
              <th className="num">{t('admin.uses')}</th>
              <th>{t('admin.expires')}</th>
              <th>{t('admin.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((s) => (
              <tr key={s.id}>
                <td>{s.label}</td>
                <td className="mono">{s.prefix}…</td>
                <td>
                  <span className={`badge ${s.state === 'active' ? 'ok' : ''}`}>{t(`secretState.${s.state}`)}</span>
                </td>
                <td className="num">
                  {s.uses}
                  {s.maxUses !== null && ` / ${s.maxUses}`}
                </td>
                <td>{s.expiresAt === null ? t('admin.never') : <DateText iso={s.expiresAt} />}</td>
                <td>
                  <DateText iso={s.createdAt} /> <span className="small muted">{s.createdBy}</span>
                </td>
                <td>
                  {s.state === 'active' && (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(s.id, s.label)}>
                      {t('admin.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
