import type { DeviceSummary } from '@deskside/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { AvBadge, BackupBadge } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { formatPercent } from '../format/numbers.js';
import { useResource } from '../hooks/use-resource.js';
import { osLabel } from '../pages/devices-page.js';
import { useClient } from '../session/session-context.js';

/** Two default check-in intervals (15 minutes): a device quieter than this is not online. */
const ONLINE_WITHIN_MS = 30 * 60_000;
const SILENT_LONG_MS = 24 * 3_600_000;

function OnOffBadge({ label, state }: { readonly label: string; readonly state: DeviceSummary['firewall'] }) {
  const { t } = useTranslation();
  return (
    <span className="small muted">
      {label} <span className={`badge ${state === 'on' ? 'ok' : state === 'off' ? 'bad' : ''}`}>{t(`ticketDevice.${state}`)}</span>
    </span>
  );
}

/** Online or silent since when: the first thing a technician needs before calling or walking over. */
function Presence({ lastSeenAt }: { readonly lastSeenAt: string }) {
  const { t } = useTranslation();
  const silentFor = Date.now() - Date.parse(lastSeenAt);
  if (silentFor <= ONLINE_WITHIN_MS) return <span className="badge ok">{t('ticketDevice.online')}</span>;
  return (
    <span className={`badge ${silentFor > SILENT_LONG_MS ? 'bad' : 'warn'}`}>
      {t('ticketDevice.silent')} <DateText iso={lastSeenAt} relative />
    </span>
  );
}

/** The ticket's device at a glance, above the conversation; nothing for a ticket without a device. */
export function TicketDeviceBadges({ deviceId }: { readonly deviceId: string | null }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const res = useResource(`device-summary:${deviceId ?? ''}`, (signal) => (deviceId === null ? Promise.resolve(null) : client.deviceSummary(deviceId, signal)));
  const d = res.data;
  if (deviceId === null || d === undefined || d === null) return null;
  const disk = d.minFreeDiskPercent;
  return (
    <div className="device-strip row" role="group" aria-label={t('ticketDevice.label')}>
      <Link to={`/devices/${d.id}`}>{d.hostname}</Link>
      <Presence lastSeenAt={d.lastSeenAt} />
      <span className="small muted">{osLabel(d)}</span>
      <span className="small muted">
        {t('devices.user')} {d.loggedInUser ?? '—'}
      </span>
      <span className="small muted">
        {t('devices.antivirus')} <AvBadge state={d.av} />
      </span>
      <span className="small muted">
        {t('devices.backup')} <BackupBadge state={d.backup} />
      </span>
      <OnOffBadge label={t('ticketDevice.firewall')} state={d.firewall} />
      <OnOffBadge label={t('ticketDevice.encryption')} state={d.encryption} />
      <span className="small muted">
        {t('devices.freeDisk')}{' '}
        {disk === null ? '—' : <span className={`badge ${disk <= 10 ? 'bad' : disk <= 15 ? 'warn' : 'ok'}`}>{formatPercent(disk, i18n.language)}</span>}
      </span>
    </div>
  );
}
