import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { formatBytes, formatPercent } from '../format/numbers.js';
import { SectionFrame } from './section-frame.js';

export function StorageTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const inv = detail.inventory;
  return (
    <SectionFrame title={t('device.tabs.storage')} section={inv?.sections.storage} updatedAt={inv?.sectionUpdatedAt.storage}>
      {(st) => (
        <>
          <h3>{t('device.volumes')}</h3>
          <div className="table-wrap">
            <table className="data compact">
              <thead>
                <tr>
                  <th>{t('device.mount')}</th>
                  <th>{t('device.filesystem')}</th>
                  <th className="num">{t('device.size')}</th>
                  <th className="num">{t('device.free')}</th>
                  <th className="num">{t('devices.freeDisk')}</th>
                </tr>
              </thead>
              <tbody>
                {st.volumes.map((v) => {
                  const low = v.freePercent != null && v.freePercent <= 10 && v.removable !== true;
                  return (
                    <tr key={v.mount}>
                      <td className="mono">
                        {v.mount} {v.system && <span className="badge info">{t('device.system')}</span>}
                      </td>
                      <td>{v.filesystem ?? '—'}</td>
                      <td className="num">{formatBytes(v.sizeBytes, lang)}</td>
                      <td className="num">{formatBytes(v.freeBytes, lang)}</td>
                      <td className="num">
                        <span className={low ? 'badge bad' : undefined}>{formatPercent(v.freePercent, lang)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h3 style={{ marginTop: 12 }}>{t('device.disks')}</h3>
          <div className="table-wrap">
            <table className="data compact">
              <thead>
                <tr>
                  <th>{t('device.disk')}</th>
                  <th>{t('device.type')}</th>
                  <th className="num">{t('device.size')}</th>
                  <th>{t('device.smart')}</th>
                </tr>
              </thead>
              <tbody>
                {st.disks.map((d, i) => (
                  <tr key={d.device ?? i}>
                    <td>
                      {d.model ?? '—'} <span className="muted mono small">{d.device}</span>
                    </td>
                    <td>{d.type}</td>
                    <td className="num">{formatBytes(d.sizeBytes, lang)}</td>
                    <td>
                      <span className={`badge ${d.smartStatus === 'ok' ? 'ok' : d.smartStatus === 'failing' ? 'bad' : d.smartStatus === 'warning' ? 'warn' : ''}`}>
                        {t(`smart.${d.smartStatus}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </SectionFrame>
  );
}
