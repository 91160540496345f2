import type { HealthItem } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';


import { request } from '../../bridge';
import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { formatDateTime } from '../../format';
import { useRequest } from '../../use-request';

const COMMON = new Set(['not-checked', 'unsupported', 'permission']);

function messageKey(item: HealthItem, part: 'title' | 'action'): string {
  return COMMON.has(item.code) ? `health.common.${item.code}.${part}` : `health.${item.topic}.${item.code}.${part}`;
}

/** Dates in the message parameters, in the reader's language. */
function localised(params: HealthItem['params'], language: string): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === 'last' && typeof v === 'string' && v !== '' ? formatDateTime(v, language) : v]));
}

/** My device: each health topic in plain words, with what to do. */
export function DeviceView() {
  const { t, i18n } = useTranslation();
  const [health, reload] = useRequest('device:get-health');
  const [sync, setSync] = useState<{ ok: boolean; error: string | null } | 'running' | null>(null);

  const syncNow = async () => {
    setSync('running');
    try {
      setSync(await request('sync:now'));
      await reload();
    } catch (e) {
      setSync({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="view">
      <ViewHeading>{t('device.title')}</ViewHeading>
      <p>{t('device.intro')}</p>
      <div className="toolbar">
        <button type="button" onClick={() => void syncNow()} disabled={sync === 'running'}>
          {sync === 'running' ? t('device.syncing') : t('device.syncNow')}
        </button>
        <span role="status" aria-live="polite">
          {sync && sync !== 'running' ? (sync.ok ? t('device.syncOk') : t('device.syncFailed', { message: sync.error ?? '' })) : null}
        </span>
      </div>
      {health.state === 'loading' ? <p role="status">{t('device.checking')}</p> : null}
      {health.state === 'failed' ? <ErrorBox message={health.message} onRetry={() => void reload()} /> : null}
      {health.state === 'ready' ? (
        <>
          <p className={`overall overall-${health.value.overall}`}>{t(`device.overall.${health.value.overall}`)}</p>
          <ul className="health-list">
            {health.value.items.map((item) => {
              const params = localised(item.params, i18n.language);
              return (
                <li key={item.topic} className={`health health-${item.level}`}>
                  <span className="health-mark" aria-hidden="true" />
                  <div>
                    <h2>
                      {t(`device.topics.${item.topic}`)} <span className="pill">{t(`device.level.${item.level}`)}</span>
                    </h2>
                    <p>{t(messageKey(item, 'title'), params)}</p>
                    <p className="hint">{t(messageKey(item, 'action'), params)}</p>
                    {item.asOf && item.topic !== 'inventory' && item.topic !== 'network' ? <p className="hint small">{t('device.asOf', { when: formatDateTime(item.asOf, i18n.language) })}</p> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}
