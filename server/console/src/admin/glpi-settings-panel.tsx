import type { GlpiForwardingView } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function GlpiForm({ initial, onSaved }: { readonly initial: GlpiForwardingView; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [url, setUrl] = useState(initial.url ?? '');
  const [username, setUsername] = useState(initial.username ?? '');
  // Write-only: the stored password is never sent back; an empty field keeps it.
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [compress, setCompress] = useState(initial.compress);
  const [tag, setTag] = useState(initial.tag ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await client.saveGlpiSettings({
        enabled,
        url: orNull(url),
        username: orNull(username),
        ...(removePassword ? { password: null } : password !== '' ? { password } : {}),
        compress,
        tag: orNull(tag),
      });
      setPassword('');
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('glpi.title')}>
      <p className="small muted">{t('glpi.intro')}</p>
      <label className="row">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('glpi.enabled')}
      </label>
      <div className="filters">
        <Field label={t('glpi.url')}>
          <input type="url" value={url} placeholder="https://glpi.example/front/inventory.php" title={t('glpi.urlHint')} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field label={t('glpi.username')}>
          <input type="text" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field label={t('glpi.password')}>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            disabled={removePassword}
            placeholder={initial.passwordSet ? t('glpi.passwordKept') : ''}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field label={t('glpi.tag')}>
          <input type="text" value={tag} onChange={(e) => setTag(e.target.value)} />
        </Field>
      </div>
      <div className="row">
        <label>
          <input type="checkbox" checked={compress} onChange={(e) => setCompress(e.target.checked)} /> {t('glpi.compress')}
        </label>
        {initial.passwordSet && (
          <label>
            <input type="checkbox" checked={removePassword} onChange={(e) => setRemovePassword(e.target.checked)} /> {t('glpi.removePassword')}
          </label>
        )}
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('glpi.save')}
        </button>
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

function GlpiStatus({ view }: { readonly view: GlpiForwardingView }) {
  const { t } = useTranslation();
  const { status } = view;
  return (
    <dl className="small" aria-label={t('glpi.status')}>
      <dt>{t('glpi.lastSuccess')}</dt>
      <dd>{status.lastSuccessAt === null ? t('glpi.never') : <DateText iso={status.lastSuccessAt} />}</dd>
      {status.lastError !== null && (
        <>
          <dt>{t('glpi.lastError')}</dt>
          <dd className="inline-error">
            {status.lastErrorAt !== null && <DateText iso={status.lastErrorAt} />} {status.lastError}
          </dd>
        </>
      )}
      <dt>{t('glpi.status')}</dt>
      <dd>
        {t('glpi.pending', { count: status.pending })}
        {status.failing > 0 && <>; {t('glpi.failing', { count: status.failing })}</>}
        {status.dead > 0 && <>; {t('glpi.dead', { count: status.dead })}</>}
      </dd>
    </dl>
  );
}

/** Forwarding each device's inventory to GLPI: where, with which credentials, and how it is going. */
export function GlpiSettingsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('glpi-settings', (signal) => client.glpiSettings(signal));
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel" aria-labelledby="admin-glpi">
      <h2 id="admin-glpi">{t('glpi.title')}</h2>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <GlpiForm
            key={res.data.updatedAt ?? 'default'}
            initial={res.data}
            onSaved={() => {
              setSaved(true);
              res.reload();
            }}
          />
          <GlpiStatus view={res.data} />
        </>
      )}
      {saved && (
        <p className="small" role="status">
          {t('glpi.saved')}
        </p>
      )}
    </section>
  );
}
