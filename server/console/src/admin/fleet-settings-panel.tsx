import { CATEGORIES, SETTING_BOUNDS, type Category, type FleetSettings, type PushedSettings } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

type NumberKey = keyof typeof SETTING_BOUNDS;
const NUMBER_KEYS: readonly NumberKey[] = ['inventoryIntervalHours', 'checkinIntervalMinutes', 'backupStaleDays'];

/** Empty fields mean "agent default"; only what the admin filled in is pushed. */
function SettingsForm({ initial, onSaved }: { readonly initial: FleetSettings; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const s = initial.settings;
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>({
    inventoryIntervalHours: s.inventoryIntervalHours?.toString() ?? '',
    checkinIntervalMinutes: s.checkinIntervalMinutes?.toString() ?? '',
    backupStaleDays: s.backupStaleDays?.toString() ?? '',
  });
  const [disabled, setDisabled] = useState<ReadonlySet<Category>>(new Set(s.disabledCategories ?? []));
  const [screenshots, setScreenshots] = useState<'' | 'yes' | 'no'>(s.screenshotsAllowed === undefined ? '' : s.screenshotsAllowed ? 'yes' : 'no');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: { -readonly [K in keyof PushedSettings]: PushedSettings[K] } = {};
    for (const key of NUMBER_KEYS) {
      if (numbers[key] !== '') next[key] = Number(numbers[key]);
    }
    if (disabled.size > 0) next.disabledCategories = CATEGORIES.filter((c) => disabled.has(c));
    if (screenshots !== '') next.screenshotsAllowed = screenshots === 'yes';
    setError(null);
    try {
      await client.saveSettings(next);
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('admin.fleetSettings')}>
      <div className="filters">
        {NUMBER_KEYS.map((key) => (
          <Field key={key} label={t(`settings.${key}`)}>
            <input
              type="number"
              min={SETTING_BOUNDS[key].min}
              max={SETTING_BOUNDS[key].max}
              value={numbers[key]}
              placeholder={t('admin.defaultValue', { value: SETTING_BOUNDS[key].default })}
              onChange={(e) => setNumbers((n) => ({ ...n, [key]: e.target.value }))}
            />
          </Field>
        ))}
        <Field label={t('settings.screenshotsAllowed')}>
          <select value={screenshots} onChange={(e) => setScreenshots(e.target.value as '' | 'yes' | 'no')}>
            <option value="">{t('admin.agentDefault')}</option>
            <option value="yes">{t('common.yes')}</option>
            <option value="no">{t('common.no')}</option>
          </select>
        </Field>
      </div>
      <fieldset style={{ border: '1px solid var(--line)', borderRadius: 6, marginBottom: 10 }}>
        <legend className="small muted">{t('settings.disabledCategories')}</legend>
        <div className="row">
          {CATEGORIES.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                checked={disabled.has(c)}
                onChange={(e) =>
                  setDisabled((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.add(c);
                    else next.delete(c);
                    return next;
                  })
                }
              />{' '}
              {t(`categories.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('admin.saveSettings')}
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

export function FleetSettingsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('settings', (signal) => client.settings(signal));
  // Kept here: the form is re-created from the saved values, and the notice must outlive it.
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel" aria-labelledby="admin-settings">
      <h2 id="admin-settings">{t('admin.fleetSettings')}</h2>
      <p className="small muted">{t('admin.settingsHelp')}</p>
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && (
        <SettingsForm
          key={res.data.updatedAt ?? 'none'}
          initial={res.data}
          onSaved={() => {
            setSaved(true);
            res.reload();
          }}
        />
      )}
      {saved && (
        <p role="status" className="small">
          {t('admin.saved')}
        </p>
      )}
    </section>
  );
}
