import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { TriState } from '../components/badges.js';
import { formatBytes, formatNumber, formatPercent } from '../format/numbers.js';
import { SectionFrame } from './section-frame.js';

export function HardwareTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const inv = detail.inventory;
  return (
    <SectionFrame title={t('device.tabs.hardware')} section={inv?.sections.hardware} updatedAt={inv?.sectionUpdatedAt.hardware}>
      {(hw) => (
        <>
          <div className="grid-2">
            <div>
              <h3>{t('device.cpu')}</h3>
              <dl className="kv">
                <dt>{t('device.model')}</dt>
                <dd>{hw.cpu.model ?? '—'}</dd>
                <dt>{t('device.cores')}</dt>
                <dd>
                  {formatNumber(hw.cpu.cores, lang)} / {formatNumber(hw.cpu.threads, lang)}
                </dd>
                <dt>{t('device.speed')}</dt>
                <dd>{hw.cpu.baseSpeedMhz != null ? `${formatNumber(hw.cpu.baseSpeedMhz, lang)} MHz` : '—'}</dd>
              </dl>
            </div>
            <div>
              <h3>{t('device.firmware')}</h3>
              <dl className="kv">
                <dt>{t('device.bios')}</dt>
                <dd>{[hw.bios.vendor, hw.bios.version, hw.bios.releaseDate].filter(Boolean).join(' · ') || '—'}</dd>
                <dt>{t('device.firmwareType')}</dt>
                <dd>{hw.bios.firmwareType}</dd>
                <dt>{t('device.baseboard')}</dt>
                <dd>{[hw.baseboard.manufacturer, hw.baseboard.model].filter(Boolean).join(' ') || '—'}</dd>
              </dl>
            </div>
          </div>
          <h3 style={{ marginTop: 12 }}>
            {t('device.memory')}: {formatBytes(hw.memory.totalBytes, lang)}
          </h3>
          {hw.memory.modules.length > 0 && (
            <div className="table-wrap">
              <table className="data compact">
                <thead>
                  <tr>
                    <th>{t('device.slot')}</th>
                    <th className="num">{t('device.size')}</th>
                    <th>{t('device.type')}</th>
                    <th className="num">{t('device.speed')}</th>
                    <th>{t('device.manufacturer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {hw.memory.modules.map((m, i) => (
                    <tr key={i}>
                      <td>{m.slot ?? '—'}</td>
                      <td className="num">{formatBytes(m.sizeBytes, lang)}</td>
                      <td>{m.type ?? '—'}</td>
                      <td className="num">{m.speedMhz != null ? `${m.speedMhz} MHz` : '—'}</td>
                      <td>{m.manufacturer ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {hw.gpus.length > 0 && (
            <>
              <h3 style={{ marginTop: 12 }}>{t('device.gpus')}</h3>
              <ul>
                {hw.gpus.map((g, i) => (
                  <li key={i}>
                    {[g.vendor, g.model].filter(Boolean).join(' ') || '—'} {g.vramBytes != null && `(${formatBytes(g.vramBytes, lang)})`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {hw.displays.length > 0 && (
            <>
              <h3 style={{ marginTop: 12 }}>{t('device.displays')}</h3>
              <ul>
                {hw.displays.map((d, i) => (
                  <li key={i}>
                    {[d.vendor, d.model].filter(Boolean).join(' ') || '—'} {d.widthPx != null && d.heightPx != null && `${d.widthPx}×${d.heightPx}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {hw.batteries.length > 0 && (
            <>
              <h3 style={{ marginTop: 12 }}>{t('device.batteries')}</h3>
              <dl className="kv">
                {hw.batteries.map((b, i) => (
                  <div key={i} style={{ display: 'contents' }}>
                    <dt>{b.model ?? t('device.battery')}</dt>
                    <dd>
                      {t('device.batteryHealth', { health: formatPercent(b.healthPercent, lang), cycles: formatNumber(b.cycleCount, lang) })}{' '}
                      <TriState value={b.charging} on={t('device.charging')} off={t('device.notCharging')} />
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      )}
    </SectionFrame>
  );
}
