import type { HelpdeskSettingsView } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

function HelpdeskForm({ initial, onSaved }: { readonly initial: HelpdeskSettingsView; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [days, setDays] = useState(initial.autoCloseResolvedDays?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await client.saveHelpdeskSettings({ autoCloseResolvedDays: days.trim() === '' ? null : Number(days) });
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('helpdesk.settingsTitle')}>
      <div className="filters">
        <Field label={t('helpdesk.autoCloseDays')}>
          <input type="number" min={1} max={365} step={1} value={days} placeholder={t('helpdesk.autoCloseOff')} onChange={(e) => setDays(e.target.value)} />
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('helpdesk.save')}
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

/** The server's helpdesk settings, beside the fleet settings pushed to devices. */
export function HelpdeskSettingsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('helpdesk-settings', (signal) => client.helpdeskSettings(signal));
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel" aria-labelledby="admin-helpdesk">
      <h2 id="admin-helpdesk">{t('helpdesk.settingsTitle')}</h2>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <HelpdeskForm
          key={res.data.updatedAt ?? 'default'}
          initial={res.data}
          onSaved={() => {
            setSaved(true);
            res.reload();
          }}
        />
      )}
      {saved && (
        <p className="small" role="status">
          {t('helpdesk.saved')}
        </p>
      )}
    </section>
  );
}
