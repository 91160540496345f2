import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { TriState } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { formatPercent } from '../format/numbers.js';
import { ProtectionSummaryPanel } from './protection-summary-panel.js';
import { SectionFrame } from './section-frame.js';

export function ProtectionTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t, i18n } = useTranslation();
  const inv = detail.inventory;
  const s = inv?.sections;
  return (
    <>
      <ProtectionSummaryPanel detail={detail} />
      <SectionFrame title={t('device.antivirus')} section={s?.antivirus} updatedAt={inv?.sectionUpdatedAt.antivirus}>
        {(av) =>
          av.products.length === 0 ? (
            <p className="inline-error">{t('device.noAntivirus')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data compact">
                <thead>
                  <tr>
                    <th>{t('device.product')}</th>
                    <th>{t('device.enabled')}</th>
                    <th>{t('device.realtime')}</th>
                    <th>{t('device.signaturesCurrent')}</th>
                    <th>{t('device.signaturesUpdated')}</th>
                    <th>{t('device.mode')}</th>
                  </tr>
                </thead>
                <tbody>
                  {av.products.map((p) => (
                    <tr key={p.name}>
                      <td>
                        {p.name} <span className="small muted">{p.version}</span>
                      </td>
                      <td>
                        <TriState value={p.enabled} />
                      </td>
                      <td>
                        <TriState value={p.realtimeProtection} />
                      </td>
                      <td>
                        <TriState value={p.signaturesUpToDate} />
                      </td>
                      <td>
                        <DateText iso={p.signaturesUpdatedAt} />
                      </td>
                      <td>{p.mode}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </SectionFrame>
      <div className="grid-2">
        <SectionFrame title={t('device.firewall')} section={s?.firewall} updatedAt={inv?.sectionUpdatedAt.firewall}>
          {(fw) => (
            <dl className="kv">
              <dt>{t('device.enabled')}</dt>
              <dd>
                <TriState value={fw.enabled} />
              </dd>
              {[...fw.profiles, ...fw.products].map((p) => (
                <div key={p.name} style={{ display: 'contents' }}>
                  <dt>{p.name}</dt>
                  <dd>
                    <TriState value={p.enabled} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </SectionFrame>
        <SectionFrame title={t('device.encryption')} section={s?.encryption} updatedAt={inv?.sectionUpdatedAt.encryption}>
          {(enc) => (
            <>
              <p>
                {t('device.systemVolumeProtected')} <TriState value={enc.systemVolumeProtected} />
              </p>
              <ul className="small">
                {enc.volumes.map((v) => (
                  <li key={v.mount}>
                    <span className="mono">{v.mount}</span> — {v.method} <TriState value={v.encrypted} /> {v.status ?? ''}{' '}
                    {v.percentEncrypted != null && formatPercent(v.percentEncrypted, i18n.language)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </SectionFrame>
      </div>
      <SectionFrame title={t('device.updates')} section={s?.updates} updatedAt={inv?.sectionUpdatedAt.updates}>
        {(up) => (
          <dl className="kv">
            <dt>{t('device.lastUpdate')}</dt>
            <dd>
              {up.lastInstalled?.title ?? '—'} <DateText iso={up.lastInstalled?.at} />
            </dd>
            <dt>{t('device.automaticUpdates')}</dt>
            <dd>
              <TriState value={up.automaticUpdates} />
            </dd>
            <dt>{t('device.pendingReboot')}</dt>
            <dd>
              {up.pendingReboot === true ? <span className="badge warn">{t('common.yes')}</span> : <TriState value={up.pendingReboot === null ? null : !up.pendingReboot} on={t('common.no')} off={t('common.yes')} />}
              {up.pendingRebootReasons.length > 0 && <span className="small muted"> {up.pendingRebootReasons.join(', ')}</span>}
            </dd>
            <dt>{t('device.pendingUpdates')}</dt>
            <dd>
              {up.pendingUpdates ?? '—'} {up.pendingSecurityUpdates != null && t('device.securityUpdates', { count: up.pendingSecurityUpdates })}
            </dd>
          </dl>
        )}
      </SectionFrame>
    </>
  );
}
