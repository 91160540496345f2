import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** The technician's own named queue views: open one, save the current filters under a name, delete one. */
export function SavedViews() {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const location = useLocation();
  const res = useResource('saved-views', (signal) => client.savedViews(signal));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const views = res.data?.items ?? [];
  const current = views.find((v) => `?${v.query}` === location.search || (v.query === '' && location.search === ''));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await client.saveView({ name: name.trim(), query: location.search });
      setName('');
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <div className="row" role="group" aria-label={t('helpdesk.savedViews')}>
      {views.length > 0 && (
        <Field label={t('helpdesk.chooseView')}>
          <select
            value={current?.id ?? ''}
            onChange={(e) => {
              const view = views.find((v) => v.id === e.target.value);
              if (view) void navigate(`/queue${view.query === '' ? '' : `?${view.query}`}`);
            }}
          >
            <option value="">—</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {current !== undefined && (
        <button type="button" className="btn" onClick={() => void client.deleteView(current.id).then(res.reload, () => undefined)}>
          {t('helpdesk.deleteView', { name: current.name })}
        </button>
      )}
      <form className="row" onSubmit={(e) => void save(e)}>
        <Field label={t('helpdesk.viewName')}>
          <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="btn" disabled={name.trim() === ''}>
          {t('helpdesk.saveView')}
        </button>
      </form>
      {error !== null && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
