import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { AvBadge, BackupBadge, TriState } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { formatBytes, formatDuration, formatPercent } from '../format/numbers.js';
import { osLabel } from '../pages/devices-page.js';
import { ProtectionSummaryPanel } from './protection-summary-panel.js';
import { RemoteAccessPanel } from './remote-access-panel.js';

export function OverviewTab({ detail }: { readonly detail: DeviceDetail }) {
  const { t, i18n } = useTranslation();
  const d = detail.device;
  const sys = detail.inventory?.sections.system?.data ?? null;
  const hw = detail.inventory?.sections.hardware?.data ?? null;
  const systemVolume = detail.inventory?.sections.storage?.data?.volumes.find((v) => v.system) ?? null;
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="ov-device">
        <h2 id="ov-device">{t('device.overview')}</h2>
        <dl className="kv">
          <dt>{t('devices.name')}</dt>
          <dd>{d.hostname}</dd>
          <dt>{t('devices.user')}</dt>
          <dd>{d.loggedInUser ?? '—'}</dd>
          <dt>{t('devices.tag')}</dt>
          <dd>{d.tag === null ? '—' : <Link to={`/devices?tag=${encodeURIComponent(d.tag)}`} title={t('devices.filterByTag', { tag: d.tag })}>{d.tag}</Link>}</dd>
          <dt>{t('devices.os')}</dt>
          <dd>
            {osLabel(d)}
            {sys?.os.build ? ` (${sys.os.build})` : ''} {sys?.os.arch ?? ''}
          </dd>
          <dt>{t('device.model')}</dt>
          <dd>{[d.manufacturer, d.model].filter(Boolean).join(' ') || '—'}</dd>
          <dt>{t('device.serial')}</dt>
          <dd className="mono">{d.serial ?? '—'}</dd>
          <dt>{t('devices.ip')}</dt>
          <dd className="mono">{d.ip ?? '—'}</dd>
          <dt>{t('device.domain')}</dt>
          <dd>{sys?.domain ?? sys?.workgroup ?? '—'}</dd>
          <dt>{t('device.cpu')}</dt>
          <dd>{hw?.cpu.model ?? '—'}</dd>
          <dt>{t('device.memory')}</dt>
          <dd>{hw ? formatBytes(hw.memory.totalBytes, i18n.language) : '—'}</dd>
          <dt>{t('device.systemDisk')}</dt>
          <dd>
            {systemVolume
              ? t('device.freeOf', { free: formatBytes(systemVolume.freeBytes, i18n.language), size: formatBytes(systemVolume.sizeBytes, i18n.language), percent: formatPercent(systemVolume.freePercent, i18n.language) })
              : '—'}
          </dd>
          <dt>{t('device.uptime')}</dt>
          <dd>{formatDuration(sys?.uptimeSeconds, i18n.language)}</dd>
          <dt>{t('device.virtual')}</dt>
          <dd>
            <TriState value={sys?.virtualMachine} />
            {sys?.hypervisor ? ` ${sys.hypervisor}` : ''}
          </dd>
        </dl>
      </section>
      <div>
        <section className="panel" aria-labelledby="ov-agent">
          <h2 id="ov-agent">{t('device.agent')}</h2>
          <dl className="kv">
            <dt>{t('devices.lastSeen')}</dt>
            <dd>
              <DateText iso={d.lastSeenAt} /> (<DateText iso={d.lastSeenAt} relative />)
            </dd>
            <dt>{t('device.inventoryAt')}</dt>
            <dd>
              <DateText iso={d.inventoryAt} />
            </dd>
            <dt>{t('device.enrolledAt')}</dt>
            <dd>
              <DateText iso={d.enrolledAt} />
            </dd>
            <dt>{t('device.agentVersion')}</dt>
            <dd>{d.agentVersion}</dd>
            <dt>{t('device.outbox')}</dt>
            <dd>{detail.outboxItems ?? '—'}</dd>
            <dt>{t('devices.antivirus')}</dt>
            <dd>
              <AvBadge state={d.av} />
            </dd>
            <dt>{t('devices.backup')}</dt>
            <dd>
              <BackupBadge state={d.backup} />
            </dd>
          </dl>
          {detail.fullInventoryRequested && <p className="small muted">{t('device.fullRequested')}</p>}
        </section>
        <ProtectionSummaryPanel detail={detail} />
        <RemoteAccessPanel
          data={detail.inventory?.sections.remoteAccess?.data ?? null}
          collectedAt={detail.inventory?.sectionUpdatedAt.remoteAccess ?? null}
          error={detail.inventory?.sections.remoteAccess?.error}
        />
      </div>
    </div>
  );
}
