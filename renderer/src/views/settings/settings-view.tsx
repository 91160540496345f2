import { UI_LANGUAGES, type UserSettingKey, type UserSettingsPatch } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';


import { request } from '../../bridge';
import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { useRequest } from '../../use-request';

/** The user's own settings; those set by policy are shown but cannot be changed. */
export function SettingsView() {
  const { t, i18n } = useTranslation();
  const [view, reload, setView] = useRequest('settings:get');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (view.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (view.state === 'failed') return <ErrorBox message={view.message} onRetry={() => void reload()} />;
  const { values, locked, serverUrl, shortcut } = view.value;
  const isLocked = (k: UserSettingKey) => locked.includes(k);
  const save = async (patch: UserSettingsPatch) => {
    setSaved(false);
    setError(null);
    try {
      const next = await request('settings:update', patch);
      setView(next);
      setSaved(true);
      if (patch.language !== undefined) {
        const info = await request('app:get-info');
        await i18n.changeLanguage(info.language);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const lockNote = (k: UserSettingKey) => (isLocked(k) ? <span className="hint"> ({t('settings.locked')})</span> : null);

  return (
    <div className="view">
      <ViewHeading>{t('settings.title')}</ViewHeading>
      <form onSubmit={(e) => e.preventDefault()}>
        <label className="check">
          <input type="checkbox" checked={values.startAtLogin} disabled={isLocked('startAtLogin')} onChange={(e) => void save({ startAtLogin: e.target.checked })} />
          {t('settings.startAtLogin')}
          {lockNote('startAtLogin')}
        </label>
        <label className="check">
          <input type="checkbox" checked={values.notifications} disabled={isLocked('notifications')} onChange={(e) => void save({ notifications: e.target.checked })} />
          {t('settings.notifications')}
          {lockNote('notifications')}
        </label>
        <div className="field">
          <label htmlFor="settings-language">
            {t('settings.language')}
            {lockNote('language')}
          </label>
          <select
            id="settings-language"
            value={values.language}
            disabled={isLocked('language')}
            onChange={(e) => void save({ language: e.target.value as UserSettingsPatch['language'] })}
          >
            {(['system', ...UI_LANGUAGES] as const).map((l) => (
              <option key={l} value={l}>
                {t(`settings.languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p>{shortcut ? t('settings.shortcut', { shortcut }) : t('settings.noShortcut')}</p>
      <p>{serverUrl ? t('settings.server', { url: serverUrl }) : t('settings.noServer')}</p>
      <p role="status" aria-live="polite">
        {saved ? t('settings.saved') : null}
      </p>
      {error ? <ErrorBox message={error} /> : null}
    </div>
  );
}
