import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { backupTone } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { SectionFrame } from './section-frame.js';

export function BackupTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t } = useTranslation();
  const inv = detail.inventory;
  return (
    <SectionFrame title={t('device.tabs.backup')} section={inv?.sections.backup} updatedAt={inv?.sectionUpdatedAt.backup}>
      {(b) => (
        <>
          <p>
            {t('device.backupOverall')} <span className={`badge ${backupTone(b.overall)}`}>{t(`backupState.${b.overall}`)}</span>{' '}
            <span className="small muted">{t('device.staleAfter', { count: b.staleAfterDays })}</span>
          </p>
          {b.mechanisms.length === 0 ? (
            <p className="muted">{t('device.noBackup')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data compact">
                <thead>
                  <tr>
                    <th>{t('device.product')}</th>
                    <th>{t('device.state')}</th>
                    <th>{t('device.lastSuccess')}</th>
                    <th>{t('device.destination')}</th>
                    <th>{t('device.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.mechanisms.map((m) => (
                    <tr key={`${m.product}:${m.source}`}>
                      <td>{m.product}</td>
                      <td>
                        <span className={`badge ${backupTone(m.state)}`}>{t(`backupState.${m.state}`)}</span>
                      </td>
                      <td>
                        <DateText iso={m.lastSuccessAt} />
                      </td>
                      <td>{m.destination?.name ?? '—'}</td>
                      <td className="small">
                        {m.reason}
                        {m.missingPermission !== null && ` — ${t('device.missingPermission', { permission: m.missingPermission })}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </SectionFrame>
  );
}
